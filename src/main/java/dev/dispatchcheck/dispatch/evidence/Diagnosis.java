package dev.dispatchcheck.dispatch.evidence;

import dev.dispatchcheck.dispatch.log.ErrorClass;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most likely cause of what a build did, from the client's log and the daemon's view
 * of the user's configuration. The order matters: a specific failure on the wire explains
 * more than the "no machine" that Nix reports after it, and a configuration the daemon
 * silently ignored explains a build that went somewhere unexpected.
 */
public final class Diagnosis {
  private static final Pattern UNKNOWN_SETTING = Pattern.compile("unknown setting '([^']+)'");

  private Diagnosis() {}

  public static Optional<String> likelyCause(DispatchRecord r, ClientFacts f) {
    return likelyCause(r, f, Optional.empty());
  }

  /** The same for a build an effect started ({@code effect} present): its own builders may be why. */
  public static Optional<String> likelyCause(DispatchRecord r, ClientFacts f, Optional<EffectPath> effect) {
    if (r.error().orElse(null) == ErrorClass.SSH_JUMP_AUTHENTICATION && !r.crossCheck().jumpRefusals().isEmpty()) {
      return Optional.of(r.error().get().meaning() + ": " + r.crossCheck().jumpRefusals().entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().collect(java.util.stream.Collectors.joining(", ")));
    }
    if (r.error().isPresent() && r.error().get() != ErrorClass.NO_MACHINE_FOR_SYSTEM
        && r.error().get() != ErrorClass.BUILD_FAILED) {
      return Optional.of(r.error().get().meaning(r.errorLine().orElse("")) + " (" + r.errorLine().orElse("") + ")");
    }
    for (String w : r.warnings()) {
      Matcher m = UNKNOWN_SETTING.matcher(w);
      if (m.find()) {
        return Optional.of("Nix dropped the unknown setting '" + m.group(1) + "' from " + f.user()
            + "'s configuration, so it added no builder");
      }
    }
    if (f.ownBuilders().isPresent() && !f.trusted()) {
      return Optional.of(f.user() + " is not in trusted-users (" + f.trustedUsers() + "), so the daemon ignored "
          + "its own builders setting and used the system's: " + machines(f));
    }
    if (effect.filter(EffectPath::ownBuildersEmpty).isPresent() && r.error().orElse(null) == ErrorClass.NO_MACHINE_FOR_SYSTEM) {
      return Optional.of("the effect's own empty builders switched its remote builds off: an untrusted client may"
          + " set builders to nothing, and the agent's proxy passed that on");
    }
    if (effect.flatMap(EffectPath::ownBuilders).filter(b -> !b.isBlank()).isPresent()) {
      return Optional.of("the effect's own builders were dropped: hercules-ci-agent's proxy serves an effect as an"
          + " untrusted client, so only an empty builders value gets through; the daemon used " + f.user() + "'s: "
          + machines(f));
    }
    if (!f.missingIncludes().isEmpty()) {
      return Optional.of("the builders setting includes " + String.join(", ", f.missingIncludes())
          + ", which does not exist; Nix skips a missing machines file without a word");
    }
    if (r.error().orElse(null) == ErrorClass.NO_MACHINE_FOR_SYSTEM) {
      return Optional.of("no machine in the builders the daemon uses for " + f.user()
          + " supports this system with these features; those builders are " + machines(f));
    }
    return Optional.empty();
  }

  private static String machines(ClientFacts f) {
    return f.daemonMachines().isEmpty() ? "none at all" : String.join(", ", f.daemonMachines());
  }
}
