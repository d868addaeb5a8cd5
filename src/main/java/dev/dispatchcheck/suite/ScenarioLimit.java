package dev.dispatchcheck.suite;

import dev.dispatchcheck.dispatch.layout.FarmLimits;
import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a farm's expectations hold more scenarios than {@link FarmLimits#scenarios()},
 * an outline's examples each counted, whatever the filters select: counted from the
 * Gherkin documents alone, before Cucumber discovers them. Discovery takes longer than
 * linear in the scenarios (10,000 of them took 11 s, 50,000 more than 10 minutes), so a
 * feature file of a MiB of examples must be refused before it.
 */
public final class ScenarioLimit {
  private static final GherkinParser PARSER = GherkinParser.builder().includeSource(false).includePickles(false).build();

  private ScenarioLimit() {}

  /** The scenario past the limit, at its line (an outline example's at its row), saying how many there are. */
  static Optional<ExpectationLimits.Problem> past(List<Path> files, FarmLimits limits) {
    int count = 0;
    ExpectationLimits.Problem first = null;
    for (Path file : files) {
      for (long line : scenarioLines(file)) {
        if (++count == limits.scenarios() + 1) first = new ExpectationLimits.Problem(file, (int) line, "");
      }
    }
    if (first == null) return Optional.empty();
    return Optional.of(new ExpectationLimits.Problem(first.file(), first.line(), "the expectations hold " + count
        + " scenarios (an outline's examples each count; this one is the first past the limit); "
        + FarmLimits.atMost("runs", limits.scenarios(), "--max-scenarios", count)));
  }

  /** Each scenario's line, an outline's examples' rows instead; none for a file that does not parse (discovery says why). */
  private static List<Long> scenarioLines(Path file) {
    List<Long> lines = new ArrayList<>();
    try (Stream<Envelope> envelopes = PARSER.parse(file)) {
      envelopes.flatMap(e -> e.getGherkinDocument().stream()).flatMap(d -> d.getFeature().stream())
          .flatMap(f -> f.getChildren().stream()).flatMap(ScenarioLimit::scenarios).forEach(s -> {
            if (s.getExamples().isEmpty()) lines.add(s.getLocation().getLine());
            s.getExamples().forEach(x -> x.getTableBody().forEach(row -> lines.add(row.getLocation().getLine())));
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static Stream<Scenario> scenarios(FeatureChild child) {
    return Stream.concat(child.getScenario().stream(), child.getRule().stream()
        .flatMap(r -> r.getChildren().stream()).flatMap(c -> c.getScenario().stream()));
  }
}
