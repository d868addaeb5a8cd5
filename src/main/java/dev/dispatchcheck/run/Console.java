package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.Printable;
import java.io.PrintStream;
import java.util.List;

/**
 * The one way text reaches the console (and so a CI log): every line of it through
 * {@link Printable#forLog}, whoever made it (a farm's file, a scenario's name, a build's
 * error line on a stand-in). A line is one line: a line break in it is shown escaped, so a
 * value (a file named with a newline, say) cannot start a line of its own. Text of several
 * lines is written with {@link #errLines}, each line made safe on its own.
 */
public final class Console {
  private Console() {}

  /** One line to stderr. */
  public static void err(String line) {
    print(System.err, List.of(line));
  }

  /** One line to stdout (what a command prints as its answer). */
  public static void out(String line) {
    print(System.out, List.of(line));
  }

  /** Text the harness composed of several lines (a stack, a table), line by line, to stderr. */
  public static void errLines(String text) {
    print(System.err, List.of(text.split("\\R", -1)));
  }

  /** Formats, then prints to stderr. */
  public static void errf(String format, Object... args) {
    err(String.format(format, args));
  }

  static void print(PrintStream stream, List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) out.append(Printable.forLog(line)).append(System.lineSeparator());
    synchronized (stream) {
      stream.print(out);
      stream.flush();
    }
  }
}
