package dev.dispatchcheck.run;

import java.io.PrintStream;

/**
 * Progress lines for the long steps (image builds, host starts, builds, scenarios). They
 * go to stderr, unbuffered, stamped with the time since the run started, so a user
 * watching a slow first run sees it is alive.
 */
public final class Progress {
  private final long startedMillis;
  private final PrintStream out;

  public Progress(long startedMillis) {
    this(startedMillis, System.err);
  }

  Progress(long startedMillis, PrintStream out) {
    this.startedMillis = startedMillis;
    this.out = out;
  }

  public void say(String format, Object... args) {
    double s = (System.currentTimeMillis() - startedMillis) / 1000.0;
    synchronized (out) {
      out.printf("[dispatchcheck %6.1fs] %s%n", s, String.format(format, args));
      out.flush();
    }
  }
}
