package dev.dispatchcheck.dispatch.log;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  SSH_JUMP_AUTHENTICATION("the bastion refused the SSH key",
      "a jump host on the way to the builder (ProxyJump) refused root's SSH key, so the builder was never reached"),
  SSH_AUTHENTICATION("the builder refused the SSH key",
      "the builder refused the SSH key"),
  SSH_CONNECTION("no SSH connection to the builder could be made",
      "no SSH connection to the builder could be made"),
  SSH_SHARING_STARTED("ssh's connection sharing broke the protocol",
      "ssh wrote 'started', Nix's own LocalCommand, into the protocol: root's ssh_config shares connections"
          + " (ControlMaster), Nix found a master up and so did not wait for that line, yet ssh connected on its own"
          + " (the master could not carry another session: the builder's MaxSessions, or a dead master connection)"),
  REMOTE_LOGIN_SHELL("the builder's login shell runs no commands",
      "the SSH user's login shell on the builder runs no commands (nologin prints 'This account is currently not"
          + " available.'), so neither nix-store --serve nor nix-daemon --stdio could start there"),
  REMOTE_NIX_MISSING("nix-store is missing on the builder",
      "nix-store is not on the builder's non-interactive PATH"),
  REMOTE_DAEMON_MISSING("nix-daemon is missing on the builder",
      "nix-daemon is not on the builder's non-interactive PATH (ssh-ng runs 'nix-daemon --stdio' there), or it"
          + " could not start: the SSH login worked, but no daemon answered"),
  REMOTE_CLOSED_EARLY("the builder's end closed before Nix spoke",
      "the SSH login worked, but the command at the builder's end had ended before Nix's greeting reached it"
          + " ('writing to file: Broken pipe'), so the client's log cannot say why: a login shell that runs no commands,"
          + " or a remote program that ends at once"),
  REMOTE_USER_NOT_TRUSTED("the builder does not trust the SSH user",
      "the builder's daemon does not trust the SSH user, and only a trusted user may build an input-addressed derivation there"),
  MACHINES_UNPARSABLE("Nix cannot read the machines line",
      "this Nix version cannot read a machines line (a store URI or field it rejects), and then none of the"
          + " builders value counts"),
  NO_MACHINE_FOR_SYSTEM("no builder can build it",
      "no builder can build this system with these features"),
  // After the build: the build itself went where the log says, and succeeded there.
  POST_BUILD_HOOK_FAILED("the post-build hook failed",
      "the post-build-hook failed" + ErrorClass.AFTER_THE_BUILD + ErrorClass.DECIDES_NOTHING),
  OUTPUT_MISSING("the derivation did not create its output",
      "the derivation's builder ended without creating a declared output (whatever exit code the last error line gives)"),
  BUILD_FAILED("the derivation's builder failed",
      "the derivation's builder ran and failed");

  /** What a post-build hook's failure means for where the build went. */
  private static final String AFTER_THE_BUILD = " after the build had succeeded";
  private static final String DECIDES_NOTHING = ": a post-build hook runs after a build and does not decide where it goes";
  /** The program and exit code of a failed program's error line, in any version's quotes. */
  private static final Pattern FAILED_PROGRAM = Pattern.compile("program ['\"]([^'\"]+)['\"] failed with exit code (\\d+)");

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

  /**
   * The meaning, with what {@code errorLine} names: for the post-build hook, its program and
   * exit code ("the post-build-hook /etc/nix/upload-to-cache.sh exited 1 after …").
   */
  public String meaning(String errorLine) {
    return meaning(errorLine, "");
  }

  /** The same, and for the post-build hook where the build it ran after succeeded ("on HOST", "locally"), if given. */
  public String meaning(String errorLine, String builtWhere) {
    Matcher m = FAILED_PROGRAM.matcher(errorLine);
    if (this != POST_BUILD_HOOK_FAILED || !m.find()) return meaning;
    return "the post-build-hook " + m.group(1) + " exited " + m.group(2) + AFTER_THE_BUILD
        + (builtWhere.isEmpty() ? "" : " " + builtWhere) + DECIDES_NOTHING;
  }

  /** The class whose meaning these words are, with or without what an error line named, if any. */
  public static Optional<ErrorClass> byMeaning(String words) {
    return Arrays.stream(values()).filter(c -> c.meaning.equals(words)
        || (c == POST_BUILD_HOOK_FAILED && words.startsWith("the post-build-hook ") && words.endsWith(DECIDES_NOTHING)))
        .findFirst();
  }

  /** The class a scenario's words name; words that name none are an error, never a default. */
  public static ErrorClass byPhrase(String words) {
    return Arrays.stream(values()).filter(c -> c.phrase.equals(words)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no failure cause is worded '" + words + "'; known: "
            + Arrays.stream(values()).map(c -> "'" + c.phrase + "'").collect(Collectors.joining(", "))));
  }

}
