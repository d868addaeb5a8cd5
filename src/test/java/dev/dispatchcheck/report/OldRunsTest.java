package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.report.ReportRun.RunInfo;
import dev.dispatchcheck.report.Summary.PairResults;
import dev.dispatchcheck.run.DirectoryTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a run removes the old runs RunRetention lets go, and the page shows what it showed before. */
class OldRunsTest {
  static final String PAIR = ShownReportsTest.PAIR;
  static final Instant TWO_DAYS_AGO = Instant.now().minus(Duration.ofDays(2));

  @TempDir Path reports;

  /** Run {@code i}, its pair's report written two days ago; complete or filtered. */
  private String run(int i, boolean complete) throws IOException {
    String id = String.format("20261201T10%02d00Z-%06x", i, i);
    RunInfo info = new RunInfo(id, String.format("2026-12-01T10:%02d:00Z", i), "test", complete ? null : "one", null, null, complete);
    Path dir = reports.resolve("runs").resolve(id);
    Summary.writeResults(dir.resolve(PAIR), new PairResults(info, PAIR, null, List.of(ShownReportsTest.ONE)));
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) Files.setLastModifiedTime(p, FileTime.from(TWO_DAYS_AGO));
    }
    return id;
  }

  @Test
  void aShownCompleteRunOutlivesTwentyNewerFilteredOnesAndThePageIsUnchanged() throws IOException {
    String complete = run(1, true);
    String filtered = run(2, false);
    for (int i = 3; i <= 22; i++) run(i, false);
    Map<String, ShownReports.Shown> before = ShownReports.read(reports);

    ReportRun opened = ReportRun.open(reports, "test", "one", null, null, false);

    assertThat(reports.resolve("runs").resolve(complete)).as("shown on the page").isDirectory();
    assertThat(reports.resolve("runs").resolve(filtered)).as("the 21st newest").doesNotExist();
    assertThat(opened.dir()).isDirectory();
    try (Stream<Path> runs = Files.list(reports.resolve("runs"))) {
      assertThat(runs).hasSize(21);
    }
    assertThat(ShownReports.read(reports)).isEqualTo(before);
  }

  @Test
  void aRunStillBeingWrittenStaysHoweverOld() throws IOException {
    for (int i = 1; i <= 21; i++) run(i, false);
    String writing = String.format("20261201T10%02d00Z-%06x", 1, 1);
    Files.writeString(reports.resolve("runs").resolve(writing).resolve(PAIR).resolve("cucumber.ndjson"), "{}");
    assertThat(OldRuns.toRemove(reports, "none", Instant.now())).isEmpty();
    assertThat(DirectoryTrees.lastWritten(reports.resolve("runs").resolve(writing))).isAfter(TWO_DAYS_AGO);
  }

  @Test
  void noRunsDirectoryIsNothingToRemove() throws IOException {
    assertThat(OldRuns.toRemove(reports, "none", Instant.now())).isEmpty();
  }
}
