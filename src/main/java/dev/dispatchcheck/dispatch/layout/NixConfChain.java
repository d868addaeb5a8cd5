package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.IncludeWalk;
import dev.dispatchcheck.dispatch.config.NixConf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nix.conf as Nix reads it: its settings in order, each with the file and line it came
 * from, {@code include}s followed through the farm's files (an {@link IncludeWalk}). It
 * also records what Nix would reject, for {@link Lint}.
 */
final class NixConfChain implements IncludeWalk.Visitor {

  record Located(String file, int line, String name, String value) {}

  /** Something Nix rejects; every one is fatal to a Nix command reading the file. */
  record Problem(String file, int line, String message) {}

  /** An include of a file the farm does not hold (every include of a chain whose includes are not followed). */
  record Absent(String file, int line, String path, boolean optional) {}

  private static final Pattern LINE_NO = Pattern.compile("line (\\d+)");

  private final List<Located> settings = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final List<Absent> absent = new ArrayList<>();
  private Set<String> files = Set.of();

  private final boolean followIncludes;
  private final FarmLimits limits;

  private NixConfChain(boolean followIncludes, FarmLimits limits) {
    this.followIncludes = followIncludes;
    this.limits = limits;
  }

  /**
   * Reads {@code path} through {@code files}. With {@code followIncludes} false (a builder's
   * nix.conf, whose includes the farm does not hold), includes are neither read nor checked.
   */
  static NixConfChain read(String path, Function<String, Optional<String>> files, boolean followIncludes) {
    return read(path, files, followIncludes, FarmLimits.DEFAULT);
  }

  /**
   * The same, following includes at most {@link FarmLimits#includeDepth} deep, and each
   * file of the chain once: a file included again is a problem, not read again, so that
   * includes cannot multiply the work (a file that includes another twice, which includes
   * another twice, …) and the reading stays within the size of the farm.
   */
  static NixConfChain read(String path, Function<String, Optional<String>> files, boolean followIncludes,
      FarmLimits limits) {
    NixConfChain chain = new NixConfChain(followIncludes, limits);
    files.apply(path).ifPresent(text ->
        chain.files = new IncludeWalk(files, limits.includeDepth(), true, chain).file(path, text).filesRead());
    return chain;
  }

  List<Located> settings() {
    return settings;
  }

  List<Problem> problems() {
    return problems;
  }

  /** The includes of files the farm does not hold, in order. */
  List<Absent> absent() {
    return absent;
  }

  /** The files read, the first one and its includes. */
  Set<String> files() {
    return files;
  }

  /** The setting that wins: the last one. */
  Optional<Located> last(String name) {
    Optional<Located> found = Optional.empty();
    for (Located s : settings) if (s.name().equals(name)) found = Optional.of(s);
    return found;
  }

  /** trusted-users as the daemon ends up with it: Nix's default is root; extra- appends, a plain setting replaces. */
  List<String> trustedUsers() {
    List<String> users = new ArrayList<>(List.of("root"));
    for (Located s : settings) {
      if (s.name().equals("trusted-users")) users.clear();
      if (s.name().equals("trusted-users") || s.name().equals("extra-trusted-users")) {
        for (String u : s.value().split("\\s+")) if (!u.isEmpty()) users.add(u);
      }
    }
    return users;
  }

  /** A file with a line that is neither a setting nor an include is refused whole, before any of its lines counts. */
  @Override
  public boolean enter(String file, String text) {
    try {
      NixConf.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(file, lineOf(e.getMessage()), e.getMessage()
          + "; Nix refuses the whole file (`illegal configuration line`), so every Nix command fails"));
      return false;
    }
  }

  @Override
  public void entry(IncludeWalk.Entry line, IncludeWalk walk) {
    NixConf.Entry entry = NixConf.entry(line.text(), line.line()).orElse(null);
    if (entry instanceof NixConf.Setting s) {
      checkEqualsIsAWord(line.file(), line.line(), line.text());
      settings.add(new Located(line.file(), line.line(), s.name(), s.value()));
    } else if (entry instanceof NixConf.Include inc && followIncludes) {
      include(line.file(), line.line(), inc, walk);
    } else if (entry instanceof NixConf.Include inc) {
      absent.add(new Absent(line.file(), line.line(), target(line.file(), inc), inc.optional()));
    }
  }

  /** Nix resolves a relative include against the including file's directory. */
  private static String target(String from, NixConf.Include inc) {
    return FarmLayout.normalize(inc.path().startsWith("/") ? inc.path() : from.substring(0, from.lastIndexOf('/') + 1) + inc.path());
  }

  private void include(String from, int line, NixConf.Include inc, IncludeWalk walk) {
    String target = target(from, inc);
    switch (walk.include(target)) {
      case ITSELF -> problems.add(new Problem(from, line, "'" + target + "' includes itself; Nix would recurse until it crashes"));
      case MISSING -> {
        absent.add(new Absent(from, line, target, inc.optional()));
        // An include of a secret (FarmSecrets) gets an empty throwaway on the stand-in; one of any other file is a file the farm lacks.
        if (!inc.optional() && !SecretPaths.secretDirectory(target)) {
          problems.add(new Problem(from, line, "included file '" + target + "' is not in the farm; Nix stops with `file '"
              + target + "' included from '" + from + "' not found` (use !include to tolerate a missing file)"));
        }
      }
      case TOO_DEEP -> problems.add(new Problem(from, line,
          FarmLimits.includeTooDeep("include '" + target + "'", limits.includeDepth())));
      case AGAIN -> problems.add(new Problem(from, line, "'" + target + "' is included a second time in this chain of"
          + " includes: Nix reads it again, dispatchcheck reads each file of a chain once (so that includes cannot"
          + " multiply); include it from one place"));
      case FOLLOWED -> { }
    }
  }

  /** NixConf reads {@code name=value}; Nix splits the line into words and wants {@code =} to be the second. */
  private void checkEqualsIsAWord(String path, int line, String raw) {
    int hash = raw.indexOf('#');
    String[] words = (hash >= 0 ? raw.substring(0, hash) : raw).strip().split("\\s+");
    if (words.length < 2 || !words[1].equals("=")) {
      problems.add(new Problem(path, line, "'" + raw.strip() + "': Nix wants spaces around '=' and rejects the line"
          + " (`illegal configuration line`), so every Nix command fails"));
    }
  }

  private static int lineOf(String message) {
    Matcher m = LINE_NO.matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
