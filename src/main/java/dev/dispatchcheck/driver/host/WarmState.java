package dev.dispatchcheck.driver.host;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A warm host's pristine state and the way back to it, through {@code nix-host-warm}:
 * recorded once, put back between scenarios, and read for the hand-over check.
 */
final class WarmState {
  private final HostAccess container;
  /** Runs a script as root and returns what it printed; a failure is a harness error. */
  private final UnaryOperator<String> asRoot;
  private final HostNixConf nixConf;

  WarmState(HostAccess container, UnaryOperator<String> asRoot, HostNixConf nixConf) {
    this.container = container;
    this.asRoot = asRoot;
    this.nixConf = nixConf;
  }

  HostState snapshot() {
    return stateAfter("snapshot");
  }

  void stopProcesses() {
    asRoot.apply("nix-host-warm stop");
  }

  void reset() {
    asRoot.apply("nix-host-warm reset");
    nixConf.clearRole();
  }

  HostState state() {
    return stateAfter("");
  }

  HostState resetAndState() {
    HostState after = stateAfter("reset");
    nixConf.clearRole();
    return after;
  }

  /**
   * The state, read by the same nix-host-warm run as {@code before} (an action of its, or
   * nothing) runs, once that has; a container Docker finds wrong is not asked.
   */
  private HostState stateAfter(String before) {
    List<String> problems = container.problems();
    if (!problems.isEmpty()) return new HostState(Set.of(), problems);
    return new HostState(new TreeSet<>(asRoot.apply("nix-host-warm " + (before.isEmpty() ? "" : before + " ") + "state").lines().toList()), problems);
  }
}
