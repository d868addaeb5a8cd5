package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.CompatibilityPage;
import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.suite.ScenarioListener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.report.ReportRun.RunInfo;
import dev.dispatchcheck.report.ShownReports.Report;
import dev.dispatchcheck.report.ShownReports.Shown;
import dev.dispatchcheck.report.Summary.PairResults;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.dispatch.verdict.VerdictFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The console's statuses and the compatibility page's structure, without Docker. */
class ScenarioStatusTest {
  static final RunInfo TEST_RUN = new RunInfo("20261201T080000Z-aaaaaa", "2026-12-01T08:00:00Z", "test", null, null, null, true);

  @Test
  void aHarnessErrorIsLabelledAsOneEvenWrapped() {
    assertThat(ScenarioListener.classify(new RuntimeException("step", new HarnessError("split"))))
        .isEqualTo(ScenarioResult.HARNESS_ERROR);
    assertThat(ScenarioListener.classify(new VerdictFailure("no"))).isEqualTo(ScenarioResult.FAILED);
    assertThat(ScenarioListener.classify(new IllegalStateException("broke"))).isEqualTo(ScenarioResult.ERROR);
  }

  private static Shown shown(String pair, List<ScenarioResult> results) {
    return new Shown(List.of(new Report("runs/" + TEST_RUN.id() + "/" + pair, new PairResults(TEST_RUN, pair, null, results))),
        true);
  }

  @Test
  void compatibilityPageHasARowPerScenarioByFileAndLineAndMarksDifferences() {
    var same = new ScenarioResult("05.feature", 28, "agent uses only aarch64-linux-1", "passed", 4.0, "", List.of());
    var pass = new ScenarioResult("03.feature", 90, "untrusted agent", "passed", 4.0, "", List.of());
    var fail = new ScenarioResult("03.feature", 90, "untrusted agent", "FAILED", 4.0, "expected ...", List.of());
    String html = CompatibilityPage.render(new TreeMap<>(Map.of(
        "agent-nix-2.8--builders-nix-2.8", shown("agent-nix-2.8--builders-nix-2.8", List.of(same, pass)),
        "agent-nix-2.26--builders-nix-2.26", shown("agent-nix-2.26--builders-nix-2.26", List.of(same, fail)))), Map.of());
    assertThat(html).contains("<table id=\"matrix\">").contains("<th>2.26 / 2.26<br>").contains("<th>2.8 / 2.8<br>")
        .contains("complete: test, 2026-12-01 08:00 UTC")
        .contains("href=\"runs/20261201T080000Z-aaaaaa/agent-nix-2.8--builders-nix-2.8/evidence/"
            + "05--agent-uses-only-aarch64-linux-1--line28/dispatch-table.txt\"");
    assertThat(html.split("<tr class=\"differs\">", -1)).hasSize(2);
    assertThat(html).contains("<td>03.feature:90</td><td>untrusted agent</td>");
    assertThat(html.indexOf("03.feature:90")).as("rows by file and line").isLessThan(html.indexOf("05.feature:28"));
  }

  @Test
  void aVersionDiffersRowSaysWhatEachVersionDoes() {
    var row = new ScenarioResult("11.feature", 20, "the rejection", "passed", 4.0, "", List.of("version-differs"));
    String html = CompatibilityPage.render(Map.of("agent-nix-2.8--builders-nix-2.8",
        shown("agent-nix-2.8--builders-nix-2.8", List.of(row))), Map.of("11.feature:20", "outcome: 2.8 went to aarch64-linux-0"));
    assertThat(html).contains("<tr class=\"differs\">")
        .contains("the rejection<div class=\"versions\">outcome: 2.8 went to aarch64-linux-0</div>");
  }

  @Test
  void anEngineThatBrokeBeforeAnyScenarioIsAnErrorNotAnEmptyRun() {
    ScenarioListener listener = new ScenarioListener(new dev.dispatchcheck.run.Progress(0), "2.26/2.26");
    var engine = org.junit.platform.launcher.TestIdentifier.from(
        new org.junit.platform.engine.support.descriptor.EngineDescriptor(
            org.junit.platform.engine.UniqueId.forEngine("cucumber"), "Cucumber"));
    listener.executionFinished(engine, org.junit.platform.engine.TestExecutionResult.failed(
        new IllegalStateException("glue class dev.dispatchcheck.steps.World could not be loaded")));
    listener.executionFinished(engine, org.junit.platform.engine.TestExecutionResult.successful());
    assertThat(listener.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(ScenarioResult.ERROR);
      assertThat(r.message()).contains("could not be loaded");
    });
  }
}
