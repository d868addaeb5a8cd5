package dev.dispatchcheck.dispatch;

/**
 * Operator content made safe to show: a farm comes from anyone who opens a pull request,
 * and its bytes reach terminals, CI logs and reports whenever lint or an error quotes them.
 * Control characters (escape sequences that would drive a terminal), invisible format
 * characters (bidi overrides that reorder what is read) and the replacement character that
 * stands for bytes that are not UTF-8 are written as escapes; all else is kept as is. The
 * result is for reading, not a reversible encoding (a backslash is kept as it is).
 */
public final class Printable {
  private Printable() {}

  /** {@code s} with every character that is not printable as <code>&#92;xNN</code> (below U+0100) or <code>&#92;u{XXXX}</code>. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (printable(c)) out.appendCodePoint(c);
      else if (c < 0x100) out.append(String.format("\\x%02x", c));
      else out.append(String.format("\\u{%x}", c));
    });
    return out.toString();
  }

  /**
   * One line as it may reach a console, a CI log or a job summary: {@link #escape escaped},
   * and with what CI runners act on defused. GitHub's runner obeys workflow commands
   * ({@code ::error ...::}, {@code ::add-mask::}, {@code ::stop-commands::}) and finds the
   * older form {@code ##[...]} anywhere in a line; GitLab folds the log at its section
   * markers. A farm's values and the text hosts make reach these lines, so no {@code ::},
   * {@code ##[} or section marker survives: one character of each becomes its escape.
   */
  public static String forLog(String line) {
    return escape(line).replace("::", ":\\x3a").replace("##[", "#\\x23[")
        .replace("section_start:", "section_start\\x3a").replace("section_end:", "section_end\\x3a");
  }

  /** Whether a line of a file is text: printable characters and tabs (and the CR of a CRLF file) only. */
  public static boolean isTextLine(String line) {
    return line.codePoints().allMatch(c -> printable(c) || c == '\t' || c == '\r');
  }

  private static boolean printable(int c) {
    if (c == 0xFFFD) return false; // what a decoder puts where bytes were not UTF-8
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
