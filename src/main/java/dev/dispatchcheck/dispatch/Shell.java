package dev.dispatchcheck.dispatch;

import java.util.regex.Pattern;

/**
 * The one way a value gets into a shell script the harness runs or shows. Values from an
 * operator's files (host names, users, paths, keys) are words to the shell, never code: a
 * script that needs one puts {@code quote(value)} where the word goes, or passes the value
 * as an argv element of its own.
 */
public final class Shell {
  /** Characters no shell gives a meaning to anywhere in a word ('=' is left out: a first word with it is an assignment). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+:,./_-]+");

  private Shell() {}

  /**
   * A shell word that stands for {@code s} exactly, whatever it holds: {@code s} itself when
   * it is plain (so that a command shown in a report reads as a person would type it), else
   * single-quoted, inside which nothing is special but the quote itself, which is closed,
   * escaped and reopened. NUL is refused: no shell word can hold it, and the command channel
   * separates argv elements with it.
   */
  public static String quote(String s) {
    if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("a shell word cannot hold NUL: " + Printable.escape(s));
    return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
