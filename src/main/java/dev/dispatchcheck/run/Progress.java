package dev.dispatchcheck.run;

import java.io.PrintStream;

/**
 * Progress lines for the long steps (image builds, host starts, builds, scenarios). They
 * go to stderr, unbuffered, stamped with the time since the run started, so a user
 * watching a slow first run sees it is alive. Every line goes through {@link Console}:
 * what hosts print reaches these lines.
 */
public final class Progress {
  private final long startedMillis;
  private final PrintStream out;
  /** Which scenario speaks, when scenarios run in parallel; empty otherwise. */
  private volatile String context = "";

  public Progress(long startedMillis) {
    this(startedMillis, System.err);
  }

  Progress(long startedMillis, PrintStream out) {
    this.startedMillis = startedMillis;
    this.out = out;
  }

  /** Prefixes this Progress's lines, e.g. with the scenario's file and line. */
  public void setContext(String context) {
    this.context = context.isEmpty() ? "" : context + " ";
  }

  public void say(String format, Object... args) {
    double s = (System.currentTimeMillis() - startedMillis) / 1000.0;
    Console.print(out, String.format("[dispatchcheck %6.1fs] %s%s", s, context, String.format(format, args)));
  }
}
