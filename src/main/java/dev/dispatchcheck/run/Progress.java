package dev.dispatchcheck.run;

import java.time.Duration;
import java.time.Instant;

/**
 * Progress lines for the long steps (image builds, host starts, builds). They go to
 * stderr, unbuffered, so a user watching a slow first run sees it is alive.
 */
public final class Progress {
  private static final Instant START = Instant.now();

  private Progress() {}

  public static void say(String format, Object... args) {
    long ms = Duration.between(START, Instant.now()).toMillis();
    System.err.printf("[dispatchcheck %6.1fs] %s%n", ms / 1000.0, String.format(format, args));
    System.err.flush();
  }
}
