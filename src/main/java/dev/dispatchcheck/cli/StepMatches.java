package dev.dispatchcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The steps of a dry run's Cucumber messages (ndjson) that no step definition matches, or
 * more than one does, each with its feature file and line. Cucumber links a test case's
 * step to its pickle step, and that to the Gherkin step it came from, which carries the
 * line.
 */
final class StepMatches {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A step that cannot run, as the feature file writes it (an outline's with its {@code <placeholders>}). */
  record Unmatched(Path file, int line, String keyword, String text, boolean ambiguous) {}

  private final Map<String, JsonNode> gherkinSteps = new HashMap<>();
  private final Map<String, Path> pickleStepFiles = new HashMap<>();
  private final Map<String, String> pickleStepSources = new HashMap<>(); // pickle step id -> Gherkin step id
  private final List<JsonNode> testCases = new ArrayList<>();

  private StepMatches() {}

  static List<Unmatched> read(Path ndjson) {
    StepMatches m = new StepMatches();
    try (Stream<String> lines = Files.lines(ndjson)) {
      lines.filter(l -> !l.isBlank()).forEach(m::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m.unmatched();
  }

  private void add(String line) {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (envelope.has("gherkinDocument")) indexSteps(envelope.get("gherkinDocument"));
    JsonNode pickle = envelope.get("pickle");
    if (pickle != null) {
      Path file = Path.of(URI.create(pickle.path("uri").asText()));
      pickle.path("steps").forEach(s -> {
        pickleStepFiles.put(s.path("id").asText(), file);
        pickleStepSources.put(s.path("id").asText(), s.path("astNodeIds").path(0).asText());
      });
    }
    if (envelope.has("testCase")) testCases.add(envelope.get("testCase"));
  }

  /** Every step of the document, wherever it stands (background, scenario, rule). */
  private void indexSteps(JsonNode node) {
    if (node.has("id") && node.has("keyword") && node.has("text")) gherkinSteps.put(node.get("id").asText(), node);
    node.elements().forEachRemaining(this::indexSteps);
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
