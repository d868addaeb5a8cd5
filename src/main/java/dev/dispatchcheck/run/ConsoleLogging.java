package dev.dispatchcheck.run;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging's lines (the JUnit Platform's warnings among them) through the one
 * console sink: its own handler would print what they quote (a scenario's name, a file's)
 * as it is.
 */
public final class ConsoleLogging {
  private ConsoleLogging() {}

  /** Replaces the root logger's handlers with one that writes through {@link Console}. */
  public static void install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) root.removeHandler(h);
    root.addHandler(new Handler() {
      private final SimpleFormatter format = new SimpleFormatter();

      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) Console.errLines(format.format(record).strip());
      }

      @Override
      public void flush() {
        System.err.flush();
      }

      @Override
      public void close() {
        flush();
      }
    });
  }
}
