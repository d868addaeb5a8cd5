package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.CucumberMessages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dispatchcheck.steps.StepOrder;
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
public final class StepMatches {
  /** A step that cannot run, as the feature file writes it (an outline's with its {@code <placeholders>}). */
  public record Unmatched(Path file, int line, String keyword, String text, Why why, String neededBefore) {
    Unmatched(Path file, int line, String keyword, String text, Why why) {
      this(file, line, keyword, text, why, "");
    }
  }

  /** Why a step cannot run. */
  public enum Why { UNDEFINED, AMBIGUOUS, REFUSED, NO_EXPECTATION, NEEDS_EARLIER_STEP }

  private final Map<String, JsonNode> gherkinSteps = new HashMap<>();
  private final Map<String, Path> pickleStepFiles = new HashMap<>();
  private final Map<String, String> pickleStepSources = new HashMap<>(); // pickle step id -> Gherkin step id
  private final List<JsonNode> testCases = new ArrayList<>();
  private final Map<String, JsonNode> scenarios = new HashMap<>();
  /** Scenarios without a Then step: they could not fail. */
  private final List<Unmatched> withoutExpectation = new ArrayList<>();
  /** Steps that need an earlier step ({@link StepOrder}) without it. */
  private final List<Unmatched> withoutEarlierStep = new ArrayList<>();
  private final Set<String> refusedPatterns;
  /** Ids of the step definitions whose pattern is refused. */
  private final Set<String> refusedDefinitions = new java.util.HashSet<>();

  private StepMatches(Set<String> refusedPatterns) {
    this.refusedPatterns = refusedPatterns;
  }

  /** The steps that cannot run; a step matching a definition whose pattern is in {@code refused} cannot either. */
  static List<Unmatched> read(Path ndjson, Set<String> refused) {
    StepMatches m = new StepMatches(refused);
    CucumberMessages.forEach(ndjson, CucumberMessages.ofKind("gherkinDocument", "pickle", "testCase", "stepDefinition"),
        m::add);
    return m.unmatched();
  }

  private void add(JsonNode envelope) {
    if (envelope.has("gherkinDocument")) {
      CucumberMessages.index(envelope.get("gherkinDocument"), n -> n.has("keyword") && n.has("text"), gherkinSteps);
      CucumberMessages.index(envelope.get("gherkinDocument"), n -> n.has("keyword") && n.has("steps"), scenarios);
    }
    JsonNode pickle = envelope.get("pickle");
    if (pickle != null) {
      Path file = CucumberMessages.file(pickle);
      boolean expects = false;
      for (JsonNode step : pickle.path("steps")) expects |= "Outcome".equals(step.path("type").asText());
      JsonNode scenario = scenarios.get(pickle.path("astNodeIds").path(0).asText());
      if (!expects && scenario != null) {
        withoutExpectation.add(new Unmatched(file, scenario.path("location").path("line").asInt(),
            scenario.path("keyword").asText().strip(), scenario.path("name").asText(), Why.NO_EXPECTATION));
      }
      Set<String> earlier = new java.util.HashSet<>();
      pickle.path("steps").forEach(s -> {
        pickleStepFiles.put(s.path("id").asText(), file);
        pickleStepSources.put(s.path("id").asText(), s.path("astNodeIds").path(0).asText());
        String text = s.path("text").asText();
        JsonNode gherkin = gherkinSteps.get(s.path("astNodeIds").path(0).asText());
        StepOrder.neededBefore(text).filter(needed -> !earlier.contains(needed) && gherkin != null).ifPresent(needed ->
            withoutEarlierStep.add(new Unmatched(file, gherkin.path("location").path("line").asInt(),
                gherkin.path("keyword").asText().strip(), gherkin.path("text").asText(), Why.NEEDS_EARLIER_STEP, needed)));
        earlier.add(text);
      });
    }
    if (envelope.has("testCase")) testCases.add(envelope.get("testCase"));
    JsonNode definition = envelope.get("stepDefinition");
    if (definition != null && refusedPatterns.contains(definition.path("pattern").path("source").asText())) {
      refusedDefinitions.add(definition.path("id").asText());
    }
  }

  private List<Unmatched> unmatched() {
    Set<Unmatched> out = new LinkedHashSet<>(withoutExpectation); // a step of an outline or a background is one problem, not one per scenario
    out.addAll(withoutEarlierStep);
    for (JsonNode testCase : testCases) {
      for (JsonNode step : testCase.path("testSteps")) {
        int definitions = step.path("stepDefinitionIds").size();
        boolean refused = definitions == 1 && refusedDefinitions.contains(step.path("stepDefinitionIds").path(0).asText());
        if (!step.has("pickleStepId") || (definitions == 1 && !refused)) continue;
        String id = step.get("pickleStepId").asText();
        JsonNode gherkin = gherkinSteps.get(pickleStepSources.get(id));
        out.add(new Unmatched(pickleStepFiles.get(id), gherkin.path("location").path("line").asInt(),
            gherkin.path("keyword").asText().strip(), gherkin.path("text").asText(),
            refused ? Why.REFUSED : definitions > 1 ? Why.AMBIGUOUS : Why.UNDEFINED));
      }
    }
    return List.copyOf(out);
  }
}
