package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A Nix machines file, or the value of the {@code builders} setting: entries separated by
 * newlines or {@code ;}, {@code #} comments, and {@code @file} lines that include another
 * machines file. The parse follows Nix's own (libstore/machines.cc): a missing include is
 * silently skipped by Nix, so this model records it instead, where a harness can see it.
 *
 * @param machines every machine, with includes expanded in place, as Nix sees them
 * @param missingIncludes includes whose file did not exist, at any depth: Nix drops them without a word
 * @param lixTomlFiles included files in Lix's TOML format ({@link LixMachinesToml}), whose lines are not
 *     read as machine lines: no machine of {@link #machines} comes from them
 */
public record MachinesFile(List<Machine> machines, List<String> missingIncludes, List<String> lixTomlFiles) {

  private static final Pattern DECIMAL = Pattern.compile("[0-9]*+\\.?+[0-9]*+");

  /** How deep includes may nest by default: as deep as dispatchcheck's default limit for a farm's include chains. */
  public static final int DEFAULT_MAX_DEPTH = 16;

  public MachinesFile {
    machines = List.copyOf(machines);
    missingIncludes = List.copyOf(missingIncludes);
    lixTomlFiles = List.copyOf(lixTomlFiles);
  }

  /** No machines: what a builders value that cannot be parsed gives those who go on without it. */
  public static MachinesFile none() {
    return new MachinesFile(List.of(), List.of(), List.of());
  }

  /** Parses text whose {@code @file} lines must not occur (or are left unresolved). */
  public static MachinesFile parse(String text) {
    return parse(text, path -> Optional.empty());
  }

  /**
   * Parses text; {@code reader} returns an included file's content, or empty when the file
   * does not exist. Includes nest at most {@link #DEFAULT_MAX_DEPTH} deep.
   */
  public static MachinesFile parse(String text, Function<String, Optional<String>> reader) {
    return parse(text, reader, DEFAULT_MAX_DEPTH);
  }

  /**
   * The same, with includes nested at most {@code maxDepth} deep: deeper, or a file that
   * includes itself (Nix recurses until it crashes), is a MachinesFileException, not a
   * recursion as deep as the files go. A file named twice is read twice, as Nix reads it.
   */
  public static MachinesFile parse(String text, Function<String, Optional<String>> reader, int maxDepth) {
    Parse parse = new Parse(maxDepth);
    new IncludeWalk(reader, maxDepth, false, parse).text(text);
    return new MachinesFile(parse.machines, parse.missing, parse.lixToml);
  }

  /** A line's entries as Nix before 2.29 splits them: at each {@code ;}, each with its comment. */
  public static List<String> entriesOf(String line) {
    return List.of(line.split(";", -1));
  }

  /** An entry without its {@code #} comment and surrounding blanks; empty for a blank or comment entry. */
  public static String withoutComment(String entry) {
    int hash = entry.indexOf('#');
    return (hash >= 0 ? entry.substring(0, hash) : entry).strip();
  }

  /** The walk's visitor: each entry parsed where it is met, an include's entries in its place. */
  private static final class Parse implements IncludeWalk.Visitor {
    private final int maxDepth;
    private final List<Machine> machines = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> lixToml = new ArrayList<>();

    Parse(int maxDepth) {
      this.maxDepth = maxDepth;
    }

    /** An included file in Lix's TOML format is skipped whole: its lines are no machine lines. */
    @Override
    public boolean enter(String file, String text) {
      if (file.isEmpty() || LixMachinesToml.line(text).isEmpty()) return true;
      lixToml.add(file);
      return false;
    }

    @Override
    public List<String> entries(IncludeWalk.Entry line) {
      return entriesOf(line.text());
    }

    @Override
    public void entry(IncludeWalk.Entry at, IncludeWalk walk) {
      String line = withoutComment(at.text());
      if (line.isEmpty()) return;
      if (line.startsWith("@")) {
        String path = line.substring(1).strip();
        switch (walk.include(path)) {
          case MISSING -> missing.add(path);
          case TOO_DEEP -> throw new MachinesFileException(String.format("line %d: @%s nests machines files more than %d"
              + " deep (a file that includes itself, or a chain too long)", at.line(), path, maxDepth));
          default -> { }
        }
      } else {
        machines.add(parseLine(line, at.line()));
      }
    }
  }

  private static Machine parseLine(String line, int lineNo) {
    String[] f = line.split("\\s+");
    if (f.length > 8) {
      throw new MachinesFileException(String.format(
          "line %d: '%s' has %d fields, a machine line has at most 8", lineNo, line, f.length));
    }
    return new Machine(
        f[0],
        field(f, 1).map(s -> List.of(s.split(","))).orElse(List.of()),
        field(f, 2),
        field(f, 3).map(s -> number(s, "max jobs", line, lineNo)),
        // A decimal since Nix 2.20; older Nix rejects a fraction (the lint says so, per version).
        field(f, 4).map(s -> decimal(s, "speed factor", line, lineNo)),
        field(f, 5).map(MachinesFile::featureSet).orElse(Set.of()),
        field(f, 6).map(MachinesFile::featureSet).orElse(Set.of()),
        field(f, 7));
  }

  private static Optional<String> field(String[] f, int i) {
    return i < f.length && !f[i].equals("-") ? Optional.of(f[i]) : Optional.empty();
  }

  private static Set<String> featureSet(String s) {
    return Set.of(s.split(","));
  }

  private static int number(String s, String what, String line, int lineNo) {
    try {
      int n = Integer.parseInt(s);
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new MachinesFileException(String.format(
          "line %d: '%s': %s '%s' is not a non-negative number", lineNo, line, what, s));
    }
  }

  private static double decimal(String s, String what, String line, int lineNo) {
    try {
      // Checked before parseDouble, which takes more ("1d", "0x1p3"); possessive, so a long field is one pass.
      if (!DECIMAL.matcher(s).matches()) throw new NumberFormatException();
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new MachinesFileException(String.format(
          "line %d: '%s': %s '%s' is not a non-negative number", lineNo, line, what, s));
    }
  }
}
