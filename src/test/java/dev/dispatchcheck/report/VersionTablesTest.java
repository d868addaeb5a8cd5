package dev.dispatchcheck.report;

import dev.dispatchcheck.suite.ScenarioSelection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;

/** The compatibility page's words for what each Nix version does, from a report's Cucumber messages. */
class VersionTablesTest {
  @TempDir Path dir;

  /** The messages a run of these feature files writes, from a dry run: the same pickles, nothing started. */
  private Path messagesOf(String... features) {
    Path ndjson = dir.resolve("cucumber.ndjson");
    List<Path> files = java.util.Arrays.stream(features).map(f -> Path.of("features", f).toAbsolutePath()).toList();
    LauncherFactory.create().execute(new ScenarioSelection(files, true, Optional.empty(), Optional.empty(), Optional.empty())
        .request(Map.of("cucumber.execution.dry-run", "true", "cucumber.plugin", "message:" + ndjson)).build());
    return ndjson;
  }

  @Test
  void eachVersionDiffersScenarioIsSummedUpAtItsLine() {
    Map<String, String> tables = VersionTables.read(messagesOf("11-nix-versions.feature", "03-other-user-is-not-enough.feature"));
    assertThat(tables).containsEntry("11-nix-versions.feature:20", "outcome: 2.8 failed saying \"with features {} is required"
        + " to build\"; 2.26 failed saying \"with features {} is required to build\"; 2.34 failed saying \"Reason: platform"
        + " mismatch\"");
    assertThat(tables.get("11-nix-versions.feature:48")).isEqualTo("outcome: 2.8 failed saying \"bad machine specification\";"
        + " 2.26 went to aarch64-linux-0; 2.34 went to aarch64-linux-0");
    assertThat(tables.get("03-other-user-is-not-enough.feature:145")).as("an outline's example, at its row")
        .isEqualTo("warning: 2.8 none; 2.26 ignoring the client-specified setting 'builders', because it …;"
            + " 2.34 ignoring the client-specified setting 'builders', because it …");
    assertThat(tables).doesNotContainKey("03-other-user-is-not-enough.feature:90");
  }

  @Test
  void aReportWithoutMessagesHasNoTables() {
    assertThat(VersionTables.read(dir.resolve("absent.ndjson"))).isEmpty();
    assertThat(Files.exists(dir.resolve("absent.ndjson"))).isFalse();
  }
}
