package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import dev.dispatchcheck.dispatch.layout.FarmInputException;
import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.driver.farm.RunLease;
import dev.dispatchcheck.driver.farm.StartGate;
import dev.dispatchcheck.driver.farm.Sweeper;
import dev.dispatchcheck.driver.host.HostImages;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.run.SystemProperties;
import dev.dispatchcheck.run.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line the launcher calls once it has provisioned the machine. Exit codes:
 * 0 all holds; 1 a scenario or expectation failed (or a dispatch moved, under the gate);
 * 2 invalid input (named with its file and line); 3 the environment failed.
 */
@Command(name = "dispatchcheck", mixinStandardHelpOptions = true,
    subcommands = {Main.Conformance.class, Main.Suite.class, FarmCheck.class, FarmLint.class, Main.Plan.class, Main.Clean.class,
        Main.Report.class, Bench.class},
    description = "Proves where a Nix installation dispatches builds.")
public final class Main {
  static final int OK = 0, FAILED = 1, INVALID = 2, ENVIRONMENT = 3;
  /** How long the shutdown hook waits for the engine to remove the run's hosts. */
  private static final java.time.Duration HOOK_SWEEP = java.time.Duration.ofSeconds(60);

  public static void main(String[] args) {
    // UTF-8 whatever the locale: a CI job's container often has none, and Java would print
    // a host name's non-ASCII letters, or the map's arrows, as '?'.
    System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        java.nio.charset.StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
        java.nio.charset.StandardCharsets.UTF_8));
    Optional<Integer> rerun = TestcontainersEnvironment.rerunIfMissing(args);
    if (rerun.isPresent()) System.exit(rerun.get());
    int code;
    try {
      code = commandLine().execute(args);
    } catch (Throwable t) { // an Error (a StackOverflowError, say) passes picocli's handler by
      code = defect(t);
    }
    // Whatever else happened, a run on an engine that stopped answering reached no verdict.
    // It ends without its shutdown hooks: Testcontainers' own would ask the engine to remove
    // its containers and wait for it without end. This run's containers are left for the
    // next run, or clean, as the run has said.
    if (Engine.wedged().isPresent()) halt(ENVIRONMENT);
    System.exit(code);
  }

  private static void halt(int code) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** The command line with its exit codes: invalid input is 2, anything else that breaks is 3. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((e, cmd, parsed) -> exitCodeOf(e))
        .setParameterExceptionHandler((e, args2) -> {
          Console.err("[dispatchcheck] error: " + e.getMessage());
          e.getCommandLine().usage(System.err);
          return INVALID;
        });
  }

  /** Says what broke; invalid input is 2, a defect of dispatchcheck's or anything else 3. */
  static int exitCodeOf(Exception e) {
    if (isDefect(e)) return defect(e);
    // Escaped (by the console): the message may quote a farm's bytes.
    Console.err("[dispatchcheck] error: " + e.getMessage());
    return invalidInput(e) ? INVALID : ENVIRONMENT;
  }

  /**
   * What no input should cause: an Error, or an exception that only a mistake in the code
   * throws. Exit 3, never 1 (a verdict) nor 2 (the input's fault): the input may be odd, but
   * dispatchcheck should have said what is wrong with it.
   */
  static boolean isDefect(Throwable t) {
    return t instanceof Error || t instanceof NullPointerException || t instanceof IndexOutOfBoundsException
        || t instanceof ClassCastException || t instanceof ArithmeticException
        || t instanceof java.util.ConcurrentModificationException || t instanceof UnsupportedOperationException;
  }

  /** Says that dispatchcheck itself broke, with the stack for its report; exit 3. */
  static int defect(Throwable t) {
    java.io.StringWriter stack = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(stack));
    Console.err("[dispatchcheck] error: dispatchcheck broke, a defect of dispatchcheck's and not of your input or"
        + " environment (please report it with the stack below): " + t);
    Console.errLines(stack.toString().strip());
    return ENVIRONMENT;
  }

  /** What the user gave is wrong (a matrix, a version, a farm's file), as opposed to what broke. */
  static boolean invalidInput(Throwable e) {
    return e instanceof FarmInputException || e instanceof MachinesFileException
        || e.getClass() == IllegalArgumentException.class;
  }

  /** Options every run shares. */
  static class RunOptions {
    @Option(names = "--matrix", description = "AGENT/BUILDERS Nix pairs, e.g. \"2.26/2.26 2.34/2.8\"")
    String matrix;

    @Option(names = "--name", description = "only scenarios whose name contains a match of this regular expression")
    Pattern name;

    @Option(names = "--tags", description = "a tag expression over the scenarios' tags, Cucumber's (\"@ssh-ng and not @faults\")"
        + " or JUnit's (\"ssh-ng & !faults\")")
    String tags;

    @Option(names = "--parallel", description = "how many scenarios run at once (default: ${DEFAULT-VALUE}:"
        + " DISPATCHCHECK_PARALLEL, else one more than the cores, up to 4)")
    // One more than the cores: a scenario spends about a fifth of its time waiting on SSH
    // and daemons, which the extra one fills (measured on 2 cores: 9 min 53 s for the test
    // command against 11 min 2 s with one per core).
    int parallel = Optional.ofNullable(System.getenv("DISPATCHCHECK_PARALLEL")).map(Integer::parseInt)
        .orElse(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() + 1)));

    @Option(names = "--shard", description = "K/N: run only the K-th of N deterministic shards of the scenarios")
    String shard;

    @Option(names = "--cold", description = "start fresh hosts for every scenario instead of reusing warm ones"
        + " (the way to compare)")
    boolean cold;

    @Option(names = "--reports", paramLabel = "DIR", description = "where reports go: runs/<run>/… and the compatibility"
        + " page (default: reports/ in the current directory)")
    Path reports;

    Optional<Shard> shard() {
      return Optional.ofNullable(shard).map(Shard::parse);
    }

    /** The scenarios of {@code features} these options pick. */
    ScenarioSelection selection(List<Path> features, boolean selfChecks) {
      return new ScenarioSelection(features, selfChecks, Optional.ofNullable(name), Optional.ofNullable(tags), shard());
    }

    /** The project's own scenarios, features/. */
    ScenarioSelection scenarios(boolean selfChecks) {
      return selection(List.of(projectDir().resolve("features")), selfChecks);
    }

    Path projectDir() {
      return ProjectDir.locate();
    }

    /** reports/, where every run gets its own directory and the compatibility page is. */
    Path reports() {
      return (reports != null ? reports : Path.of("reports")).toAbsolutePath().normalize();
    }

    /** A new run as these options describe it. */
    RunContext newRun() {
      return new RunContext(RunContext.newRunId(), System.currentTimeMillis(), projectDir(), reports(), !cold,
          SystemProperties.idleFarms(), SystemProperties.buildTimeout(), RunContext.baseImagePrefixFromEnvironment());
    }

    /** --matrix, else DISPATCHCHECK_MATRIX unless it is empty (a CI input left blank), else the command's default. */
    Matrix matrix(Matrix.Default fallback) {
      String m = matrix != null ? matrix : Optional.ofNullable(System.getenv("DISPATCHCHECK_MATRIX"))
          .filter(s -> !s.isBlank()).orElse(fallback.pairs);
      return Matrix.parse(m, projectDir());
    }
  }

  @Command(name = "conformance", description = "Run the conformance scenarios (no self-checks) on each Nix pair.")
  static final class Conformance implements Callable<Integer> {
    @CommandLine.Mixin RunOptions options = new RunOptions();

    @Override
    public Integer call() {
      ScenarioSelection scenarios = options.scenarios(false);
      Matrix matrix = options.matrix(Matrix.Default.CONFORMANCE);
      if (invalid(scenarios, options.projectDir())) return INVALID;
      try (RunScope run = openRun(options.newRun())) {
        return runFeatures(run.context(), options, matrix, ReportRun.open(options.reports(), "conformance", scenarios),
            scenarios);
      }
    }
  }

  @Command(name = "suite", description = "Run every scenario, self-checks included, on each Nix pair (the test command's part).")
  static final class Suite implements Callable<Integer> {
    @CommandLine.Mixin RunOptions options = new RunOptions();

    @Override
    public Integer call() {
      Matrix matrix = options.matrix(Matrix.Default.SUITE);
      ScenarioSelection scenarios = options.scenarios(true);
      if (invalid(scenarios, options.projectDir())) return INVALID;
      try (RunScope run = openRun(options.newRun())) {
        return scenariosThenExamples(run.context(), scenarios, matrix);
      }
    }

    private int scenariosThenExamples(RunContext run, ScenarioSelection selection, Matrix matrix) {
      int scenarios = runFeatures(run, options, matrix, ReportRun.open(options.reports(), "test", selection), selection);
      // The example farms run once, in the first shard (or the whole run), never filtered away.
      boolean whole = selection.name().isEmpty() && selection.tags().isEmpty();
      boolean firstShard = options.shard().map(k -> k.index() == 1).orElse(true);
      int examples = whole && firstShard && Engine.wedged().isEmpty() ? ExampleChecks.run(run, matrix) : OK;
      return Summary.combine(scenarios, examples);
    }
  }

  @Command(name = "plan", description = "Print the Debian suites whose base images a matrix needs (for the launcher).")
  static final class Plan implements Callable<Integer> {
    @CommandLine.Mixin RunOptions options = new RunOptions();
    @Parameters(index = "0", defaultValue = "suite", description = "conformance, suite, check or bench") String command;
    /** The rest of the command's arguments (a farm directory, --before ...): not the plan's business. */
    @CommandLine.Unmatched List<String> rest = new ArrayList<>();

    @Override
    public Integer call() {
      options.matrix(Matrix.Default.of(command)).suites().forEach(Console::out);
      return OK;
    }
  }

  @Command(name = "report", description = "Rebuild reports/index.html and reports/junit.xml from every pair's and shard's"
      + " report under reports/ (e.g. after CI jobs' reports were gathered there).")
  static final class Report implements Callable<Integer> {
    @CommandLine.Mixin RunOptions options = new RunOptions();

    @Override
    public Integer call() {
      Path reports = options.reports();
      CompatibilityPage.write(reports);
      int failed = JUnitMerge.write(reports);
      Console.errf("[dispatchcheck] wrote %s and %s: %d failed test cases", reports.resolve("index.html"),
          reports.resolve("junit.xml"), failed);
      return failed == 0 ? OK : FAILED;
    }
  }

  @Command(name = "clean", description = "Remove every container and network any run left behind.")
  static final class Clean implements Callable<Integer> {
    @Override
    public Integer call() {
      requireDocker();
      Console.errf("[dispatchcheck] removed %d containers and networks", new Sweeper().sweepAll());
      return OK;
    }
  }

  static void requireDocker() {
    if (!Engine.ask("a ping", () -> DockerClientFactory.instance().isDockerAvailable())) {
      throw new IllegalStateException("no Docker engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST")
          + "); run ./dispatchcheck provision, or start Docker");
    }
  }

  /**
   * Sweeps what dead runs left, takes the run's lease (so that runs elsewhere on the engine
   * can tell it lives), and sweeps its own on the way out, even on Ctrl-C. Everything the
   * command then runs (each pair, the benchmark's repeats, the example farms after the
   * scenarios) runs in this one run: its warm hosts serve them all, and go at its end.
   */
  static RunScope openRun(RunContext run) {
    requireDocker();
    Progress progress = run.progress();
    String runId = run.runId();
    Sweeper sweeper = new Sweeper();
    int left = sweeper.sweepDeadRuns(runId, progress::say);
    if (left > 0) progress.say("removed %d containers and networks that ended runs left behind", left);
    Optional<RunLease> lease = sweeper.lease(runId, run.baseImagePrefix(), progress::say);
    Thread hook = new Thread(() -> {
      // Hosts starting now would be created after the sweep: wait for them, start no more.
      StartGate.shutAndAwait(java.time.Duration.ofSeconds(20));
      lease.ifPresent(RunLease::close);
      // A JVM that is asked to end must end: an engine that does not answer is given a minute.
      Thread sweep = new Thread(() -> sweepOwn(runId, progress), "sweep-on-exit");
      sweep.setDaemon(true);
      sweep.start();
      try {
        sweep.join(HOOK_SWEEP.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (sweep.isAlive()) {
        progress.say("gave up removing this run's containers and networks after %d s: the engine does not answer;"
            + " the next run on this engine, or './dispatchcheck clean', removes them", HOOK_SWEEP.toSeconds());
      }
      // Testcontainers' own hook, which runs beside this one, would wait on the engine without end.
      if (sweep.isAlive() || Engine.wedged().isPresent()) halt(ENVIRONMENT);
    });
    Runtime.getRuntime().addShutdownHook(hook);
    return new RunScope(run, hook, lease);
  }

  /** Removes the run's containers and networks, unless the engine no longer answers: then says what is left and how it goes. */
  static void sweepOwn(String runId, Progress progress) {
    try {
      new Sweeper().sweepRun(runId);
    } catch (RuntimeException e) {
      progress.say("could not remove this run's containers and networks (%s): the next run on this engine, or"
          + " './dispatchcheck clean', removes them once the engine answers", e.getMessage());
    }
  }

  /** An open run. */
  record RunScope(RunContext context, Thread hook, Optional<RunLease> lease) implements AutoCloseable {
    /** Removes the warm hosts, sweeps, and drops the hook, so that runs within one JVM leave no hooks behind. */
    @Override
    public void close() {
      context.closeShared();
      lease.ifPresent(RunLease::close);
      sweepOwn(context.runId(), context.progress());
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it sweeps the same run
      }
    }
  }

  /**
   * Exit code 3 and what was stuck, if the engine stopped answering during the run; then
   * the run's results say nothing about the farm.
   */
  static Optional<Integer> engineWedged(Progress progress) {
    return Engine.wedged().map(why -> {
      progress.say("the Docker engine stopped answering: %s. The run ended there (exit 3). To recover, restart the"
          + " engine (where ./dispatchcheck started it: kill the dockerd process, whose log is"
          + " /var/log/dispatchcheck-dockerd.log; the next ./dispatchcheck starts it again); the next run then"
          + " removes what this one left", why);
      return ENVIRONMENT;
    });
  }

  /**
   * Whether the scenarios are invalid input: feature files that do not parse, steps no
   * step definition matches, filters that select nothing. Each problem is printed with its
   * file and line, before any host starts.
   */
  static boolean invalid(ScenarioSelection selection, Path projectDir) {
    return invalid(ExpectationCheck.problems(selection, projectDir));
  }

  /** Whether {@code problems} (of {@link ExpectationCheck}) make the run invalid input; prints them. */
  static boolean invalid(List<String> problems) {
    // They quote a farm's feature files, which come with pull requests: escaped.
    problems.forEach(p -> Console.err("[dispatchcheck] error: " + p));
    if (!problems.isEmpty()) {
      Console.err("[dispatchcheck] the expectations are invalid (above, each with its file and line): nothing was started");
    }
    return !problems.isEmpty();
  }

  /** Runs {@code selection} on each pair of {@code matrix} in {@code run}, each pair's report in {@code reports}' directory. */
  static int runFeatures(RunContext run, RunOptions options, Matrix matrix, ReportRun reports, ScenarioSelection selection) {
    Progress progress = run.progress();
    Path project = run.projectDir();
    List<String> lines = new ArrayList<>();
    int code = OK;
    for (Matrix.Pair pair : matrix.pairs()) {
      if (Engine.wedged().isPresent()) break;
      Path reportDir = reports.pairDir(pair.label(), selection.shard());
      RunSettings settings = new RunSettings(run, pair.agent(), pair.builders(), reportDir, Optional.empty());
      progress.say("=== Nix %s on the agent host, Nix %s on the builders ===", pair.agent().label(), pair.builders().label());
      prepareImages(settings);
      long t0 = System.nanoTime();
      List<ScenarioResult> results = new ScenarioRun(selection, settings).parallel(options.parallel)
          .run(progress, pair.shortLabel() + selection.shard().map(k -> " shard " + k).orElse(""));
      Summary.writeResults(reportDir, new Summary.PairResults(reports.info(), pair.label(),
          selection.shard().map(Shard::toString).orElse(null), results));
      Reports.labelHtml(reportDir.resolve("cucumber.html"), "Nix " + pair.agent().label() + " agent, Nix "
          + pair.builders().label() + " builders", project, run.reportsRoot());
      // The pair's hosts go before the next pair's start: no burst of both at once on the engine.
      run.closeShared();
      // Filters were checked to select something (ExpectationCheck), so only a shard may be empty.
      int pairCode = results.isEmpty() && selection.shard().isEmpty() ? FAILED : Summary.exitCode(results);
      boolean passed = pairCode == OK;
      code = Summary.combine(code, pairCode);
      lines.add(String.format("  agent Nix %s, builders Nix %s: %s in %d s, %s, report: %s",
          pair.agent().label(), pair.builders().label(), passed ? "passed" : "FAILED",
          (System.nanoTime() - t0) / 1_000_000_000L, Summary.line(results), shown(reportDir.resolve("cucumber.html"))));
    }
    CompatibilityPage.write(run.reportsRoot());
    JUnitMerge.write(run.reportsRoot());
    progress.sayLines("summary (compatibility page: " + shown(run.reportsRoot().resolve("index.html")) + "):",
        lines.stream().map(String::strip).toList());
    return engineWedged(progress).orElse(code);
  }

  /** Builds the pair's host images once, before scenarios that may run in parallel ask for them. */
  static void prepareImages(RunSettings pair) {
    HostImages images = new HostImages(pair);
    images.imageFor(pair.agentNix());
    images.imageFor(pair.buildersNix());
  }

  /** A path as the user can follow it: relative to the current directory when inside it. */
  static Path shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(here) ? here.relativize(abs) : abs;
  }
}
