package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.Printable;
import java.util.Objects;

/**
 * One lint result.
 *
 * @param file the file at fault, relative to the farm directory, e.g. {@code agent/etc/nix/machines}
 * @param line 1-based line in that file, 0 when the finding concerns the whole file
 * @param versions the Nix versions it concerns: {@code "all"}, e.g. {@code "Nix < 2.20"}, or
 *     {@code ""} when it is about the harness rather than Nix
 */
public record Finding(Severity severity, String file, int line, String message, String versions) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(versions, "versions");
  }

  /**
   * Compiler style, so editors and CI logs can jump to the line; escaped, as the message
   * may quote the operator's bytes and the file name is theirs too.
   */
  @Override
  public String toString() {
    return Printable.escape(file + (line > 0 ? ":" + line : "") + ": " + severity.name().toLowerCase() + ": " + message
        + (versions.isEmpty() || versions.equals("all") ? "" : " [" + versions + "]"));
  }
}
