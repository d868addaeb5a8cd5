package dev.dispatchcheck.driver.host;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A warm host's pristine state and the way back to it, through {@code nix-host-warm}:
 * recorded once, put back between scenarios, and read for the hand-over check.
 */
final class WarmState {
  private final HostAccess container;
  /**
   * Runs a command as root and returns what it printed; a failure is a harness error. The
   * command channel runs {@code nix-host-warm} in a fork of its own, not as a program.
   */
  private final Function<List<String>, String> asRoot;
  private final HostNixConf nixConf;

  WarmState(HostAccess container, Function<List<String>, String> asRoot, HostNixConf nixConf) {
    this.container = container;
    this.asRoot = asRoot;
    this.nixConf = nixConf;
  }

  /**
   * Records the pristine state and returns it. Taken once, on a host just started: Docker
   * is not asked about its container first (as {@link #stateAfter} does), which on a fresh
   * farm was one more engine call a host while the engine was still starting the others.
   */
  HostState snapshot() {
    return read("snapshot");
  }

  void stopProcesses() {
    asRoot.apply(List.of("nix-host-warm", "stop"));
  }

  void reset() {
    asRoot.apply(List.of("nix-host-warm", "reset"));
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
    return problems.isEmpty() ? read(before) : new HostState(Set.of(), problems);
  }

  /** What nix-host-warm's state prints, once {@code before} (an action of its, or nothing) has run in the same run. */
  private HostState read(String before) {
    List<String> command = before.isEmpty() ? List.of("nix-host-warm", "state") : List.of("nix-host-warm", before, "state");
    return new HostState(new TreeSet<>(asRoot.apply(command).lines().toList()), List.of());
  }
}
