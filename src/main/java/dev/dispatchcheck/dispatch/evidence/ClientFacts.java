package dev.dispatchcheck.dispatch.evidence;

import java.util.List;
import java.util.Optional;

/**
 * What the client host's configuration says about a user's builds, as the daemon sees it.
 *
 * @param user who ran the build
 * @param trusted whether the daemon's trusted-users lets this user's own builders count
 * @param trustedUsers the daemon's trusted-users, as written
 * @param ownBuilders the builders value of the user's own nix.conf, if it sets one
 * @param daemonBuilders the builders value the daemon uses for this user's builds
 * @param daemonMachines host names of the machines that value expands to
 * @param missingIncludes {@code @file}s in that value that do not exist on the host
 */
public record ClientFacts(
    String user,
    boolean trusted,
    String trustedUsers,
    Optional<String> ownBuilders,
    String daemonBuilders,
    List<String> daemonMachines,
    List<String> missingIncludes) {

  public ClientFacts {
    daemonMachines = List.copyOf(daemonMachines);
    missingIncludes = List.copyOf(missingIncludes);
  }

  /** For the report: the daemon's view in a few lines. */
  public String describe() {
    return String.join("\n",
        "user: " + user,
        "daemon's trusted-users: " + trustedUsers + " (" + user + (trusted ? " is" : " is NOT") + " trusted)",
        "builders in " + user + "'s own nix.conf: " + ownBuilders.map(b -> "'" + b + "'").orElse("(not set)"),
        "builders the daemon uses for " + user + ": '" + daemonBuilders + "'",
        "machines they expand to: " + (daemonMachines.isEmpty() ? "(none)" : String.join(", ", daemonMachines)),
        "missing @files: " + (missingIncludes.isEmpty() ? "(none)" : String.join(", ", missingIncludes)),
        "");
  }
}
