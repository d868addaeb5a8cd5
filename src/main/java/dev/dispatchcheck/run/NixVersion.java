package dev.dispatchcheck.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Nix version a host can run, and the Debian suite whose nix-bin provides it. The table
 * lives in {@code containers/nix-versions.tsv}, read by the launcher and by Java alike.
 */
public record NixVersion(String label, String debianSuite) {
  public static final String TABLE = "containers/nix-versions.tsv";

  /** Every version the table knows, in its order. */
  public static List<NixVersion> known(Path projectDir) {
    Path table = projectDir.resolve(TABLE);
    try {
      return Files.readAllLines(table).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.split("\\s+"))
          .map(f -> new NixVersion(f[0], f[1]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Nix version table " + table.toAbsolutePath(), e);
    }
  }

  /** Accepts "2.8", "2.8.0", "2.26", "2.26.3". */
  public static NixVersion of(String text, Path projectDir) {
    List<NixVersion> known = known(projectDir);
    return find(text, known).orElseThrow(() -> new IllegalArgumentException("unknown Nix version '" + text
        + "'; known: " + String.join(", ", known.stream().map(NixVersion::label).toList())
        + " (" + TABLE + ")"));
  }

  static Optional<NixVersion> find(String text, List<NixVersion> known) {
    return known.stream().filter(v -> text.equals(v.label) || text.startsWith(v.label + ".")).findFirst();
  }

}
