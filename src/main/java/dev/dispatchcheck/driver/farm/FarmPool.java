package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.run.PhaseClock;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A run's idle hosts, kept warm between scenarios. When a scenario ends, its hosts are
 * reset and checked at hand-over (each compared with its pristine state), and kept only if
 * clean; hosts a scenario stopped or froze are first brought back up, and hosts it added
 * removed. A scenario takes idle hosts of its farm's {@link WarmHosts.Shape} whose
 * containers are as they were left, or starts fresh ones. Dirty hosts are removed and replaced, never used.
 *
 * <p>The reset runs in the background once a scenario has handed its hosts back, so that
 * the scenario ends (and the next one starts on other idle hosts) while its hosts are made
 * clean. A scenario that finds no idle hosts of its shape while some are being reset waits
 * for them rather than starting fresh ones; the pool closes only when every reset is done.
 */
public final class FarmPool implements AutoCloseable {
  /** How often a wait for a reset looks again whether the engine still answers. */
  private static final Duration RESET_POLL = Duration.ofSeconds(1);
  /** The run the pool belongs to: its limit of idle farms, and its own progress lines (no scenario's). */
  private final RunContext run;
  private final Deque<WarmHosts> idle = new ArrayDeque<>();
  /** How many farms of each shape are being reset now; guarded by this. */
  private final Map<WarmHosts.Shape, Integer> resetting = new HashMap<>();
  private final ExecutorService resets = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "warm-hosts-reset");
    t.setDaemon(true);
    return t;
  });
  private int reused;
  private int started;
  private int replaced;
  /** Hosts replaced alone, their farm kept (see {@link WarmHosts#handOver}). */
  private int hostsReplaced;
  private int revived;

  private FarmPool(RunContext run) {
    this.run = run;
  }

  /**
   * The run's pool, created on first use. A scenario's objects live as long as the
   * scenario, and a pool must outlive its scenarios: so the run holds it, and closes it
   * ({@link dev.dispatchcheck.run.RunContext#closeShared()}) when the pair or the run ends.
   */
  public static FarmPool of(RunSettings settings) {
    return settings.run().shared(FarmPool.class, () -> new FarmPool(settings.run()));
  }

  /**
   * Hosts of {@code shape} for a scenario whose settings (and progress lines) are
   * {@code caller}'s: idle ones whose containers are still as they were left (running,
   * unpaused, on their network), or fresh ones.
   */
  WarmHosts acquire(WarmHosts.Shape shape, RunSettings caller) {
    WarmHosts taken = caller.run().phases().time(PhaseClock.Phase.TAKE_WARM_HOSTS, () -> takeIntact(shape, caller));
    if (taken != null) return taken;
    count(0, 1, 0, 0);
    return WarmHosts.start(shape, caller);
  }

  /** Idle hosts of {@code shape} whose containers are as they were left; null if none are. */
  private WarmHosts takeIntact(WarmHosts.Shape shape, RunSettings caller) {
    for (WarmHosts w = takeIdleOrAwaitReset(shape); w != null; w = takeIdleOrAwaitReset(shape)) {
      List<String> problems = problemsOf(w::containerProblems, "Docker could not say: ");
      if (problems.isEmpty()) {
        count(1, 0, 0, 0);
        return w;
      }
      count(0, 0, 1, 0);
      caller.progress().sayLines("idle hosts changed while idle, so they are replaced:", problems);
      w.close();
    }
    return null;
  }

  /**
   * Takes hosts back from a scenario: in the background, brings back up hosts it stopped
   * or froze and removes hosts it added, resets them and runs the hand-over check, and
   * keeps them only if it passes.
   */
  void release(WarmHosts w, RunSettings caller) {
    WarmHosts evicted = null;
    boolean room;
    synchronized (this) {
      // The pool holds at most the run's limit of farms, idle or being reset: with the farms
      // in use, a bound on the run's containers (FarmLimits says it). Past it, the least
      // recently used idle farm goes now rather than when this one is kept; with none idle,
      // this one goes.
      if (pooled() >= run.idleFarms() && !idle.isEmpty()) evicted = idle.removeLast();
      room = pooled() < run.idleFarms();
      if (room) resetting.merge(w.shape(), 1, Integer::sum);
    }
    if (evicted != null) evicted.close();
    if (!room) {
      w.close();
      return;
    }
    try {
      resets.execute(() -> {
        try {
          resetAndKeep(w, caller);
        } finally {
          resetDone(w.shape());
        }
      });
    } catch (RuntimeException rejected) {
      // The pool is closing: the hosts go.
      resetDone(w.shape());
      w.close();
    }
  }

  private void resetAndKeep(WarmHosts w, RunSettings caller) {
    caller.run().phases().time(PhaseClock.Phase.HAND_OVER, () -> resetCheckAndKeep(w, caller));
  }

  private void resetCheckAndKeep(WarmHosts w, RunSettings caller) {
    long t0 = System.nanoTime();
    List<String> problems = List.of();
    if (!w.intact()) {
      count(0, 0, 0, 1);
      problems = problemsOf(() -> {
        w.revive();
        return List.of();
      }, "the hosts could not be brought back: ");
    }
    int alone = 0;
    if (problems.isEmpty()) {
      try {
        WarmHosts.HandOver done = w.handOver(caller.progress());
        problems = done.problems();
        alone = done.replaced().size();
      } catch (RuntimeException e) {
        problems = List.of("the reset, or a failed host's replacement, failed: " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      count(0, 0, 0, 0, alone);
      caller.progress().say("hosts reset and clean at hand-over%s in %.2f s", alone > 0 ? ", the failed ones replaced" : "",
          (System.nanoTime() - t0) / 1e9);
      keep(w);
      return;
    }
    count(0, 0, 1, 0);
    caller.progress().sayLines("hosts failed the hand-over check after their reset, so they are removed:", problems);
    w.close();
  }

  /** Farms idle or being reset; guarded by this. */
  private int pooled() {
    return idle.size() + resetting.values().stream().mapToInt(Integer::intValue).sum();
  }

  private synchronized void resetDone(WarmHosts.Shape shape) {
    resetting.computeIfPresent(shape, (k, n) -> n == 1 ? null : n - 1);
    notifyAll();
  }

  /** What {@code check} finds; a check that throws is itself the one problem, so the hosts are not used. */
  private static List<String> problemsOf(Supplier<List<String>> check, String failedSaying) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return List.of(failedSaying + e.getMessage());
    }
  }

  /** Idle hosts of {@code shape}; while none are idle but some are being reset, waits for them. */
  private synchronized WarmHosts takeIdleOrAwaitReset(WarmHosts.Shape shape) {
    while (true) {
      for (var it = idle.iterator(); it.hasNext(); ) {
        WarmHosts w = it.next();
        if (w.shape().equals(shape)) {
          it.remove();
          return w;
        }
      }
      Engine.requireAnswering("take hosts of " + shape);
      if (!resetting.containsKey(shape) || !awaitChange(RESET_POLL)) return null;
    }
  }

  /** Waits, holding this, until a reset ends or hosts are kept (or {@code max} passes); false if interrupted. */
  private boolean awaitChange(Duration max) {
    try {
      wait(max.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Keeps {@code w}; beyond the limit, the least recently used idle hosts go. */
  private void keep(WarmHosts w) {
    WarmHosts evicted = null;
    synchronized (this) {
      idle.addFirst(w);
      if (idle.size() > run.idleFarms()) evicted = idle.removeLast();
      notifyAll();
    }
    if (evicted != null) evicted.close();
  }

  private void count(int reuse, int start, int replace, int revive) {
    count(reuse, start, replace, revive, 0);
  }

  private synchronized void count(int reuse, int start, int replace, int revive, int replaceAlone) {
    reused += reuse;
    started += start;
    replaced += replace;
    revived += revive;
    hostsReplaced += replaceAlone;
  }

  /** Waits for the resets under way, then removes every idle host, and says what the pool did. */
  @Override
  public void close() {
    List<WarmHosts> all;
    resets.shutdown();
    synchronized (this) {
      while (!resetting.isEmpty() && Engine.wedged().isEmpty() && awaitChange(RESET_POLL)) {
        // every reset under way ends before the idle hosts go, unless the engine has stopped answering
      }
      all = List.copyOf(idle);
      idle.clear();
    }
    Concurrently.forEach(all, WarmHosts::close);
    if (reused + started > 0) {
      run.progress().say("warm hosts: %d farms reused, %d started, %d replaced after a failed hand-over check"
          + " (and %d hosts replaced alone, their farm's others passing it), %d brought back up first (a host"
          + " stopped, paused or added)", reused, started, replaced, hostsReplaced, revived);
    }
  }
}
