package dev.dispatchcheck.driver;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.engine.Engine;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one place that waits. Every wait polls (no fixed sleeps) and every timeout fails
 * with the evidence gathered so far, so that a slow or stuck build explains itself.
 */
public final class Waiter {
  private static final long NO_DEADLINE = Long.MIN_VALUE;
  private final Duration timeout;
  private final Duration pollInterval;
  /** Set for a waiter whose waits share one deadline ({@link System#nanoTime()}); each wait otherwise gets the whole timeout. */
  private final long deadlineNanos;

  public Waiter(Duration timeout) {
    this(timeout, Duration.ofMillis(25));
  }

  public Waiter(Duration timeout, Duration pollInterval) {
    this(timeout, pollInterval, NO_DEADLINE);
  }

  private Waiter(Duration timeout, Duration pollInterval, long deadlineNanos) {
    this.timeout = timeout;
    this.pollInterval = pollInterval;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * A waiter whose waits all end by one deadline, this waiter's timeout from now: for
   * several waits that are one wait to whoever waits (a dispatch line, then the exit).
   */
  public Waiter oneDeadlineFromNow() {
    return new Waiter(timeout, pollInterval, System.nanoTime() + timeout.toNanos());
  }

  /** How long the next wait may take: the whole timeout, or what is left until the deadline (at least a moment, to look once). */
  Duration allowed() {
    if (deadlineNanos == NO_DEADLINE) return timeout;
    return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadlineNanos - System.nanoTime()));
  }

  /**
   * Whether {@code condition} holds throughout {@code period}, checked as it passes; false
   * as soon as it stops holding. A measurement of what happens, not a timeout.
   */
  public boolean holdsThroughout(BooleanSupplier condition, Duration period) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      if (!condition.getAsBoolean()) return false;
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessError("interrupted while watching a build", e);
      }
    }
    return condition.getAsBoolean();
  }

  /**
   * Waits until {@code condition} holds.
   *
   * @param what what is awaited, in words, for the failure message
   * @param evidence logs to attach if the wait times out
   * @throws HarnessError on timeout, carrying {@code evidence}: no verdict can be reached
   *     on what was never observed
   */
  public void until(String what, BooleanSupplier condition, Supplier<String> evidence) {
    // One look first, however little time is left: Awaitility may not look within the moment left past a deadline.
    if (holdsNow(what, condition)) return;
    try {
      // Awaitility would otherwise fail a wait with any uncaught exception of any thread,
      // such as the engine client's when a stopped container's command channel closes.
      Awaitility.await(what)
          .dontCatchUncaughtExceptions()
          .atMost(allowed())
          .pollDelay(Duration.ZERO)
          .pollInterval(pollInterval)
          .until(() -> holdsNow(what, condition));
    } catch (ConditionTimeoutException e) {
      throw new HarnessError(
          "timed out after " + timeout.toSeconds() + " s waiting for " + what
              + "\n----- evidence -----\n" + evidence.get(), e);
    }
  }

  private static boolean holdsNow(String what, BooleanSupplier condition) {
    // A wedged engine ends every wait at once: what it would show will not come.
    Engine.requireAnswering("wait for " + what);
    return condition.getAsBoolean();
  }
}
