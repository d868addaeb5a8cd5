package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML for CI widgets: values from a farm stay values, whatever characters they hold. */
class JUnitXmlTest {
  /** The document's root, a {@code <testsuite>}, as a strict XML 1.0 parser reads it. */
  static Element parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
  }

  static Element parse(Path file) throws Exception {
    return parse(Files.readString(file));
  }

  /** "passed: OUTPUT", "failure: MESSAGE" or "error: MESSAGE" of the one test case named {@code name}. */
  static String outcome(Element suite, String name) {
    NodeList cases = suite.getElementsByTagName("testcase");
    Element found = null;
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getAttribute("name").equals(name)) {
        assertThat(found).as("one test case named %s", name).isNull();
        found = c;
      }
    }
    assertThat(found).as("a test case named %s", name).isNotNull();
    for (String tag : List.of("failure", "error")) {
      NodeList n = found.getElementsByTagName(tag);
      if (n.getLength() > 0) return tag + ": " + ((Element) n.item(0)).getAttribute("message");
    }
    NodeList out = found.getElementsByTagName("system-out");
    return "passed: " + (out.getLength() > 0 ? out.item(0).getTextContent() : "");
  }

  @Test
  void aFailureAnErrorAndAPassAreCountedAndSaid() throws Exception {
    Element suite = parse(JUnitXml.suite("moves, Nix 2.26/2.26", List.of(
        new JUnitXml.Case("moves", "moved", JUnitXml.Outcome.FAILED, "moved", "moved: a → b", ""),
        new JUnitXml.Case("moves", "unanswered", JUnitXml.Outcome.ERROR, "no answer", "no answer", ""),
        JUnitXml.Case.passed("moves", "same", "not moved: a"))));
    assertThat(List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("errors")))
        .containsExactly("3", "1", "1");
    assertThat(outcome(suite, "moved")).isEqualTo("failure: moved: a → b");
    assertThat(outcome(suite, "unanswered")).isEqualTo("error: no answer");
    assertThat(outcome(suite, "same")).isEqualTo("passed: not moved: a");
  }

  @Test
  void aNameThatLooksLikeMarkupOrHoldsControlCharactersStaysOneEscapedValue() throws Exception {
    String hostile = "x\"/><failure message=\"forged\"/><testcase name='y' & \u001b[31m\u202e\n::error::z";
    String xml = JUnitXml.suite("suite <" + hostile, List.of(JUnitXml.Case.passed("c " + hostile, hostile, hostile)));
    assertThat(xml.chars().filter(c -> c < 0x20 && c != '\n').count()).as("no control character but line ends").isZero();
    assertThat(xml).doesNotContain("\u202e").doesNotContain("<failure");
    Element suite = parse(xml);
    assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    assertThat(suite.getAttribute("failures")).isEqualTo("0");
    String shown = "x\"/><failure message=\"forged\"/><testcase name='y' & \\x1b[31m\\u{202e}\\x0a::error::z";
    assertThat(outcome(suite, shown)).isEqualTo("passed: " + shown);
  }
}
