package dev.dispatchcheck.dispatch.log;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why a build did not happen, recognised by meaning rather than by one literal string:
 * each class lists the wordings of the Nix versions we know. Each class also owns its
 * phrase in the step vocabulary ("the agent's build failed because PHRASE"). Declaration
 * order is priority: when SSH fails, Nix goes on to say no machine could build the
 * derivation, and the SSH failure is the real cause.
 */
public enum ErrorClass {
  SSH_HOST_KEY_VERIFICATION("the builder's host key was not accepted",
      "the builder's SSH host key was not accepted",
      "Host key verification failed"),
  SSH_KEY_UNUSABLE("the SSH key named for the builder cannot be used",
      "the SSH identity file named for the builder cannot be used",
      "Load key \".*\": (?:Permission denied|No such file|bad permissions)",
      "Identity file .* not accessible", "UNPROTECTED PRIVATE KEY FILE"),
  SSH_AUTHENTICATION("the builder refused the SSH key",
      "the builder refused the SSH key",
      "Permission denied \\(publickey"),
  SSH_CONNECTION("no SSH connection to the builder could be made",
      "no SSH connection to the builder could be made",
      "Could not resolve hostname", "Connection refused", "Connection timed out",
      "No route to host", "Connection closed by", "Name or service not known"),
  REMOTE_NIX_MISSING("nix-store is missing on the builder",
      "nix-store is not on the builder's non-interactive PATH",
      "nix-store: (?:command )?not found"),
  REMOTE_DAEMON_MISSING("nix-daemon is missing on the builder",
      "nix-daemon is not on the builder's non-interactive PATH (ssh-ng runs 'nix-daemon --stdio' there), or it"
          + " could not start: the SSH login worked, but no daemon answered",
      "nix-daemon: (?:command )?not found",
      // Nix 2.8: ssh-ng's remote command died before speaking
      "cannot open connection to remote store 'ssh-ng://[^']*': error: unexpected end-of-file",
      // Nix 2.26
      "cannot open connection to remote store 'ssh-ng://[^']*': error: Nix daemon disconnected unexpectedly"),
  REMOTE_USER_NOT_TRUSTED("the builder does not trust the SSH user",
      "the builder's daemon does not trust the SSH user, and only a trusted user may build an input-addressed derivation there",
      "not privileged to build input-addressed derivations", "you are not privileged to build",
      // Nix 2.16+: the client copies the closure to an untrusted remote user instead
      "lacks a signature by a trusted key"),
  NO_MACHINE_FOR_SYSTEM("no builder can build it",
      "no builder can build this system with these features",
      // Nix 2.8 .. 2.29
      "a '[^']+' with features \\{[^}]*\\} is required to build '",
      // Nix 2.30+
      "Cannot build '[^']+'"),
  BUILD_FAILED("the derivation's builder failed",
      "the derivation's builder ran and failed",
      "builder for '[^']+' failed");

  private final String phrase;
  private final String meaning;
  private final List<Pattern> patterns;

  ErrorClass(String phrase, String meaning, String... regexes) {
    this.phrase = phrase;
    this.meaning = meaning;
    this.patterns = List.of(regexes).stream().map(Pattern::compile).toList();
  }

  /** The words a scenario uses for this cause. */
  public String phrase() {
    return phrase;
  }

  /** What it means, for failure messages. */
  public String meaning() {
    return meaning;
  }

  /** The class a scenario's words name; words that name none are an error, never a default. */
  public static ErrorClass byPhrase(String words) {
    return Arrays.stream(values()).filter(c -> c.phrase.equals(words)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no failure cause is worded '" + words + "'; known: "
            + Arrays.stream(values()).map(c -> "'" + c.phrase + "'").collect(Collectors.joining(", "))));
  }

  /** The first log line that shows this class, if any. */
  public Optional<String> firstLineIn(List<String> lines) {
    return lines.stream().filter(l -> patterns.stream().anyMatch(p -> p.matcher(l).find())).findFirst();
  }
}
