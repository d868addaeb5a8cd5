package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.Printable;
import java.io.PrintStream;

/**
 * The one way text reaches the console (and so a CI log): every line of it through
 * {@link Printable#forLog}, whoever made it (a farm's file, a scenario's name, a build's
 * error line on a stand-in). A message of several lines is written line by line, each
 * made safe on its own, so that a line break in a value cannot start a line of its own.
 */
public final class Console {
  private Console() {}

  /** {@code text}, line by line, to stderr. */
  public static void err(String text) {
    print(System.err, text);
  }

  /** {@code text}, line by line, to stdout (what a command prints as its answer). */
  public static void out(String text) {
    print(System.out, text);
  }

  /** Formats, then prints to stderr. */
  public static void errf(String format, Object... args) {
    err(String.format(format, args));
  }

  static void print(PrintStream stream, String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\\R", -1)) out.append(Printable.forLog(line)).append(System.lineSeparator());
    synchronized (stream) {
      stream.print(out);
      stream.flush();
    }
  }
}
