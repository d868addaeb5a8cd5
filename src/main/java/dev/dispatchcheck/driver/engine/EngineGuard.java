package dev.dispatchcheck.driver.engine;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Puts a deadline on calls to a Docker engine and remembers the first call that went past
 * its deadline. The engine's client has no deadline of its own: a wedged engine (seen with
 * container starts stuck in runc, which held the engine's network lock so that every later
 * create hung too) would otherwise hold a run until CI's own limit. Once one call is past
 * its deadline the engine is taken as wedged and every later call fails at once, so that a
 * run ends within minutes, with what was stuck named, rather than waiting again and again.
 *
 * <p>Calls run on daemon threads of their own: a call past its deadline cannot be
 * cancelled (the client's socket reads are not interruptible), so its thread is left to
 * end with the JVM.
 */
public final class EngineGuard {
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "engine-call");
    t.setDaemon(true);
    return t;
  });
  /** Containers and networks created, started, stopped or removed at once: see {@link #lifecycle}. */
  private final Semaphore lifecycle;
  /** Time callers spent waiting for a turn at {@link #lifecycle}, summed: {@code bench} reports it. */
  private final java.util.concurrent.atomic.LongAdder queuedNanos = new java.util.concurrent.atomic.LongAdder();
  private volatile String wedged;
  private static final Duration SLICE = Duration.ofMillis(250);

  public EngineGuard(int lifecycleAtOnce) {
    this.lifecycle = new Semaphore(lifecycleAtOnce, true);
  }

  /** Runs {@code call} with {@code deadline}; past it, the engine is wedged and this is a harness error naming {@code what}. */
  public <T> T call(String what, Duration deadline, Supplier<T> call) {
    requireAnswering(what);
    Future<T> f = calls.submit(call::get);
    long end = System.nanoTime() + deadline.toNanos();
    try {
      while (true) {
        try {
          // In slices: once another call finds the engine wedged, this one gives up too.
          return f.get(Math.max(0, Math.min(SLICE.toNanos(), end - System.nanoTime())), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() >= end) {
            String first = markWedged("'" + what + "' got no answer within " + deadline.toSeconds() + " s");
            throw new HarnessError("the Docker engine did not answer " + what + " within " + deadline.toSeconds()
                + " s" + (first.contains(what) ? "" : " (wedged since " + first + ")"), e);
          }
          requireAnswering(what);
        }
      }
    } catch (ExecutionException e) {
      throw Futures.causeOf(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessError("interrupted while the Docker engine was asked to " + what, e);
    } finally {
      if (!f.isDone()) f.cancel(true);
    }
  }

  public void run(String what, Duration deadline, Runnable call) {
    call(what, deadline, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  /**
   * Like {@link #call}, but only a few such calls at once: creating, starting, stopping or
   * removing containers and networks. A burst of these at once (a Nix pair's hosts going
   * while the next pair's start) is what wedged the engine; waiting for a turn is bounded
   * by the same deadline.
   */
  public <T> T lifecycle(String what, Duration deadline, Supplier<T> call) {
    requireAnswering(what);
    long t0 = System.nanoTime();
    try {
      boolean turn = lifecycle.tryAcquire(deadline.toMillis(), TimeUnit.MILLISECONDS);
      queuedNanos.add(System.nanoTime() - t0);
      if (!turn) {
        throw new HarnessError("no turn to " + what + " within " + deadline.toSeconds()
            + " s: the engine's earlier container operations have not ended");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessError("interrupted while waiting to " + what, e);
    }
    try {
      return call(what, deadline, call);
    } finally {
      lifecycle.release();
    }
  }

  public void lifecycleRun(String what, Duration deadline, Runnable call) {
    lifecycle(what, deadline, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  /** How long callers have waited for a turn at container and network operations, in all. */
  public Duration queued() {
    return Duration.ofNanos(queuedNanos.sum());
  }

  /** The first call that went past its deadline, if any: the engine has been wedged since. */
  public Optional<String> wedged() {
    return Optional.ofNullable(wedged);
  }

  /** Fails at once if the engine is wedged, naming {@code what} could not be done and why. */
  public void requireAnswering(String what) {
    String w = wedged;
    if (w != null) throw new HarnessError("cannot " + what + ": the Docker engine is wedged (" + w + ")");
  }

  private synchronized String markWedged(String why) {
    if (wedged == null) wedged = why;
    return wedged;
  }
}
