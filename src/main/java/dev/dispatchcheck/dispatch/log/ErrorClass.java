package dev.dispatchcheck.dispatch.log;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a build did not happen, by meaning; {@link MessageCatalogue} holds how each Nix
 * version words it. Each class owns its phrase in the step vocabulary ("the agent's build
 * failed because PHRASE"). Declaration order is priority: when SSH fails, Nix goes on to
 * say no machine could build the derivation, and the SSH failure is the real cause.
 */
public enum ErrorClass {
  SSH_HOST_KEY_VERIFICATION("the builder's host key was not accepted",
      "the builder's SSH host key was not accepted"),
  SSH_KEY_UNUSABLE("the SSH key named for the builder cannot be used",
      "the SSH identity file named for the builder cannot be used"),
  SSH_AUTHENTICATION("the builder refused the SSH key",
      "the builder refused the SSH key"),
  SSH_CONNECTION("no SSH connection to the builder could be made",
      "no SSH connection to the builder could be made"),
  REMOTE_LOGIN_SHELL("the builder's login shell runs no commands",
      "the SSH user's login shell on the builder runs no commands (nologin prints 'This account is currently not"
          + " available.'), so neither nix-store --serve nor nix-daemon --stdio could start there"),
  REMOTE_NIX_MISSING("nix-store is missing on the builder",
      "nix-store is not on the builder's non-interactive PATH"),
  REMOTE_DAEMON_MISSING("nix-daemon is missing on the builder",
      "nix-daemon is not on the builder's non-interactive PATH (ssh-ng runs 'nix-daemon --stdio' there), or it"
          + " could not start: the SSH login worked, but no daemon answered"),
  REMOTE_USER_NOT_TRUSTED("the builder does not trust the SSH user",
      "the builder's daemon does not trust the SSH user, and only a trusted user may build an input-addressed derivation there"),
  NO_MACHINE_FOR_SYSTEM("no builder can build it",
      "no builder can build this system with these features"),
  OUTPUT_MISSING("the derivation did not create its output",
      "the derivation's builder ended without creating a declared output (whatever exit code the last error line gives)"),
  BUILD_FAILED("the derivation's builder failed",
      "the derivation's builder ran and failed");

  private final String phrase;
  private final String meaning;

  ErrorClass(String phrase, String meaning) {
    this.phrase = phrase;
    this.meaning = meaning;
  }

  /** The words a scenario uses for this cause. */
  public String phrase() {
    return phrase;
  }

  /** What it means, for failure messages. */
  public String meaning() {
    return meaning;
  }

  /** The class whose meaning these words are, if any. */
  public static Optional<ErrorClass> byMeaning(String words) {
    return Arrays.stream(values()).filter(c -> c.meaning.equals(words)).findFirst();
  }

  /** The class a scenario's words name; words that name none are an error, never a default. */
  public static ErrorClass byPhrase(String words) {
    return Arrays.stream(values()).filter(c -> c.phrase.equals(words)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no failure cause is worded '" + words + "'; known: "
            + Arrays.stream(values()).map(c -> "'" + c.phrase + "'").collect(Collectors.joining(", "))));
  }

}
