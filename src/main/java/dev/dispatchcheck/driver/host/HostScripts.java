package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The shell a host is given: a script run as a user, and the scripts that write files as
 * their owners would. Every value reaches the shell through {@link Shell#quote}; file
 * contents travel as base64, so that every byte arrives as written.
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

  /** Writes one file owned by {@code owner}, its parent directories made by that owner too. */
  static String writeFile(String path, String content, String owner) {
    return "set -e; " + writeScript(path, content, Shell.quote(owner));
  }

  /**
   * {@code setup}, then {@code files} as {@link #writeFiles} writes them. The daemon's
   * restart follows as a command of its own (the channel runs it in a fork, not a program).
   */
  static String configure(String setup, Map<String, String> files) {
    StringBuilder script = new StringBuilder("set -e\n").append(setup);
    files.forEach((path, content) -> script.append(ownedWriteScript(path, content)));
    return script.toString();
  }

  /** Writes each file owned by whoever owns the nearest existing directory above it. */
  static String writeFiles(Map<String, String> files) {
    StringBuilder script = new StringBuilder("set -e\n");
    files.forEach((path, content) -> script.append(ownedWriteScript(path, content)));
    return script.toString();
  }

  private static String ownedWriteScript(String path, String content) {
    return "d=$(dirname " + Shell.quote(path) + "); while [ ! -e \"$d\" ]; do d=$(dirname \"$d\"); done; o=$(stat -c %U \"$d\")\n"
        + writeScript(path, content, "\"$o\"") + "\n";
  }

  /** {@code owner} is a shell word already: a quoted name, or "$o". */
  private static String writeScript(String path, String content, String owner) {
    String dir = Shell.quote(path.substring(0, Math.max(1, path.lastIndexOf('/'))));
    String file = Shell.quote(path);
    String base64 = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    return "if [ " + owner + " = root ]; then mkdir -p " + dir + "; else sudo -u " + owner + " mkdir -p " + dir + "; fi; "
        + "echo " + Shell.quote(base64) + " | base64 -d > " + file + "; chown " + owner + ": " + file;
  }
}
