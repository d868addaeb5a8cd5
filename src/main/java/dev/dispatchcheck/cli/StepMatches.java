package dev.dispatchcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of a dry run's Cucumber messages (ndjson) that no step definition matches, or
 * more than one does, each with its feature file and line. Cucumber links a test case's
 * step to its pickle step, and that to the Gherkin step it came from, which carries the
 * line.
 */
final class StepMatches {
  /** A step that cannot run, as the feature file writes it (an outline's with its {@code <placeholders>}). */
  record Unmatched(Path file, int line, String keyword, String text, boolean ambiguous) {}

  private final Map<String, JsonNode> gherkinSteps = new HashMap<>();
  private final Map<String, Path> pickleStepFiles = new HashMap<>();
  private final Map<String, String> pickleStepSources = new HashMap<>(); // pickle step id -> Gherkin step id
  private final List<JsonNode> testCases = new ArrayList<>();

  private StepMatches() {}

  static List<Unmatched> read(Path ndjson) {
    StepMatches m = new StepMatches();
    CucumberMessages.forEach(ndjson, CucumberMessages.ofKind("gherkinDocument", "pickle", "testCase"), m::add);
    return m.unmatched();
  }

  private void add(JsonNode envelope) {
    if (envelope.has("gherkinDocument")) {
      CucumberMessages.index(envelope.get("gherkinDocument"), n -> n.has("keyword") && n.has("text"), gherkinSteps);
    }
    JsonNode pickle = envelope.get("pickle");
    if (pickle != null) {
      Path file = CucumberMessages.file(pickle);
      pickle.path("steps").forEach(s -> {
        pickleStepFiles.put(s.path("id").asText(), file);
        pickleStepSources.put(s.path("id").asText(), s.path("astNodeIds").path(0).asText());
      });
    }
    if (envelope.has("testCase")) testCases.add(envelope.get("testCase"));
  }

  private List<Unmatched> unmatched() {
    Set<Unmatched> out = new LinkedHashSet<>(); // a step of an outline or a background is one problem, not one per scenario
    for (JsonNode testCase : testCases) {
      for (JsonNode step : testCase.path("testSteps")) {
        int definitions = step.path("stepDefinitionIds").size();
        if (!step.has("pickleStepId") || definitions == 1) continue;
        String id = step.get("pickleStepId").asText();
        JsonNode gherkin = gherkinSteps.get(pickleStepSources.get(id));
        out.add(new Unmatched(pickleStepFiles.get(id), gherkin.path("location").path("line").asInt(),
            gherkin.path("keyword").asText().strip(), gherkin.path("text").asText(), definitions > 1));
      }
    }
    return List.copyOf(out);
  }
}
