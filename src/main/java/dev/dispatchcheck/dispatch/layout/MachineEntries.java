package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A builders value walked entry by entry, {@code @file}s followed through the farm's
 * files, each entry with the file and line it came from. {@link MachinesFile} parses the
 * whole text at once and numbers lines per file without naming the file, so a problem in an
 * included file could not be placed; here each entry is parsed on its own with
 * MachinesFile, and placed by this walk. The segmentation is MachinesFile's (and Nix's
 * before 2.29): physical lines, then {@code ;}, then {@code #} to the end of the entry.
 */
final class MachineEntries {

  /**
   * Where an entry was written: a machines file and its line, or, for a {@code builders}
   * value, the nix.conf and the line of that setting. Line 0: no line (Nix's default value).
   */
  record Origin(String file, int line) {}

  record Builder(Origin origin, Machine machine) {}

  record Problem(Origin origin, Severity severity, String message, String versions) {}

  /** A machines file that is in the farm but holds no entry, named by {@code @path} at {@code origin}. */
  record EmptyFile(Origin origin, String path) {}

  // Nix reads the speed factor as a float from 2.20 on (libstore/machines.cc, parseFloatField,
  // first in tag 2.20.0); before, as an unsigned int, rejecting the line. Real runs agree:
  // features/11-nix-versions.feature, "a fractional speed factor in a machines line".
  private static final Pattern FRACTION = Pattern.compile("\\d*+\\.\\d*+");

  private final List<Builder> builders = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> filesRead = new LinkedHashSet<>();
  private final List<EmptyFile> emptyFiles = new ArrayList<>();
  /** Entries seen so far, builders and includes, valid or not: what tells an empty file. */
  private int entriesSeen;

  private final FarmLimits limits;

  private MachineEntries(FarmLimits limits) {
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
    MachineEntries walk = new MachineEntries(limits);
    walk.text(value, n -> origin, files, reportMissing, new ArrayList<>());
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

  private void text(String text, Function<Integer, Origin> at, Function<String, Optional<String>> files,
      boolean reportMissing, List<String> stack) {
    String[] physical = text.split("\n", -1);
    for (int n = 1; n <= physical.length; n++) {
      Origin origin = at.apply(n);
      String[] entries = physical[n - 1].split(";", -1);
      checkCommentSwallows(entries, origin);
      for (String raw : entries) {
        int hash = raw.indexOf('#');
        String entry = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (entry.isEmpty()) continue;
        entriesSeen++;
        if (entry.startsWith("@")) include(entry.substring(1).strip(), origin, files, reportMissing, stack);
        else builder(entry, origin);
      }
    }
  }

  private void include(String written, Origin origin, Function<String, Optional<String>> files,
      boolean reportMissing, List<String> stack) {
    if (!written.startsWith("/")) {
      problems.add(new Problem(origin, Severity.ERROR, "machines file '" + written + "' is a relative path, which Nix"
          + " resolves against the working directory of whichever Nix process reads it; give an absolute path", "all"));
      return;
    }
    String path = FarmLayout.normalize(written); // as Nix opens it
    Optional<String> text = files.apply(path);
    if (text.isEmpty()) {
      if (reportMissing) {
        problems.add(new Problem(origin, Severity.ERROR, "machines file '" + path + "' is not in the farm:"
            + " Nix skips a missing machines file without a word, so these builders would silently be absent", "all"));
      }
    } else if (stack.contains(path)) {
      problems.add(new Problem(origin, Severity.ERROR, "machines file '" + path + "' includes itself;"
          + " Nix would recurse until it crashes", "all"));
    } else if (stack.size() >= limits.includeDepth()) { // the stack holds the machines files above this @file
      problems.add(new Problem(origin, Severity.ERROR, FarmLimits.includeTooDeep("@" + path, limits.includeDepth()), ""));
    } else if (filesRead.contains(path)) {
      problems.add(new Problem(origin, Severity.ERROR, "machines file '" + path + "' is named a second time in this"
          + " builders value: Nix reads it again, dispatchcheck reads each machines file of a value once (so that"
          + " @file lines cannot multiply); name it in one place", ""));
    } else {
      filesRead.add(path);
      stack.add(path);
      int before = entriesSeen;
      text(text.get(), n -> new Origin(path, n), files, true, stack);
      if (entriesSeen == before) emptyFiles.add(new EmptyFile(origin, path));
      stack.remove(stack.size() - 1);
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
  private void checkCommentSwallows(String[] entries, Origin origin) {
    boolean inComment = false;
    for (String raw : entries) {
      int hash = raw.indexOf('#');
      if (inComment && !(hash >= 0 ? raw.substring(0, hash) : raw).isBlank()) {
        problems.add(new Problem(origin, Severity.WARNING, "an entry follows a '#' comment on the same line:"
            + " Nix before 2.29 reads it, Nix 2.29 and later take it as part of the comment and drop it", "Nix >= 2.29"));
        return;
      }
      inComment |= hash >= 0;
    }
  }
}
