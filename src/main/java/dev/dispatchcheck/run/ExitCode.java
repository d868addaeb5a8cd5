package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.config.MachinesFileException;
import dev.dispatchcheck.dispatch.layout.FarmInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;

/**
 * What every command's exit code means, and how a throwable becomes one: 0 all holds; 1 a
 * scenario or expectation failed as a verdict (or a dispatch moved, under the gate); 2
 * invalid input, named with its file and line; 3 the environment failed, no verdict was
 * reached, or dispatchcheck itself broke. A crash is never 1.
 */
public final class ExitCode {
  public static final int OK = 0, FAILED = 1, INVALID = 2, ENVIRONMENT = 3;

  private ExitCode() {}

  /** Two exit codes of one run as one: a verdict failure (1) says most, then the worse of the rest. */
  public static int combine(int a, int b) {
    return a == FAILED || b == FAILED ? FAILED : Math.max(a, b);
  }

  /** Says what broke; invalid input is 2, a defect of dispatchcheck's or anything else 3. */
  public static int of(Exception e) {
    if (isDefect(e)) return defect(e);
    // Escaped (by the console): the message may quote a farm's bytes.
    Console.err("[dispatchcheck] error: " + e.getMessage());
    return invalidInput(e) ? INVALID : ENVIRONMENT;
  }

  /**
   * What no input should cause: an Error, or an exception that only a mistake in the code
   * throws. Exit 3, never 1 (a verdict) nor 2 (the input's fault): the input may be odd, but
   * dispatchcheck should have said what is wrong with it.
   */
  public static boolean isDefect(Throwable t) {
    return t instanceof Error || t instanceof NullPointerException || t instanceof IndexOutOfBoundsException
        || t instanceof ClassCastException || t instanceof ArithmeticException
        || t instanceof ConcurrentModificationException || t instanceof UnsupportedOperationException
        || t instanceof java.util.NoSuchElementException || t instanceof java.util.IllegalFormatException;
  }

  /** The stack's first lines and last lines that a defect shows; a deep recursion's 1,024 frames would fill a CI log. */
  static final int STACK_HEAD = 40, STACK_TAIL = 10;

  /** Says that dispatchcheck itself broke, with the stack for its report (its middle cut when long); exit 3. */
  public static int defect(Throwable t) {
    StringWriter stack = new StringWriter();
    t.printStackTrace(new PrintWriter(stack));
    Console.err("[dispatchcheck] error: dispatchcheck broke, a defect of dispatchcheck's and not of your input or"
        + " environment (please report it with the stack below): " + t);
    Console.errLines(shortened(stack.toString().strip()));
    return ENVIRONMENT;
  }

  /**
   * The stack, its tabs as spaces (the console would show a tab as \x09), its middle cut when
   * long: the frames there are left out, but never a cause's heading ("Caused by: ...").
   */
  static String shortened(String stack) {
    String[] lines = stack.replace("\t", "    ").split("\\R");
    if (lines.length <= STACK_HEAD + STACK_TAIL + 1) return String.join("\n", lines);
    List<String> shown = new ArrayList<>(Arrays.asList(lines).subList(0, STACK_HEAD));
    int left = 0;
    for (String line : Arrays.asList(lines).subList(STACK_HEAD, lines.length - STACK_TAIL)) {
      if (!line.startsWith("Caused by:")) {
        left++;
        continue;
      }
      if (left > 0) shown.add("    ... " + left + " lines of the stack left out ...");
      shown.add(line);
      left = 0;
    }
    if (left > 0) shown.add("    ... " + left + " lines of the stack left out ...");
    shown.addAll(Arrays.asList(lines).subList(lines.length - STACK_TAIL, lines.length));
    return String.join("\n", shown);
  }

  /** What the user gave is wrong (a matrix, a version, a farm's file), as opposed to what broke. */
  public static boolean invalidInput(Throwable e) {
    return e instanceof FarmInputException || e instanceof MachinesFileException
        || e.getClass() == IllegalArgumentException.class;
  }
}
