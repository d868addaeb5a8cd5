package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The commands a host is given: a script run as a user, and the command that writes files
 * as their owners would. Every value in a script reaches the shell through
 * {@link Shell#quote}; file contents travel as base64, so that every byte arrives as written.
 */
final class HostScripts {
  private HostScripts() {}

  /** The command that runs {@code script} as {@code user} (root runs it directly), as a person at a prompt would. */
  static List<String> asUser(String user, String script) {
    List<String> cmd = new ArrayList<>();
    if (!user.equals("root")) cmd.addAll(List.of("sudo", "-u", user, "-H"));
    cmd.addAll(List.of("sh", "-c", script));
    return cmd;
  }

  /**
   * The command that writes {@code path} owned by {@code owner}, the directories above it
   * made by that owner too ({@code containers/nix-host/nix-host-write-files}, a builtin of
   * the command channel: no shell, so no value is ever parsed by one).
   */
  static List<String> writeFile(String path, String content, String owner) {
    return writeCommand(Map.of(path, content), owner);
  }

  /** The command that writes each file owned by whoever owns the nearest existing directory above it. */
  static List<String> writeFiles(Map<String, String> files) {
    return writeCommand(files, NEAREST_OWNER);
  }

  /** nix-host-write-files's owner for "whoever owns the nearest existing directory above the file". */
  private static final String NEAREST_OWNER = "";

  /** Contents travel as base64: every byte arrives as written, and none is a NUL, which ends an argument. */
  private static List<String> writeCommand(Map<String, String> files, String owner) {
    List<String> cmd = new ArrayList<>(List.of(WRITE_FILES));
    files.forEach((path, content) -> cmd.addAll(List.of(owner, path,
        Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))));
    return cmd;
  }

  static final String WRITE_FILES = "nix-host-write-files";
}
