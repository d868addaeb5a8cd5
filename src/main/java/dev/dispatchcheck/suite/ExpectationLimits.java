package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.CucumberMessages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.Lint;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a farm's expectations ask the engine for, against the stated {@link FarmLimits},
 * from the dry run's Cucumber messages (ndjson): how many probe builds a step asks for and
 * runs at the same time, how many builders a step's table claims, and how long the feature
 * files' lines are ({@link ScenarioLimit} counts the scenarios, before the dry run). A
 * step's count is the argument Cucumber matched, or its table's rows; each problem names
 * the feature file and line where the number is written.
 */
public final class ExpectationLimits {
  public record Problem(Path file, int line, String message) {}

  /** What a step's number counts. */
  private enum Count { BUILDS, BUILDS_AT_ONCE, BUILDERS }

  /** The steps that take a number, by their pattern (steps/BuildSteps, EffectSteps, FarmSteps). */
  private static final Map<String, Count> COUNTED = Map.of(
      "{user} builds {int} probes for {system}, one after another", Count.BUILDS,
      "an effect of the agent builds {int} probes for {system}, one after another", Count.BUILDS,
      "{user} builds {int} probes for {system} at the same time", Count.BUILDS_AT_ONCE,
      "these builds run at the same time:", Count.BUILDS_AT_ONCE,
      "remote builders that claim foreign systems:", Count.BUILDERS);

  /** Steps past a limit shown one by one; the rest are counted in one more problem, so a flood of outline rows prints no flood. */
  static final int SHOWN = 20;

  private final FarmLimits limits;
  /** Every Gherkin node with an id (steps, scenarios, example rows), for their lines. */
  private final Map<String, JsonNode> gherkin = new HashMap<>();
  private final Map<String, JsonNode> pickles = new HashMap<>();
  private final Map<String, JsonNode> pickleSteps = new HashMap<>();
  private final Map<String, Count> countedDefinitions = new HashMap<>();
  private final List<JsonNode> testCases = new ArrayList<>();
  private final List<Problem> longLines = new ArrayList<>();

  private ExpectationLimits(FarmLimits limits) {
    this.limits = limits;
  }

  /** The problems: the feature files' long lines first, then the steps. */
  static List<Problem> read(Path ndjson, FarmLimits limits) {
    ExpectationLimits l = new ExpectationLimits(limits);
    CucumberMessages.forEach(ndjson, CucumberMessages.ofKind("source", "gherkinDocument", "pickle", "testCase",
        "stepDefinition"), l::add);
    List<Problem> out = new ArrayList<>(l.longLines);
    out.addAll(l.steps());
    return out;
  }

  private void add(JsonNode envelope) {
    if (envelope.has("source")) lines(envelope.get("source"));
    if (envelope.has("gherkinDocument")) {
      CucumberMessages.index(envelope.get("gherkinDocument"), n -> n.has("location"), gherkin);
    }
    JsonNode pickle = envelope.get("pickle");
    if (pickle != null) {
      pickles.put(pickle.path("id").asText(), pickle);
      pickle.path("steps").forEach(s -> pickleSteps.put(s.path("id").asText(), s));
    }
    if (envelope.has("testCase")) testCases.add(envelope.get("testCase"));
    JsonNode definition = envelope.get("stepDefinition");
    if (definition != null) {
      Count count = COUNTED.get(definition.path("pattern").path("source").asText());
      if (count != null) countedDefinitions.put(definition.path("id").asText(), count);
    }
  }

  /** A feature file's first line longer than the limit, as lint names a farm file's. */
  private void lines(JsonNode source) {
    String[] lines = source.path("data").asText().split("\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      if (lines[n - 1].length() > limits.lineLength()) {
        longLines.add(new Problem(CucumberMessages.file(source), n, Lint.lineTooLong(lines[n - 1].length(), limits.lineLength())));
        return;
      }
    }
  }

  /** Each step whose number passes a limit, once however many scenarios share it (a background's, an outline's). */
  private List<Problem> steps() {
    Set<Problem> past = new LinkedHashSet<>();
    for (JsonNode testCase : testCases) {
      for (JsonNode step : testCase.path("testSteps")) {
        JsonNode definitions = step.path("stepDefinitionIds");
        Count count = definitions.size() == 1 ? countedDefinitions.get(definitions.path(0).asText()) : null;
        if (count != null) past.addAll(past(count, step, pickleSteps.get(step.path("pickleStepId").asText()), testCase));
      }
    }
    List<Problem> out = new ArrayList<>(past);
    if (out.size() <= SHOWN) return out;
    Problem next = out.get(SHOWN);
    List<Problem> shown = new ArrayList<>(out.subList(0, SHOWN));
    shown.add(new Problem(next.file(), next.line(), "and " + (out.size() - SHOWN) + " more steps past a limit, from this"
        + " one on (the first " + SHOWN + " are above)"));
    return shown;
  }

  private List<Problem> past(Count count, JsonNode step, JsonNode pickleStep, JsonNode testCase) {
    BigInteger n = number(step, pickleStep);
    JsonNode gherkinStep = gherkin.get(pickleStep.path("astNodeIds").path(0).asText());
    // A number from an outline's example is written in that example's row; else in the step (or its table).
    JsonNode ids = pickleStep.path("astNodeIds");
    boolean fromRow = ids.size() > 1 && !gherkinStep.path("text").asText().equals(pickleStep.path("text").asText());
    Path file = CucumberMessages.file(pickles.get(testCase.path("pickleId").asText()));
    int line = fromRow ? lineOf(ids.path(1).asText()) : gherkinStep.path("location").path("line").asInt();
    String said = "step '" + gherkinStep.path("keyword").asText().strip() + " " + pickleStep.path("text").asText() + "'";
    List<Problem> out = new ArrayList<>();
    if (count == Count.BUILDERS) {
      if (above(n, limits.builders())) {
        out.add(new Problem(file, line, said + " claims " + n + " builders; "
            + FarmLimits.atMost("starts", limits.builders(), "--max-builders", n)));
      }
      return out;
    }
    if (above(n, limits.buildsPerStep())) {
      out.add(new Problem(file, line, said + " asks for " + n + " probe builds; "
          + FarmLimits.atMost("runs", limits.buildsPerStep(), "--max-builds-per-step", n) + " in one step"));
    }
    if (count == Count.BUILDS_AT_ONCE && above(n, limits.concurrentBuilds())) {
      out.add(new Problem(file, line, said + " runs " + n + " probe builds at the same time; "
          + FarmLimits.atMost("runs", limits.concurrentBuilds(), "--max-concurrent-builds", n) + " at once"));
    }
    return out;
  }

  /**
   * The step's {int} as Cucumber matched it, as written (the dry run converts nothing, and
   * it may have more digits than an int holds), else its table's rows below the header.
   */
  private static BigInteger number(JsonNode step, JsonNode pickleStep) {
    for (JsonNode argument : step.path("stepMatchArgumentsLists").path(0).path("stepMatchArguments")) {
      if (argument.path("parameterTypeName").asText().equals("int")) {
        return new BigInteger(argument.path("group").path("value").asText());
      }
    }
    return BigInteger.valueOf(Math.max(0, pickleStep.path("argument").path("dataTable").path("rows").size() - 1));
  }

  private static boolean above(BigInteger n, int limit) {
    return n.compareTo(BigInteger.valueOf(limit)) > 0;
  }

  private int lineOf(String gherkinId) {
    return gherkin.getOrDefault(gherkinId, MissingNode.getInstance())
        .path("location").path("line").asInt();
  }
}
