package dev.dispatchcheck.driver.farm;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a run whose containers and networks are on the engine is alive, from what can be
 * seen of it: its owner, and the age of its lease (a file in the run's lease container that
 * the run touches every few seconds). A run is judged dead only on evidence that holds
 * across PID namespaces and machines; when in doubt it is alive, since removing a live
 * run's hosts fails its scenarios, while leaving a dead run's hosts costs only room.
 */
public final class RunLiveness {
  /**
   * The shortest lease allowed: a renewal every {@link RunLease#RENEW} that may itself take up
   * to the engine's deadline for a question ({@code Engine.ASK}), and a margin. A shorter one
   * would let a live run with a slow engine be judged gone.
   */
  static final Duration MIN_LEASE = RunLease.RENEW.plus(dev.dispatchcheck.driver.engine.Engine.ASK).plusSeconds(5);
  /** How long a lease may go unrenewed before its run counts as gone: as configured, never under {@link #MIN_LEASE}. */
  public static Duration lease(Duration configured) {
    return max(MIN_LEASE, configured);
  }
  /** A run with neither a lease nor an owner it can check is taken as gone only when its objects are this old. */
  static final Duration UNLEASED = Duration.ofHours(1);

  /** What is seen of one run on the engine. */
  public record Sighting(String runId, Optional<RunOwner> owner, Optional<Duration> leaseAge, Duration youngest) {}

  /** The judgement, with its reason for the console. */
  public record Judgement(boolean alive, String why) {}

  private RunLiveness() {}

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Judges {@code run} as {@code me} sees it; {@code lease} is how long an unrenewed lease counts. */
  public static Judgement judge(RunOwner me, Sighting run, Duration lease) {
    if (run.owner().isPresent() && run.owner().get().sameHostAs(me)) {
      boolean alive = run.owner().get().aliveHere();
      return new Judgement(alive, "its process " + run.owner().get().pid() + " on this host "
          + (alive ? "lives" : "has ended"));
    }
    if (run.leaseAge().isPresent()) {
      boolean alive = run.leaseAge().get().compareTo(lease) < 0;
      return new Judgement(alive, "its lease was last renewed " + run.leaseAge().get().toSeconds() + " s ago"
          + (alive ? "" : ", more than " + lease.toSeconds() + " s"));
    }
    boolean alive = run.youngest().compareTo(UNLEASED) < 0;
    return new Judgement(alive, "it has no lease this host can read, and its newest container or network is "
        + run.youngest().toMinutes() + " min old" + (alive ? "" : ", more than " + UNLEASED.toMinutes() + " min"));
  }
}
