package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Nix machines file, or the value of the {@code builders} setting: entries separated by
 * newlines or {@code ;}, {@code #} comments, and {@code @file} lines that include another
 * machines file. The parse follows Nix's own (libstore/machines.cc): a missing include is
 * silently skipped by Nix, so this model records it instead, where a harness can see it.
 */
public final class MachinesFile {

  /** An entry is either a builder line or an include of another file. */
  public sealed interface Entry permits Line, Include {}

  public record Line(Machine machine) implements Entry {}

  /** {@code @path}; {@code included} is empty when the file did not exist. */
  public record Include(String path, Optional<MachinesFile> included) implements Entry {}

  private static final Pattern DECIMAL = Pattern.compile("[0-9]*+\\.?+[0-9]*+");

  private final List<Entry> entries;

  private MachinesFile(List<Entry> entries) {
    this.entries = List.copyOf(entries);
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
   * recursion as deep as the files go.
   */
  public static MachinesFile parse(String text, Function<String, Optional<String>> reader, int maxDepth) {
    return parse(text, reader, maxDepth, 0);
  }

  /** How deep includes may nest by default: as deep as dispatchcheck's default limit for a farm's include chains. */
  public static final int DEFAULT_MAX_DEPTH = 16;

  private static MachinesFile parse(String text, Function<String, Optional<String>> reader, int maxDepth, int depth) {
    List<Entry> entries = new ArrayList<>();
    int lineNo = 0;
    for (String physical : text.split("\n", -1)) {
      lineNo++;
      for (String raw : physical.split(";", -1)) {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) continue;
        if (line.startsWith("@")) {
          String path = line.substring(1).strip();
          Optional<String> included = reader.apply(path);
          if (included.isPresent() && depth >= maxDepth) {
            throw new MachinesFileException(String.format("line %d: @%s nests machines files more than %d deep"
                + " (a file that includes itself, or a chain too long)", lineNo, path, maxDepth));
          }
          entries.add(new Include(path, included.map(t -> parse(t, reader, maxDepth, depth + 1))));
        } else {
          entries.add(new Line(parseLine(line, lineNo)));
        }
      }
    }
    return new MachinesFile(entries);
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

  public List<Entry> entries() {
    return entries;
  }

  /** Every machine, with includes expanded in place, as Nix sees them. */
  public List<Machine> machines() {
    List<Machine> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e instanceof Line l) out.add(l.machine());
      else if (e instanceof Include i) i.included().ifPresent(m -> out.addAll(m.machines()));
    }
    return out;
  }

  /** Includes whose file did not exist, at any depth: Nix drops them without a word. */
  public List<String> missingIncludes() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e instanceof Include i) {
        if (i.included().isEmpty()) out.add(i.path());
        else out.addAll(i.included().get().missingIncludes());
      }
    }
    return out;
  }

  /** One entry a line, includes as {@code @path}, in the original order. */
  public String render() {
    return entries.stream()
        .map(e -> e instanceof Line l ? l.machine().render() : "@" + ((Include) e).path())
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
