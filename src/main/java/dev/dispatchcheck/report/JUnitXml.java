package dev.dispatchcheck.report;

import dev.dispatchcheck.dispatch.Printable;
import java.util.List;

/**
 * One JUnit XML test suite, as CI test widgets read it (GitLab's {@code reports: junit},
 * GitHub's test reporters): a test case passes, fails (a verdict) or is an error (no
 * verdict). Every value may come from a farm, so each is made printable first
 * ({@link Printable#escape}: no control byte reaches the file, where XML 1.0 forbids most
 * of them) and then escaped as XML text, so no name can close an attribute or add an element.
 */
public final class JUnitXml {
  private JUnitXml() {}

  public enum Outcome { PASSED, FAILED, ERROR }

  /**
   * One test case.
   *
   * @param message for a failure or an error, its one-line message; else ignored
   * @param output what the case adds for a reader, as its {@code <system-out>}; empty for none
   */
  public record Case(String className, String name, Outcome outcome, String type, String message, String output) {
    static Case passed(String className, String name, String output) {
      return new Case(className, name, Outcome.PASSED, "", "", output);
    }
  }

  /** The suite as a document of its own: {@code <testsuite name tests failures errors skipped>}. */
  static String suite(String name, List<Case> cases) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"").append(escape(name)).append("\" tests=\"").append(cases.size())
        .append("\" failures=\"").append(count(cases, Outcome.FAILED))
        .append("\" errors=\"").append(count(cases, Outcome.ERROR)).append("\" skipped=\"0\">\n");
    for (Case c : cases) {
      xml.append("  <testcase classname=\"").append(escape(c.className())).append("\" name=\"").append(escape(c.name()))
          .append("\">\n");
      if (c.outcome() != Outcome.PASSED) {
        String tag = c.outcome() == Outcome.FAILED ? "failure" : "error";
        xml.append("    <").append(tag).append(" type=\"").append(escape(c.type())).append("\" message=\"")
            .append(escape(c.message())).append("\">").append(escape(c.message())).append("</").append(tag).append(">\n");
      }
      if (!c.output().isEmpty()) xml.append("    <system-out>").append(escape(c.output())).append("</system-out>\n");
      xml.append("  </testcase>\n");
    }
    return xml.append("</testsuite>\n").toString();
  }

  /** {@code s} printable, then with XML's five special characters as entities: safe as text and as an attribute. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char ch : Printable.escape(s).toCharArray()) {
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static long count(List<Case> cases, Outcome outcome) {
    return cases.stream().filter(c -> c.outcome() == outcome).count();
  }
}
