package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.CucumberMessages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dispatchcheck.dispatch.layout.Finding;
import dev.dispatchcheck.dispatch.layout.Lint;
import dev.dispatchcheck.dispatch.layout.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a farm's expectations deploy, checked by the rules lint applies to the farm's files.
 * A step that writes a machines file, a nix.conf, nixSettings, a builders value or a
 * builders table stands where a farm file would, so its text meets that file's rules
 * ({@link Lint#machinesText} and the like); else a {@code .feature} could deploy what lint
 * refuses in a file. Read from the dry run's Cucumber messages: a pickle step carries its
 * doc string, data table and text as the scenario gives them (an outline's values put in),
 * the Gherkin step it came from carries the lines. Each problem names the {@code .feature}
 * line at fault: the doc string's line, the table's row, or the step's.
 */
public final class ExpectationContent {
  /** Steps that write their doc string where a farm file would be, by their definition's pattern, and that file's rules. */
  private static final Map<String, Function<String, List<Finding>>> DOC_STRINGS = Map.of(
      "the agent host's system machines file \\(\\/etc\\/nix\\/machines) says:", Lint::machinesText,
      "the agent host's system nix.conf says:", Lint::nixConfText,
      "the agent's own nix.conf says:", Lint::nixConfText,
      "the agent's nixSettings say:", Lint::nixSettingsText);
  /** Builders to start, one a row (steps.ParameterTypes#builderRow): its cells become host names, logins and nix.conf words. */
  private static final String BUILDERS_TABLE = "remote builders that claim foreign systems:";
  private static final Set<String> BUILDERS_COLUMNS = Set.of("builder", "systems");
  /** A builders value in a {string}, passed to the effect's nix-build as --builders. */
  private static final String OWN_BUILDERS = "an effect of the agent builds a probe for {system} with its own builders {string}";

  /** The patterns of every step checked here. */
  static Set<String> patterns() {
    Set<String> all = new TreeSet<>(DOC_STRINGS.keySet());
    all.add(BUILDERS_TABLE);
    all.add(OWN_BUILDERS);
    return all;
  }

  private final Function<Path, String> name;
  private final Map<String, String> patterns = new HashMap<>(); // step definition id -> its pattern
  private final Map<String, JsonNode> gherkinSteps = new HashMap<>();
  private final Map<String, JsonNode> exampleRows = new HashMap<>();
  private final Map<String, JsonNode> exampleHeaders = new HashMap<>(); // example row id -> its table's header
  private final Map<String, JsonNode> pickleSteps = new HashMap<>();
  private final Map<String, Path> pickleStepFiles = new HashMap<>();
  private final List<JsonNode> testCases = new ArrayList<>();
  /** A Background's step, or an outline's written once, is one problem, not one per scenario. */
  private final Set<String> problems = new LinkedHashSet<>();

  private ExpectationContent(Function<Path, String> name) {
    this.name = name;
  }

  /** Every error in what the steps of the dry run's messages deploy, as {@code FILE:LINE: …}; {@code name} names a file. */
  static List<String> problems(Path ndjson, Function<Path, String> name) {
    ExpectationContent c = new ExpectationContent(name);
    CucumberMessages.forEach(ndjson, CucumberMessages.ofKind("gherkinDocument", "pickle", "testCase", "stepDefinition"),
        c::add);
    c.testCases.forEach(c::check);
    return List.copyOf(c.problems);
  }

  private void add(JsonNode envelope) {
    JsonNode document = envelope.get("gherkinDocument");
    if (document != null) {
      CucumberMessages.index(document, n -> n.has("keyword") && n.has("text"), gherkinSteps);
      Map<String, JsonNode> examples = new HashMap<>();
      CucumberMessages.index(document, n -> n.has("tableHeader"), examples);
      examples.values().forEach(e -> e.path("tableBody").forEach(row -> {
        exampleRows.put(row.path("id").asText(), row);
        exampleHeaders.put(row.path("id").asText(), e.get("tableHeader"));
      }));
    }
    JsonNode pickle = envelope.get("pickle");
    if (pickle != null) {
      Path file = CucumberMessages.file(pickle);
      pickle.path("steps").forEach(s -> {
        pickleSteps.put(s.path("id").asText(), s);
        pickleStepFiles.put(s.path("id").asText(), file);
      });
    }
    if (envelope.has("testCase")) testCases.add(envelope.get("testCase"));
    JsonNode definition = envelope.get("stepDefinition");
    if (definition != null) patterns.put(definition.path("id").asText(), definition.path("pattern").path("source").asText());
  }

  /** Each step of a test case that one definition matches (StepMatches names the others). */
  private void check(JsonNode testCase) {
    for (JsonNode step : testCase.path("testSteps")) {
      if (!step.has("pickleStepId") || step.path("stepDefinitionIds").size() != 1) continue;
      String pattern = patterns.get(step.path("stepDefinitionIds").path(0).asText());
      JsonNode pickleStep = pickleSteps.get(step.get("pickleStepId").asText());
      Step s = new Step(pickleStepFiles.get(step.get("pickleStepId").asText()), pickleStep,
          gherkinSteps.get(pickleStep.path("astNodeIds").path(0).asText()),
          exampleRows.get(pickleStep.path("astNodeIds").path(1).asText()));
      if (DOC_STRINGS.containsKey(pattern)) docString(s, DOC_STRINGS.get(pattern));
      else if (BUILDERS_TABLE.equals(pattern)) buildersTable(s);
      else if (OWN_BUILDERS.equals(pattern)) stringArgument(step).ifPresent(v -> say(s, s.atStep(), Lint.machinesText(v)));
    }
  }

  /** A .feature line, and whether an outline's example put values into it. */
  private record At(int line, boolean substituted) {}

  /** A step as the scenario runs it (pickle), as the file writes it (gherkin), and the example row it came from, if any. */
  private record Step(Path file, JsonNode pickle, JsonNode gherkin, JsonNode exampleRow) {
    At at(int line, boolean substituted) {
      return new At(line, substituted && exampleRow != null);
    }

    int line() {
      return gherkin.path("location").path("line").asInt();
    }

    /** The step's own line; an example's values, if its text has any. */
    At atStep() {
      return at(line(), !pickle.path("text").asText().equals(gherkin.path("text").asText()));
    }

    String written() {
      return "'" + gherkin.path("keyword").asText().strip() + " " + gherkin.path("text").asText() + "'";
    }
  }

  private void docString(Step s, Function<String, List<Finding>> rules) {
    String content = s.pickle().path("argument").path("docString").path("content").asText();
    List<At> lines = docStringLines(s);
    At opening = s.at(s.gherkin().path("docString").path("location").path("line").asInt(), false);
    say(s, n -> n >= 1 && n <= lines.size() ? lines.get(n - 1) : opening, rules.apply(content));
  }

  /**
   * The .feature line of each line of the doc string as the pickle has it. Its content starts
   * on the line after the opening delimiter; an outline's value may hold line breaks (Gherkin's
   * {@code \n} in a cell), so each written line counts for the lines it becomes.
   */
  private List<At> docStringLines(Step s) {
    JsonNode docString = s.gherkin().path("docString");
    int first = docString.path("location").path("line").asInt() + 1;
    String[] written = docString.path("content").asText().split("\n", -1);
    List<At> lines = new ArrayList<>();
    for (int i = 0; i < written.length; i++) {
      String runs = withExampleValues(written[i], s.exampleRow());
      for (int k = 0; k < runs.split("\n", -1).length; k++) lines.add(s.at(first + i, !runs.equals(written[i])));
    }
    return lines;
  }

  /** {@code <name>} replaced by the example row's value, header by header, as Gherkin makes a pickle. */
  private String withExampleValues(String text, JsonNode row) {
    if (row == null) return text;
    JsonNode header = exampleHeaders.get(row.path("id").asText()).path("cells");
    for (int i = 0; i < header.size(); i++) {
      text = text.replace("<" + header.path(i).path("value").asText() + ">", row.path("cells").path(i).path("value").asText());
    }
    return text;
  }

  /** Its header names the columns the step reads; each row, a builder as a machines line would name it. */
  private void buildersTable(Step s) {
    JsonNode rows = s.pickle().path("argument").path("dataTable").path("rows");
    JsonNode written = s.gherkin().path("dataTable").path("rows");
    List<String> header = values(rows.path(0).path("cells"));
    if (header.size() != 2 || !BUILDERS_COLUMNS.containsAll(header)) {
      say(s, s.at(written.size() > 0 ? written.path(0).path("location").path("line").asInt() : s.line(), false),
          List.of(new Finding(Severity.ERROR, "", 0, (header.isEmpty() ? "no table follows the step" : "the table's columns"
              + " are " + String.join(", ", header)) + "; a builders table has two columns, builder and systems", "")));
      return;
    }
    for (int r = 1; r < rows.size(); r++) {
      List<String> cells = values(rows.path(r).path("cells"));
      JsonNode row = written.path(r);
      say(s, s.at(row.path("location").path("line").asInt(), !cells.equals(values(row.path("cells")))),
          Lint.builderRow(cells.get(header.indexOf("builder")), cells.get(header.indexOf("systems"))));
    }
  }

  private static List<String> values(JsonNode cells) {
    List<String> values = new ArrayList<>();
    cells.forEach(c -> values.add(c.path("value").asText()));
    return values;
  }

  /**
   * The {string} argument as the step receives it: Cucumber's match, unquoted, its escaped
   * quote unescaped (cucumber-expressions' string type).
   */
  private static Optional<String> stringArgument(JsonNode testStep) {
    for (JsonNode argument : testStep.path("stepMatchArgumentsLists").path(0).path("stepMatchArguments")) {
      String quoted = argument.path("group").path("value").asText();
      if (!argument.path("parameterTypeName").asText().equals("string") || quoted.length() < 2) continue;
      String q = quoted.substring(0, 1);
      return Optional.of(quoted.substring(1, quoted.length() - 1).replace("\\" + q, q));
    }
    return Optional.empty();
  }

  private void say(Step s, At at, List<Finding> findings) {
    say(s, n -> at, findings);
  }

  /** Each error, at the .feature line {@code at} gives for the line of the text it names. */
  private void say(Step s, Function<Integer, At> at, List<Finding> findings) {
    for (Finding f : findings) {
      if (f.severity() != Severity.ERROR) continue;
      At where = at.apply(f.line());
      problems.add(name.apply(s.file()) + ":" + where.line() + ": " + f.message() + " (in what " + s.written() + " deploys"
          + (where.substituted() ? " with the values of the example at line "
              + s.exampleRow().path("location").path("line").asInt() : "")
          + ", checked as lint checks a farm's files)");
    }
  }
}
