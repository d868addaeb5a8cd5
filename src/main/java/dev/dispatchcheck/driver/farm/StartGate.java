package dev.dispatchcheck.driver.farm;

import java.time.Duration;

/**
 * Hosts start only through this gate, so that a JVM going down (Ctrl-C, SIGTERM) can shut
 * it and wait for the starts under way before it sweeps: otherwise a network or container
 * created just after the sweep would outlive the run. It is process-wide because a
 * shutdown is.
 */
public final class StartGate {
  private static int starting;
  private static boolean shut;

  private StartGate() {}

  static synchronized void enter() {
    if (shut) throw new IllegalStateException("the run is ending: no more hosts start");
    starting++;
  }

  static synchronized void exit() {
    starting--;
    StartGate.class.notifyAll();
  }

  /** Lets no more hosts start, and waits up to {@code max} for those starting to be created. */
  public static synchronized void shutAndAwait(Duration max) {
    shut = true;
    long deadline = System.nanoTime() + max.toNanos();
    while (starting > 0 && System.nanoTime() < deadline) {
      try {
        StartGate.class.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
