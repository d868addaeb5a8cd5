package dev.dispatchcheck.dispatch.log;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a build did not happen, recognised by meaning rather than by one literal string:
 * each class lists the wordings of the Nix versions we know. Declaration order is
 * priority: when SSH fails, Nix goes on to say no machine could build the derivation, and
 * the SSH failure is the real cause.
 */
public enum ErrorClass {
  SSH_HOST_KEY_VERIFICATION("the builder's SSH host key was not accepted",
      "Host key verification failed"),
  SSH_KEY_UNUSABLE("the SSH identity file named for the builder cannot be used",
      "Load key \".*\": (?:Permission denied|No such file|bad permissions)",
      "Identity file .* not accessible", "UNPROTECTED PRIVATE KEY FILE"),
  SSH_AUTHENTICATION("the builder refused the SSH key",
      "Permission denied \\(publickey"),
  SSH_CONNECTION("no SSH connection to the builder could be made",
      "Could not resolve hostname", "Connection refused", "Connection timed out",
      "No route to host", "Connection closed by", "Name or service not known"),
  REMOTE_NIX_MISSING("nix-store is not on the builder's non-interactive PATH",
      "nix-store: (?:command )?not found"),
  NO_MACHINE_FOR_SYSTEM("no builder can build this system with these features",
      // Nix 2.8 .. 2.29
      "a '[^']+' with features \\{[^}]*\\} is required to build '",
      // Nix 2.30+
      "Cannot build '[^']+'"),
  BUILD_FAILED("the derivation's builder ran and failed",
      "builder for '[^']+' failed");

  private final String meaning;
  private final List<Pattern> patterns;

  ErrorClass(String meaning, String... regexes) {
    this.meaning = meaning;
    this.patterns = List.of(regexes).stream().map(Pattern::compile).toList();
  }

  public String meaning() {
    return meaning;
  }

  /** The first log line that shows this class, if any. */
  public Optional<String> firstLineIn(List<String> lines) {
    return lines.stream().filter(l -> patterns.stream().anyMatch(p -> p.matcher(l).find())).findFirst();
  }
}
