package dev.dispatchcheck.driver.host;

/** Words from an operator's files, made safe to put in a shell script. */
public final class Shell {
  private Shell() {}

  /** A single-quoted shell word that stands for {@code s} exactly, whatever it holds. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
