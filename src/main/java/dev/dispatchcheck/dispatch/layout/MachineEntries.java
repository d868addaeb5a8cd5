package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.IncludeWalk;
import dev.dispatchcheck.dispatch.config.LixMachinesToml;
import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A builders value walked entry by entry, {@code @file}s followed through the farm's files
 * (an {@link IncludeWalk}), each entry with the file and line it came from, so that a problem
 * in an included file is placed where it is. Each entry is parsed on its own with
 * MachinesFile, whose segmentation this is (and Nix's before 2.29): physical lines, then
 * {@code ;}, then {@code #} to the end of the entry.
 */
final class MachineEntries implements IncludeWalk.Visitor {

  /**
   * Where an entry was written: a machines file and its line, or, for a {@code builders}
   * value, the nix.conf and the line of that setting. Line 0: no line (Nix's default value).
   */
  record Origin(String file, int line) {}

  record Builder(Origin origin, Machine machine) {}

  record Problem(Origin origin, Severity severity, String message, String versions) {}

  /** A machines file that is in the farm but holds no entry, named by {@code @path} at {@code origin}. */
  record EmptyFile(Origin origin, String path) {}

  /** A machines file in Lix's TOML format, at the line that shows it; its lines are not read as entries. */
  record LixTomlFile(String file, int line) {}

  /** A machines file followed, named at {@code origin}, and how many entries the walk had seen when it was. */
  private record Followed(Origin origin, String path, int entriesSeen) {}

  // Nix reads the speed factor as a float from 2.20 on (libstore/machines.cc, parseFloatField,
  // first in tag 2.20.0); before, as an unsigned int, rejecting the line. Real runs agree:
  // features/11-nix-versions.feature, "a fractional speed factor in a machines line".
  private static final Pattern FRACTION = Pattern.compile("\\d*+\\.\\d*+");

  private final List<Builder> builders = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private Set<String> filesRead = Set.of();
  private final List<EmptyFile> emptyFiles = new ArrayList<>();
  private final List<LixTomlFile> lixTomlFiles = new ArrayList<>();
  private final Deque<Followed> followed = new ArrayDeque<>();
  /** Entries seen so far, builders and includes, valid or not: what tells an empty file. */
  private int entriesSeen;

  private final Origin origin;
  private final boolean reportMissing;
  private final FarmLimits limits;

  private MachineEntries(Origin origin, boolean reportMissing, FarmLimits limits) {
    this.origin = origin;
    this.reportMissing = reportMissing;
    this.limits = limits;
  }

  /** Walks a builders value written at {@code origin}; {@code reportMissing} is false for Nix's default value. */
  static MachineEntries walk(String value, Origin origin, Function<String, Optional<String>> files, boolean reportMissing) {
    return walk(value, origin, files, reportMissing, FarmLimits.DEFAULT);
  }

  /**
   * The same, following {@code @file}s at most {@link FarmLimits#includeDepth} deep, and each
   * machines file once: one named again is a problem, not read again, so that {@code @file}
   * lines cannot multiply the work and the walk stays within the size of the farm.
   */
  static MachineEntries walk(String value, Origin origin, Function<String, Optional<String>> files, boolean reportMissing,
      FarmLimits limits) {
    MachineEntries walk = new MachineEntries(origin, reportMissing, limits);
    walk.filesRead = new IncludeWalk(files, limits.includeDepth(), true, walk).text(value).filesRead();
    return walk;
  }

  List<Builder> builders() {
    return builders;
  }

  List<Problem> problems() {
    return problems;
  }

  /** The machines files the value reaches, at any depth. */
  Set<String> filesRead() {
    return filesRead;
  }

  /** The files it reaches that hold no entry (empty, or comments and blank lines only). */
  List<EmptyFile> emptyFiles() {
    return emptyFiles;
  }

  /** The files it reaches that are in Lix's TOML format. */
  List<LixTomlFile> lixTomlFiles() {
    return lixTomlFiles;
  }

  /** Where an entry was written: the value's own lines are all at the value's origin. */
  private Origin originOf(IncludeWalk.Entry e) {
    return e.depth() == 0 ? origin : new Origin(e.file(), e.line());
  }

  /** A followed file in Lix's TOML format is named as such, never read as garbage entries (nor as an empty file). */
  @Override
  public boolean enter(String file, String text) {
    OptionalInt line = file.isEmpty() ? OptionalInt.empty() : LixMachinesToml.line(text);
    line.ifPresent(n -> lixTomlFiles.add(new LixTomlFile(file, n)));
    return line.isEmpty();
  }

  @Override
  public List<String> entries(IncludeWalk.Entry line) {
    List<String> entries = MachinesFile.entriesOf(line.text());
    checkCommentSwallows(entries, originOf(line));
    return entries;
  }

  @Override
  public void entry(IncludeWalk.Entry at, IncludeWalk walk) {
    String entry = MachinesFile.withoutComment(at.text());
    if (entry.isEmpty()) return;
    entriesSeen++;
    if (entry.startsWith("@")) include(entry.substring(1).strip(), at, walk);
    else builder(entry, originOf(at));
  }

  @Override
  public void leave(String file, int depth) {
    if (depth == 0) return;
    Followed f = followed.pop();
    boolean lixToml = lixTomlFiles.stream().anyMatch(t -> t.file().equals(f.path()));
    if (entriesSeen == f.entriesSeen() && !lixToml) emptyFiles.add(new EmptyFile(f.origin(), f.path()));
  }

  private void include(String written, IncludeWalk.Entry at, IncludeWalk walk) {
    Origin origin = originOf(at);
    if (!written.startsWith("/")) {
      problems.add(new Problem(origin, Severity.ERROR, "machines file '" + written + "' is a relative path, which Nix"
          + " resolves against the working directory of whichever Nix process reads it; give an absolute path", "all"));
      return;
    }
    String path = FarmLayout.normalize(written); // as Nix opens it
    switch (walk.include(path)) {
      case MISSING -> {
        if (reportMissing || at.depth() > 0) {
          problems.add(new Problem(origin, Severity.ERROR, "machines file '" + path + "' is not in the farm:"
              + " Nix skips a missing machines file without a word, so these builders would silently be absent", "all"));
        }
      }
      case ITSELF -> problems.add(new Problem(origin, Severity.ERROR, "machines file '" + path + "' includes itself;"
          + " Nix would recurse until it crashes", "all"));
      case TOO_DEEP -> problems.add(new Problem(origin, Severity.ERROR,
          FarmLimits.includeTooDeep("@" + path, limits.includeDepth()), ""));
      case AGAIN -> problems.add(new Problem(origin, Severity.ERROR, "machines file '" + path + "' is named a second"
          + " time in this builders value: Nix reads it again, dispatchcheck reads each machines file of a value once"
          + " (so that @file lines cannot multiply); name it in one place", ""));
      case FOLLOWED -> followed.push(new Followed(origin, path, entriesSeen));
    }
  }

  private void builder(String entry, Origin origin) {
    String[] fields = entry.split("\\s+");
    if (fields.length > 4 && FRACTION.matcher(fields[4]).matches() && !fields[4].equals(".")) {
      problems.add(new Problem(origin, Severity.WARNING, "speed factor '" + fields[4] + "' is fractional:"
          + " Nix 2.20 and later accept it, older Nix rejects the line (`bad machine specification`)", "Nix < 2.20"));
    }
    try {
      builders.add(new Builder(origin, MachinesFile.parse(String.join(" ", fields)).machines().get(0)));
    } catch (MachinesFileException e) {
      problems.add(new Problem(origin, Severity.ERROR, e.getMessage().replaceFirst("^line \\d+: ", ""), "all"));
    }
  }

  /**
   * {@code a x # old ; b y}: Nix before 2.29 splits at {@code ;} first and reads b; 2.29
   * (commit f8b13cce, "Fix `;` and `#` bug in machine file parsing") ends the comment at the
   * end of the line only and drops b. Read from the sources, still to be verified by a scenario.
   */
  private void checkCommentSwallows(List<String> entries, Origin origin) {
    boolean inComment = false;
    for (String raw : entries) {
      if (inComment && !MachinesFile.withoutComment(raw).isEmpty()) {
        problems.add(new Problem(origin, Severity.WARNING, "an entry follows a '#' comment on the same line:"
            + " Nix before 2.29 reads it, Nix 2.29 and later take it as part of the comment and drop it", "Nix >= 2.29"));
        return;
      }
      inComment |= raw.contains("#");
    }
  }
}
