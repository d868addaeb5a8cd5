package dev.dispatchcheck.suite;

import dev.dispatchcheck.steps.StepOrder;
import dev.dispatchcheck.run.Console;

import dev.dispatchcheck.dispatch.layout.FarmLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Invalid expectations are invalid input (exit 2), found before any host starts: a feature
 * file that is not Gherkin, a step that no step definition matches (or more than one
 * does), and a {@code --name} or {@code --tags} that selects no scenario. Each problem
 * names its file and line and quotes the offending text. It looks at every shard, so that
 * all shards of a run agree.
 */
public final class ExpectationCheck {
  /** One of the Gherkin parser's errors: "(4:5): expected: #EOF, #TableRow, …, got 'Thne it'". */
  private static final Pattern PARSE_ERROR = Pattern.compile("^\\((\\d+):\\d+\\): (.*)$", Pattern.MULTILINE);
  private static final Pattern EXPECTED_GOT = Pattern.compile("expected: (.*), got '(.*)'");
  /** The launcher logs each parse error at length, in its own words; the problems below say it once, shorter. */
  private static final Logger ISSUE_LOG = Logger.getLogger("org.junit.platform.launcher.core.DiscoveryIssueNotifier");

  /**
   * Steps an operator's farm expectations may not use: they run any command, or write any
   * file, as root on the hosts. A farm's expectations come with a pull request, perhaps an
   * outsider's, and what they may do is build probes and state where they went; a farm's
   * configuration is its files.
   */
  public static final Set<String> NOT_FOR_FARMS = Set.of(
      "{user} runs on {host}:",
      "{user} runs on {host}, whatever the exit status:",
      "the file {string} on {host} says:",
      "root copies {string} from {host} to {string} on {host}");

  /**
   * Steps a farm's expectations may not use under {@code live} besides {@link #NOT_FOR_FARMS}: each writes a file
   * or starts or stops a host, and {@code live} only builds probes and reads on the operator's hosts. An effect's
   * build is allowed: its proxy daemon is the agent's own way to build, started for the build and gone after it.
   */
  public static final Set<String> NOT_LIVE = Set.of(
      "remote builders that claim foreign systems:",
      "a client host besides the agent host",
      "the agent host's system machines file \\(\\/etc\\/nix\\/machines) says:",
      "the agent host's system nix.conf says:",
      "the agent's own nix.conf says:",
      "{builder} goes down",
      "{builder} freezes",
      "the farm is reset for the next scenario",
      StepOrder.HAND_OVER,
      "the agent's nixSettings say:");

  /** Why a step of {@link #NOT_LIVE} is refused. */
  static final String NOT_LIVE_BECAUSE = "is refused under live: it writes files or starts or stops hosts, and live"
      + " only builds probes and reads on the live farm; leave its scenario out with --tags or --name, and keep it"
      + " for check";

  private final ScenarioSelection selection;
  private final Path projectDir;
  private final Set<String> refused;
  /** Set: the refusal is live's ({@link #NOT_LIVE}), said so, and the farm's own rules are another pass's. */
  private final Optional<String> refusedBecause;
  /** A farm's limits ({@link ExpectationLimits}); none for the project's own scenarios. */
  private final Optional<FarmLimits> limits;

  private ExpectationCheck(ScenarioSelection selection, Path projectDir, Set<String> refused, Optional<FarmLimits> limits) {
    this(selection, projectDir, refused, limits, Optional.empty());
  }

  private ExpectationCheck(ScenarioSelection selection, Path projectDir, Set<String> refused, Optional<FarmLimits> limits,
      Optional<String> refusedBecause) {
    this.selection = selection.allShards();
    this.projectDir = projectDir;
    this.refused = refused;
    this.limits = limits;
    this.refusedBecause = refusedBecause;
  }

  /** The steps of a farm's expectations that {@code live} refuses ({@link #NOT_LIVE}), each with its file and line. */
  public static List<String> liveProblems(ScenarioSelection selection, Path projectDir) {
    return new ExpectationCheck(selection, projectDir, NOT_LIVE, Optional.empty(), Optional.of(NOT_LIVE_BECAUSE)).problems();
  }

  /** Every problem, one a line; empty when the scenarios can run. */
  public static List<String> problems(ScenarioSelection selection, Path projectDir) {
    return problems(selection, projectDir, Set.of());
  }

  /**
   * The same, where a step matching a pattern in {@code refused} is a problem too: a farm's
   * expectations, whose configuration steps also meet lint's rules for the farm's files
   * ({@link ExpectationContent}).
   */
  public static List<String> problems(ScenarioSelection selection, Path projectDir, Set<String> refused) {
    return new ExpectationCheck(selection, projectDir, refused, Optional.empty()).problems();
  }

  /** The same, for a farm's expectations: what they ask the engine for past {@code limits} is a problem too. */
  public static List<String> problems(ScenarioSelection selection, Path projectDir, Set<String> refused, FarmLimits limits) {
    return new ExpectationCheck(selection, projectDir, refused, Optional.of(limits)).problems();
  }

  private List<String> problems() {
    List<String> tooMany = scenariosPastLimit();
    if (!tooMany.isEmpty()) return tooMany; // Cucumber's discovery of them all could take hours
    List<String> syntax = new ArrayList<>();
    TestPlan plan = discover(selection, syntax);
    if (!syntax.isEmpty()) return syntax;
    if (plan.countTestIdentifiers(TestIdentifier::isTest) == 0) return List.of(nothingSelected());
    return undefinedSteps();
  }

  /** The plan; the files' parse errors go to {@code syntax}, and then there is no plan to speak of. */
  private TestPlan discover(ScenarioSelection s, List<String> syntax) {
    LauncherDiscoveryListener listener = new LauncherDiscoveryListener() {
      @Override
      public void issueEncountered(UniqueId engine, DiscoveryIssue issue) {
        if (issue.severity() == DiscoveryIssue.Severity.ERROR) syntax.addAll(describe(issue));
      }
    };
    Level level = ISSUE_LOG.getLevel();
    ISSUE_LOG.setLevel(Level.OFF);
    try {
      return LauncherFactory.create().discover(s.request(Map.of()).listeners(listener).build());
    } catch (RuntimeException critical) {
      if (syntax.isEmpty()) throw critical;
      return null;
    } finally {
      ISSUE_LOG.setLevel(level);
    }
  }

  private List<String> describe(DiscoveryIssue issue) {
    String file = issue.source().filter(FileSource.class::isInstance)
        .map(f -> name(((FileSource) f).getFile().toPath())).orElse("(a feature file)");
    List<String> out = new ArrayList<>();
    Matcher m = PARSE_ERROR.matcher(issue.message());
    while (m.find()) {
      Matcher eg = EXPECTED_GOT.matcher(m.group(2));
      out.add(file + ":" + m.group(1) + ": " + (eg.matches()
          ? "'" + eg.group(2) + "' is not Gherkin here (the parser expected one of " + eg.group(1) + ")" : m.group(2)));
    }
    return out.isEmpty() ? List.of(file + ": " + issue.message().replaceAll("\\s+", " ")) : out;
  }

  private String nothingSelected() {
    List<String> filters = new ArrayList<>();
    selection.name().ifPresent(n -> filters.add("--name '" + n + "'"));
    selection.tags().ifPresent(t -> filters.add("--tags '" + t + "'"));
    String files = selection.features().stream().map(f -> name(f) + (Files.isDirectory(f) ? "/" : ""))
        .collect(Collectors.joining(", "));
    if (filters.isEmpty()) return "no scenario to run in " + files;
    TestPlan all = discover(selection.unfiltered(), new ArrayList<>());
    TreeSet<String> tags = new TreeSet<>();
    all.getRoots().forEach(r -> all.getDescendants(r).stream().filter(TestIdentifier::isTest)
        .forEach(t -> t.getTags().forEach(tag -> tags.add("@" + tag.getName()))));
    return String.join(" and ", filters) + (filters.size() == 1 ? " selects" : " select") + " none of the " + all.countTestIdentifiers(TestIdentifier::isTest)
        + " scenarios in " + files + (selection.selfChecks() ? "" : " (self-checks, @selfcheck, are not part of this command)")
        + "; their tags: " + (tags.isEmpty() ? "none" : String.join(" ", tags))
        + (selection.name().isPresent() ? "; --name matches anywhere in a scenario's name, an example's with its values" : "");
  }

  /** A dry run: Cucumber matches every selected step against the step definitions, and runs none. */
  private List<String> undefinedSteps() {
    Path messages = null;
    try {
      messages = Files.createTempFile("dispatchcheck-dry-run", ".ndjson");
      LauncherFactory.create().execute(selection.request(Map.of("cucumber.execution.dry-run", "true",
          "cucumber.plugin", "message:" + messages)).build());
      List<String> problems = new ArrayList<>();
      StepMatches.read(messages, refused).stream().map(u -> name(u.file()) + ":" + u.line() + ": " + switch (u.why()) {
        case UNDEFINED -> "undefined step '" + u.keyword() + " " + u.text() + "': no step definition matches it";
        case AMBIGUOUS -> "ambiguous step '" + u.keyword() + " " + u.text() + "': more than one step definition matches it";
        case REFUSED -> "step '" + u.keyword() + " " + u.text() + "' " + refusedBecause.orElse("is not for a farm's"
            + " expectations: it runs commands or writes files as root on the hosts; a farm's configuration is its files");
        case NO_EXPECTATION -> u.keyword() + " '" + u.text() + "' states no expectation (no Then step), so it could not fail";
        case NEEDS_EARLIER_STEP -> "step '" + u.keyword() + " " + u.text() + "' speaks of a step its scenario has not taken"
            + " before it: '" + u.neededBefore() + "'";
      } + " (the vocabulary: features/README.md)").forEach(problems::add);
      if (!refused.isEmpty() && refusedBecause.isEmpty()) problems.addAll(ExpectationContent.problems(messages, this::name));
      problems.addAll(pastLimits(messages));
      return problems;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (messages != null) messages.toFile().delete();
    }
  }

  private List<String> pastLimits(Path messages) {
    return limits.map(l -> ExpectationLimits.read(messages, l).stream().map(this::said).toList()).orElse(List.of());
  }

  private List<String> scenariosPastLimit() {
    return limits.flatMap(l -> ScenarioLimit.past(selection.files(), l)).map(this::said).stream().toList();
  }

  private String said(ExpectationLimits.Problem p) {
    return name(p.file()) + ":" + p.line() + ": " + p.message();
  }

  /** A file as the user knows it: relative to the project when inside it. */
  private String name(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : abs.toString();
  }

  /**
   * Whether the scenarios are invalid input: feature files that do not parse, steps no
   * step definition matches, filters that select nothing. Each problem is printed with its
   * file and line, before any host starts.
   */
  public static boolean invalid(ScenarioSelection selection, Path projectDir) {
    return invalid(ExpectationCheck.problems(selection, projectDir));
  }

  /** Whether {@code problems} (of {@link ExpectationCheck}) make the run invalid input; prints them. */
  public static boolean invalid(List<String> problems) {
    // They quote a farm's feature files, which come with pull requests: escaped.
    problems.forEach(p -> Console.err("[dispatchcheck] error: " + p));
    if (!problems.isEmpty()) {
      Console.err("[dispatchcheck] the expectations are invalid (above, each with its file and line): nothing was started");
    }
    return !problems.isEmpty();
  }

}
