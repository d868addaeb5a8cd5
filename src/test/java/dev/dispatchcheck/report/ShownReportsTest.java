package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.report.ReportRun.RunInfo;
import dev.dispatchcheck.report.ShownReports.Report;
import dev.dispatchcheck.report.ShownReports.Shown;
import dev.dispatchcheck.report.Summary.PairResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No run replaces another's report; each pair shows its latest complete run, or says it is partial. */
class ShownReportsTest {
  static final String PAIR = "agent-nix-2.26--builders-nix-2.26";
  static final ScenarioResult ONE = new ScenarioResult("05.feature", 28, "one", "passed", 1, "", List.of());
  static final ScenarioResult TWO = new ScenarioResult("05.feature", 40, "two", "passed", 1, "", List.of());

  @TempDir Path reports;

  private static RunInfo run(String id, String command, String name, String shard) {
    String started = "2026-12-01T" + id + ":00Z";
    return new RunInfo(id, started, command, name, null, shard, name == null && shard == null);
  }

  /** A pair report as a run writes it, with a cucumber.xml of as many test cases as it has results. */
  private Path write(RunInfo run, String pair, String shard, ScenarioResult... results) throws IOException {
    Path dir = reports.resolve("runs").resolve(run.id()).resolve(pair + (shard == null ? "" : "--shard-" + shard.replace("/", "-of-")));
    Summary.writeResults(dir, new PairResults(run, pair, shard, List.of(results)));
    Files.writeString(dir.resolve("cucumber.xml"), "<testsuite name=\"x\">" + "<testcase/>".repeat(results.length)
        + (run.complete() ? "" : "<testcase><failure/></testcase>") + "</testsuite>");
    return dir;
  }

  private Shown shown(String pair) {
    return ShownReports.read(reports).get(pair);
  }

  @Test
  void aLaterPartialRunDoesNotReplaceTheCompleteOne() throws IOException {
    write(run("08:00", "test", null, null), PAIR, null, ONE, TWO);
    write(run("09:00", "conformance", "agent uses only", null), PAIR, null, ONE);
    Shown s = shown(PAIR);
    assertThat(s.complete()).isTrue();
    assertThat(s.reports()).extracting(Report::dir).containsExactly("runs/08:00/" + PAIR);
    assertThat(Files.isRegularFile(reports.resolve("runs/08:00/" + PAIR + "/results.json"))).isTrue();
  }

  @Test
  void aLaterCompleteRunIsShown() throws IOException {
    write(run("08:00", "test", null, null), PAIR, null, ONE, TWO);
    write(run("10:00", "conformance", null, null), PAIR, null, ONE);
    assertThat(shown(PAIR).reports()).extracting(Report::dir).containsExactly("runs/10:00/" + PAIR);
  }

  @Test
  void everyShardOfAnUnfilteredRunTogetherIsComplete() throws IOException {
    write(run("07:00", "test", null, null), PAIR, null, ONE, TWO);
    write(run("08:00", "test", null, "1/2"), PAIR, "1/2", ONE);
    write(run("08:05", "test", null, "2/2"), PAIR, "2/2", TWO);
    write(run("08:10", "test", null, "1/3"), PAIR, "1/3", ONE);
    Shown s = shown(PAIR);
    assertThat(s.complete()).isTrue();
    assertThat(s.reports()).extracting(Report::dir)
        .containsExactly("runs/08:00/" + PAIR + "--shard-1-of-2", "runs/08:05/" + PAIR + "--shard-2-of-2");
    assertThat(CompatibilityPage.runNote(s)).contains("complete: test, 2 shards, 2026-12-01 08:05 UTC");
  }

  @Test
  void aPairWithoutACompleteRunShowsItsLatestRunAsPartial() throws IOException {
    write(run("08:00", "test", null, "1/2"), PAIR, "1/2", ONE);
    write(run("09:00", "conformance", "agent uses only", null), PAIR, null, ONE);
    Shown s = shown(PAIR);
    assertThat(s.complete()).isFalse();
    assertThat(s.reports()).extracting(Report::dir).containsExactly("runs/09:00/" + PAIR);
    assertThat(CompatibilityPage.runNote(s))
        .contains("PARTIAL: conformance --name 'agent uses only'")
        .contains("2026-12-01 09:00 UTC; no complete run");
  }

  @Test
  void theMergedJUnitXmlAndThePageTakeOnlyTheShownReports() throws IOException {
    write(run("08:00", "test", null, null), PAIR, null, ONE, TWO);
    write(run("09:00", "conformance", "agent uses only", null), PAIR, null, ONE);
    write(run("09:00", "conformance", "agent uses only", null), "agent-nix-2.8--builders-nix-2.8", null, ONE);
    Files.createDirectories(reports.resolve("runs/09:30/check-guide-farm/" + PAIR));
    assertThat(JUnitMerge.write(reports)).as("the 2.8 pair's partial run, its only one, has a failure").isEqualTo(1);
    String junit = Files.readString(reports.resolve("junit.xml"));
    assertThat(junit.split("<testsuite ", -1)).hasSize(3);
    CompatibilityPage.write(reports);
    String page = Files.readString(reports.resolve("index.html"));
    assertThat(page).contains("complete: test, 2026-12-01 08:00 UTC").contains("PARTIAL: conformance")
        .contains("runs/08:00/" + PAIR + "/evidence/");
  }

  @Test
  void nothingGatheredIsAnEmptyPage() {
    assertThat(ShownReports.read(reports)).isEqualTo(Map.of());
  }
}
