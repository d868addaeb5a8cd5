package dev.dispatchcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.dispatch.verdict.VerdictFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's statuses and the compatibility page's structure, without Docker. */
class CliTest {

  @Test
  void aHarnessErrorIsLabelledAsOneEvenWrapped() {
    assertThat(ScenarioListener.classify(new RuntimeException("step", new HarnessError("split"))))
        .isEqualTo(ScenarioResult.HARNESS_ERROR);
    assertThat(ScenarioListener.classify(new VerdictFailure("no"))).isEqualTo(ScenarioResult.FAILED);
    assertThat(ScenarioListener.classify(new IllegalStateException("broke"))).isEqualTo(ScenarioResult.ERROR);
  }

  @Test
  void compatibilityPageHasARowPerScenarioAndMarksDifferences() {
    var same = new ScenarioResult("05.feature", 28, "agent uses only aarch64-linux-1", "passed", 4.0, "", List.of());
    var pass = new ScenarioResult("03.feature", 90, "untrusted agent", "passed", 4.0, "", List.of());
    var fail = new ScenarioResult("03.feature", 90, "untrusted agent", "FAILED", 4.0, "expected ...", List.of());
    String html = CompatibilityPage.render(new java.util.TreeMap<>(Map.of(
        "agent-nix-2.8--builders-nix-2.8", List.of(same, pass),
        "agent-nix-2.26--builders-nix-2.26", List.of(same, fail))));
    assertThat(html).contains("<table id=\"matrix\">").contains("<th>2.26 / 2.26</th>").contains("<th>2.8 / 2.8</th>")
        .contains("href=\"agent-nix-2.8--builders-nix-2.8/evidence/05--agent-uses-only-aarch64-linux-1--line28/dispatch-table.txt\"");
    assertThat(html.split("<tr class=\"differs\">", -1)).hasSize(2);
    assertThat(html).contains("<td>untrusted agent</td>");
  }
}
