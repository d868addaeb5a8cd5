package dev.dispatchcheck.report;

import dev.dispatchcheck.run.ExitCode;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The end of a run: one line per Nix pair, and each pair's results as JSON beside its report. */
public final class Summary {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Summary() {}

  /**
   * A pair's results.json: the run it belongs to, the pair (and shard) and each scenario's
   * result. The compatibility page chooses which report to show for a pair from these.
   */
  public record PairResults(ReportRun.RunInfo run, String pair, String shard, List<ScenarioResult> scenarios) {
    public PairResults {
      scenarios = List.copyOf(scenarios);
    }
  }

  public static void writeResults(Path reportDir, PairResults results) {
    try {
      Files.createDirectories(reportDir);
      JSON.writeValue(reportDir.resolve("results.json").toFile(), results);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A report's results; empty when it has none (a run that broke before it wrote them). */
  static Optional<PairResults> readPair(Path reportDir) {
    Path file = reportDir.resolve("results.json");
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.of(JSON.readValue(file.toFile(), PairResults.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static List<ScenarioResult> readResults(Path reportDir) {
    return readPair(reportDir).map(PairResults::scenarios).orElse(List.of());
  }

  /** "12 scenarios: 11 passed, 1 FAILED; median 3.1 s, p90 5.0 s". */
  public static String line(List<ScenarioResult> results) {
    Map<String, Long> byStatus = results.stream()
        .collect(Collectors.groupingBy(ScenarioResult::status, java.util.TreeMap::new, Collectors.counting()));
    List<Double> times = results.stream().map(ScenarioResult::seconds).sorted().toList();
    String counts = byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    return String.format("%d scenarios: %s; median %.1f s, p90 %.1f s", results.size(),
        counts.isEmpty() ? "none ran" : counts, percentile(times, 0.5), percentile(times, 0.9));
  }

  /**
   * The exit code scenarios give: 1 if any verdict failed (what happened is known, and it is
   * not what was expected); otherwise 3 if any ended without a verdict (a harness error, a
   * scenario that broke), which says nothing either way; otherwise 0.
   */
  public static int exitCode(List<ScenarioResult> results) {
    if (results.stream().anyMatch(r -> r.status().equals(ScenarioResult.FAILED))) return ExitCode.FAILED;
    return results.stream().allMatch(ScenarioResult::passed) ? ExitCode.OK : ExitCode.ENVIRONMENT;
  }


  public static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) return 0;
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
