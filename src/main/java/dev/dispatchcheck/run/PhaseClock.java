package dev.dispatchcheck.run;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where a run's time goes, by phase, summed over every thread that spent it: the figures
 * {@code bench} prints as a table, so that the next change to the harness's speed is
 * chosen from them. A phase is timed where the harness does it, in the scenario's thread
 * (foreground) or beside the scenarios (background: the hand-over resets, the lease).
 */
public final class PhaseClock {

  /** A phase of a scenario's life, or of the work beside it. */
  public enum Phase {
    START_HOSTS("starting hosts (fresh farms, started and wired)", false),
    TAKE_WARM_HOSTS("taking warm hosts (waiting for their hand-over reset included)", false),
    CONFIGURE("writing configuration and restarting daemons", false),
    BUILDS("the builds themselves", false),
    EVIDENCE("collecting evidence (each build's record, cross-checked)", false),
    HAND_OVER("hand-over reset and its check", true),
    LEASE("the lease's renewals and the sweeps of dead runs", true);

    public final String label;
    /** Done beside the scenarios, on threads of its own: not part of any scenario's time. */
    public final boolean background;

    Phase(String label, boolean background) {
      this.label = label;
      this.background = background;
    }
  }

  /** How much time a phase took in all, and how often it was entered. */
  public record Total(double seconds, long times) {}

  private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> counts = new EnumMap<>(Phase.class);

  public PhaseClock() {
    for (Phase p : Phase.values()) {
      nanos.put(p, new LongAdder());
      counts.put(p, new LongAdder());
    }
  }

  /** Runs {@code work}, counting its time, thrown or not, to {@code phase}. */
  public <T> T time(Phase phase, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - t0);
    }
  }

  public void time(Phase phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return Boolean.TRUE;
    });
  }

  public void add(Phase phase, long elapsedNanos) {
    nanos.get(phase).add(elapsedNanos);
    counts.get(phase).increment();
  }

  /** Every phase's total so far. */
  public Map<Phase, Total> totals() {
    Map<Phase, Total> out = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) out.put(p, new Total(nanos.get(p).sum() / 1e9, counts.get(p).sum()));
    return out;
  }
}
