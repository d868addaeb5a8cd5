package dev.dispatchcheck.dispatch.config;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Lix's TOML machines file (Lix 2.95 and later; lix/lix-rs/src/machines.rs): an optional
 * {@code version = 1}, then a table per builder, {@code [machines.NAME]} with {@code uri = "…"},
 * {@code system-types = […]} and so on. Lix tries TOML before the machines-line format; Nix
 * knows only the latter and reads such a file as garbage machine lines. Recognised here by its
 * shape only, so that it is named for what it is and never parsed as machine lines.
 */
public final class LixMachinesToml {

  /** {@code version = N} as the first line with content. */
  private static final Pattern VERSION = Pattern.compile("version\\s*+=\\s*+[0-9]++");
  /** A {@code [machines]} or {@code [machines.NAME]} table header, or a dotted key {@code machines.NAME… =}. */
  private static final Pattern MACHINES = Pattern.compile("\\[\\s*+machines\\s*+(?:\\.[^\\]]*+)?]|machines\\s*+\\.[^=\\s]++\\s*+=.*+");

  private LixMachinesToml() {}

  /** The line (from 1) that shows {@code text} to be a Lix TOML machines file; empty for any other text. */
  public static OptionalInt line(String text) {
    String[] lines = text.split("\n", -1);
    boolean first = true;
    for (int n = 1; n <= lines.length; n++) {
      String line = MachinesFile.withoutComment(lines[n - 1]);
      if (line.isEmpty()) continue;
      if ((first && VERSION.matcher(line).matches()) || MACHINES.matcher(line).matches()) return OptionalInt.of(n);
      first = false;
    }
    return OptionalInt.empty();
  }
}
