package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.Printable;
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
  /** Whose work this is, when several checks run at once (an example farm's name); empty otherwise. */
  private final String owner;
  /** Which scenario speaks, when scenarios run in parallel; empty otherwise. */
  private volatile String context = "";

  public Progress(long startedMillis) {
    this(startedMillis, System.err);
  }

  Progress(long startedMillis, PrintStream out) {
    this(startedMillis, out, "");
  }

  private Progress(long startedMillis, PrintStream out, String owner) {
    this.startedMillis = startedMillis;
    this.out = out;
    this.owner = owner;
  }

  /** Lines of the same run, each prefixed with {@code owner} (e.g. "[guide-farm]"): for work that runs beside other work. */
  public Progress ownedBy(String owner) {
    return new Progress(startedMillis, out, this.owner + Printable.escape(owner) + " ");
  }

  /** Lines of the same run and owner with a context of their own (a scenario's, see {@link #setContext}). */
  public Progress forScenario() {
    return new Progress(startedMillis, out, owner);
  }

  /** Prefixes this Progress's lines, e.g. with the scenario's file and line. */
  public void setContext(String context) {
    this.context = context.isEmpty() ? "" : Printable.escape(context) + " ";
  }

  /** A row of a table (a map's), unstamped as tables are; with an owner, prefixed with it. */
  public void row(String format, Object... args) {
    Console.print(out, java.util.List.of(owner + String.format(format, values(args))));
  }

  public void say(String format, Object... args) {
    // The format's own line breaks are lines; a value's are shown escaped (it cannot start a line).
    Console.print(out, java.util.List.of(stamped(String.format(format, values(args))).split("\\R", -1)));
  }

  /** A heading and lines under it, indented; each of {@code lines} one console line (its line breaks escaped). */
  public void sayLines(String heading, java.util.List<String> lines) {
    java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(stamped(heading)));
    lines.forEach(l -> out.add("  " + Printable.escape(l)));
    Console.print(this.out, out);
  }

  private String stamped(String text) {
    double s = (System.currentTimeMillis() - startedMillis) / 1000.0;
    return String.format("[dispatchcheck %6.1fs] %s%s%s", s, owner, context, text);
  }

  private static Object[] values(Object[] args) {
    return java.util.Arrays.stream(args).map(Progress::value).toArray();
  }

  /** A value as shown: numbers as they are (for %d, %.1f), anything else as escaped text. */
  private static Object value(Object a) {
    return a == null || a instanceof Number || a instanceof Boolean || a instanceof Character ? a
        : Printable.escape(String.valueOf(a));
  }
}
