package dev.dispatchcheck.cli;

/** Text put into the HTML pages the command line writes. */
final class Html {
  private Html() {}

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
