package dev.dispatchcheck.dispatch.log;

import static dev.dispatchcheck.dispatch.log.ErrorClass.BUILD_FAILED;
import static dev.dispatchcheck.dispatch.log.ErrorClass.MACHINES_UNPARSABLE;
import static dev.dispatchcheck.dispatch.log.ErrorClass.NO_MACHINE_FOR_SYSTEM;
import static dev.dispatchcheck.dispatch.log.ErrorClass.POST_BUILD_HOOK_FAILED;
import static dev.dispatchcheck.dispatch.log.ErrorClass.OUTPUT_MISSING;
import static dev.dispatchcheck.dispatch.log.ErrorClass.REMOTE_DAEMON_MISSING;
import static dev.dispatchcheck.dispatch.log.ErrorClass.REMOTE_CLOSED_EARLY;
import static dev.dispatchcheck.dispatch.log.ErrorClass.REMOTE_LOGIN_SHELL;
import static dev.dispatchcheck.dispatch.log.ErrorClass.REMOTE_NIX_MISSING;
import static dev.dispatchcheck.dispatch.log.ErrorClass.REMOTE_USER_NOT_TRUSTED;
import static dev.dispatchcheck.dispatch.log.ErrorClass.SSH_AUTHENTICATION;
import static dev.dispatchcheck.dispatch.log.ErrorClass.SSH_CONNECTION;
import static dev.dispatchcheck.dispatch.log.ErrorClass.SSH_HOST_KEY_VERIFICATION;
import static dev.dispatchcheck.dispatch.log.ErrorClass.SSH_KEY_UNUSABLE;
import static dev.dispatchcheck.dispatch.log.ErrorClass.SSH_SHARING_STARTED;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each Nix version prints, by meaning, in one place: every wording of every cause,
 * with the versions that print it (checked against real logs in src/test/resources/nix-*
 * where a fixture exists), and the commands whose names changed. A catalogue is one
 * version's view; an error line that no wording recognises is reported as unrecognised,
 * quoted, never given a default cause.
 */
public final class MessageCatalogue {
  /** One wording of a cause, printed by Nix {@code from} up to, not including, {@code before} ("" = open). */
  record Wording(ErrorClass cause, String from, String before, Pattern pattern) {
    boolean printedBy(String version) {
      return atLeast(version, from) && (before.isEmpty() || !atLeast(version, before));
    }

    /**
     * Whether {@code line} of {@code log} says this. A failed program is the post-build hook's
     * only where the log shows that program started as the hook ({@link #HOOK_STARTED}): a
     * pre-build hook that fails is worded the same.
     */
    boolean shownBy(String line, List<String> log) {
      Matcher m = pattern.matcher(line);
      if (!m.find()) return false;
      return cause != POST_BUILD_HOOK_FAILED || log.stream().anyMatch(l -> l.contains(HOOK_STARTED + "'" + m.group(1) + "'"));
    }
  }

  /** How every version names the post-build hook it starts (an activity of its own; InternalJsonLog renders it). */
  public static final String HOOK_STARTED = "running post-build-hook ";

  private static final String ALL = "0";

  private static final List<Wording> WORDINGS = List.of(
      // ssh's own words reach the client's log on every version (legacy ssh:// and ssh-ng alike).
      w(SSH_HOST_KEY_VERIFICATION, ALL, "", "Host key verification failed"),
      w(SSH_KEY_UNUSABLE, ALL, "", "Load key \".*\": (?:Permission denied|No such file|bad permissions)"),
      w(SSH_KEY_UNUSABLE, ALL, "", "Identity file .* not accessible"),
      w(SSH_KEY_UNUSABLE, ALL, "", "UNPROTECTED PRIVATE KEY FILE"),
      w(SSH_AUTHENTICATION, ALL, "", "Permission denied \\(publickey"),
      w(SSH_CONNECTION, ALL, "", "Could not resolve hostname|Connection refused|Connection timed out"
          + "|No route to host|Connection closed by|Name or service not known"),
      // From 2.16 (NixOS/nix#8018) Nix passes -oLocalCommand='echo started' and reads that line first, unless
      // 'ssh -O check' finds a master up; an ssh that then connects on its own prints it into the protocol.
      // Read from Nix's history; seen on 2.26 and 2.34 over ssh-ng (the first form) and ssh (the second).
      w(SSH_SHARING_STARTED, "2.16", "", "protocol mismatch(?: from '[^']*')?, got 'started"),
      // A login shell that runs no commands (nologin) answers in Nix's place; each client words the
      // mismatch its own way, and names the builder with its SSH user up to 2.33, without it from 2.34.
      w(REMOTE_LOGIN_SHELL, ALL, "", "'nix-store --serve' protocol mismatch from '[^']*', got 'This account is currently"
          + " not available\\.'"),
      w(REMOTE_LOGIN_SHELL, ALL, "", "cannot open connection to remote store 'ssh-ng://[^']*': error: protocol mismatch,"
          + " got 'This account is currently not available\\.'"),
      // The same over ssh-ng when the remote end is gone before Nix has written its greeting: a
      // race in Nix (seen once in some runs of the nologin scenario under load, on 2.26 and on
      // 2.34), whose loser no longer reads what the remote end said. The builder's own account
      // tells more. From 2.34 a failed write names its size (NixOS/nix#15305, c0e849b).
      w(REMOTE_CLOSED_EARLY, ALL, "2.34", "cannot open connection to remote store 'ssh-ng://[^']*': error: writing to file: Broken pipe"),
      w(REMOTE_CLOSED_EARLY, "2.34", "", "cannot open connection to remote store 'ssh-ng://[^']*': error: write of \\d+ bytes: Broken pipe"),
      w(REMOTE_NIX_MISSING, ALL, "", "nix-store: (?:command )?not found"),
      w(REMOTE_DAEMON_MISSING, ALL, "", "nix-daemon: (?:command )?not found"),
      // ssh-ng's remote command died before it spoke: the client words it per version.
      w(REMOTE_DAEMON_MISSING, ALL, "2.10", "cannot open connection to remote store 'ssh-ng://[^']*': error: unexpected end-of-file"),
      w(REMOTE_DAEMON_MISSING, "2.10", "", "cannot open connection to remote store 'ssh-ng://[^']*': error: Nix daemon disconnected unexpectedly"),
      // The builder's daemon refuses an untrusted SSH user: printed by the builder's Nix,
      // relayed by the client's, so every client version may show it.
      w(REMOTE_USER_NOT_TRUSTED, ALL, "", "not privileged to build input-addressed derivations"),
      w(REMOTE_USER_NOT_TRUSTED, ALL, "", "lacks a signature by a trusted key"),
      // A machines line this version cannot read: 2.31 and later parse store URIs whole
      // (ssh:HOST becomes ssh://ssh:HOST, rejected); 2.8 took the speed factor for an integer.
      w(MACHINES_UNPARSABLE, "2.31", "", "Cannot parse Nix store '"),
      w(MACHINES_UNPARSABLE, ALL, "", "bad machine specification"),
      // No builder (and not the local host) can take the derivation.
      w(NO_MACHINE_FOR_SYSTEM, ALL, "2.30", "a '[^']+' with features \\{[^}]*\\} is required to build '"),
      w(NO_MACHINE_FOR_SYSTEM, "2.30", "2.34", "Reason: required system or feature not available"),
      w(NO_MACHINE_FOR_SYSTEM, "2.34", "", "Reason: (?:platform mismatch|missing system features"
          + "|local builds are disabled)"),
      // With max-jobs = 0 and no usable builder: "unable" up to 2.25-ish, "Unable" since;
      // 2.34 adds its own Reason line (above).
      w(NO_MACHINE_FOR_SYSTEM, ALL, "", "[Uu]nable to start any build"),
      // The build hook's own account, printed as a warning when nothing else can take it.
      w(NO_MACHINE_FOR_SYSTEM, ALL, "", "Failed to find a machine for remote build"),
      // The post-build hook ran after the build and exited non-zero: Nix words it as any program it runs that fails
      // (seen on 2.8 and 2.26 with single quotes, on 2.34 with double quotes), so the line counts only where the log
      // shows that program started as the post-build hook (Wording#shownBy).
      w(POST_BUILD_HOOK_FAILED, ALL, "2.34", "error: program '([^']+)' failed with exit code (\\d+)"),
      w(POST_BUILD_HOOK_FAILED, "2.34", "", "error: program \"([^\"]+)\" failed with exit code (\\d+)"),
      // A builder that exits 0 without creating an output: the builder's Nix says so, the client's
      // Nix then blames the build hook's exit status, "failed with exit code 1" (NixOS/nix#13465),
      // and from 2.34 puts that under "Reason:"; over ssh:// and ssh-ng:// alike.
      w(OUTPUT_MISSING, ALL, "", "builder for '[^']+' failed to produce output path for output '[^']+'"),
      w(BUILD_FAILED, ALL, "", "builder for '[^']+' failed"),
      w(BUILD_FAILED, "2.34", "", "Reason: builder failed"));

  private static final Pattern ERROR_LINE = Pattern.compile("^\\s*error: .*");

  private final String version;
  private final List<Wording> wordings;

  private MessageCatalogue(String version) {
    this.version = version;
    this.wordings = WORDINGS.stream().filter(w -> w.printedBy(version)).toList();
  }

  /** The catalogue of Nix {@code version}, e.g. "2.26" or "2.26.3". */
  public static MessageCatalogue of(String version) {
    return new MessageCatalogue(version);
  }

  public String version() {
    return version;
  }

  /** A cause and the line that shows it. */
  public record Hit(ErrorClass cause, String line) {}

  /** The highest-priority cause any line shows, in {@link ErrorClass} order. */
  public Optional<Hit> classify(List<String> lines) {
    for (ErrorClass c : ErrorClass.values()) {
      List<String> hits = lines.stream()
          .filter(line -> wordings.stream().anyMatch(w -> w.cause() == c && w.shownBy(line, lines)))
          .map(String::strip).toList();
      // The error line itself, where there is one, over a warning that says the same.
      Optional<String> shown = hits.stream().filter(l -> ERROR_LINE.matcher(l).matches()).findFirst()
          .or(() -> hits.stream().findFirst());
      if (shown.isPresent()) return Optional.of(new Hit(c, shown.get()));
    }
    return Optional.empty();
  }

  /** The first error line, when no wording of this version recognises any line: to be quoted, not guessed at. */
  public Optional<String> unrecognisedError(List<String> lines) {
    if (classify(lines).isPresent()) return Optional.empty();
    return lines.stream().filter(l -> ERROR_LINE.matcher(l).matches()).map(String::strip).findFirst();
  }

  /** {@code nix show-config} became a deprecated alias of {@code nix config show} in 2.20. */
  public List<String> showConfigCommand() {
    return atLeast(version, "2.20") ? List.of("nix", "config", "show") : List.of("nix", "show-config");
  }

  private static Wording w(ErrorClass cause, String from, String before, String regex) {
    return new Wording(cause, from, before, Pattern.compile(regex));
  }

  /** Numeric comparison of dotted versions: "2.26" is at least "2.8". */
  static boolean atLeast(String version, String other) {
    int[] a = Arrays.stream(version.split("\\.")).mapToInt(MessageCatalogue::number).toArray();
    int[] b = Arrays.stream(other.split("\\.")).mapToInt(MessageCatalogue::number).toArray();
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? a[i] : 0, y = i < b.length ? b[i] : 0;
      if (x != y) return x > y;
    }
    return true;
  }

  private static int number(String s) {
    String digits = s.replaceAll("[^0-9].*", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
