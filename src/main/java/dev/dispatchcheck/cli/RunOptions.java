package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.ProjectDir;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.Settings;
import dev.dispatchcheck.run.Shard;
import dev.dispatchcheck.run.SystemProperties;
import dev.dispatchcheck.suite.ScenarioSelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every command that runs scenarios shares, and what they make: the selection, the matrix, a new run. */
public class RunOptions {

  @Option(names = "--matrix", description = "AGENT/BUILDERS Nix pairs, e.g. \"2.26/2.26 2.34/2.8\"")
  public String matrix;

  @Option(names = "--name", description = "only scenarios whose name contains a match of this regular expression")
  public Pattern name;

  @Option(names = "--tags", description = "a tag expression over the scenarios' tags, Cucumber's (\"@ssh-ng and not @faults\")"
      + " or JUnit's (\"ssh-ng & !faults\")")
  String tags;

  @Option(names = "--parallel", description = "how many scenarios run at once (default: DISPATCHCHECK_PARALLEL, else"
      + " one more than the cores, up to 4; check runs a farm's expectations one at a time unless this option is"
      + " given, live always one at a time, on the real host)")
  Integer parallel;

  /** Read once, when the command starts: a bad value is exit 2 naming its variable. */
  private Settings settings;

  /** The environment's settings, read on first use. */
  public Settings settings() {
    if (settings == null) settings = Settings.fromEnvironment();
    return settings;
  }

  /**
   * --parallel, else DISPATCHCHECK_PARALLEL, else one more than the cores: a scenario spends
   * about a fifth of its time waiting on SSH and daemons, which the extra one fills
   * (measured on 2 cores: 9 min 53 s for the test command against 11 min 2 s with one per core).
   */
  /**
   * --parallel as given: {@code check} runs a farm's expectations one at a time unless asked,
   * so that one farm's hosts are up at a time (the container peak of docs/untrusted-input.md).
   */
  public java.util.Optional<Integer> parallelGiven() {
    return parallel == null ? java.util.Optional.empty() : java.util.Optional.of(parallel());
  }

  public int parallel() {
    if (parallel != null) {
      if (parallel < 1) throw new IllegalArgumentException("--parallel " + parallel + ": at least 1");
      return parallel;
    }
    return settings().parallel().orElse(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() + 1)));
  }

  @Option(names = "--shard", description = "K/N: run only the K-th of N deterministic shards of the scenarios")
  String shard;

  @Option(names = "--cold", description = "start fresh hosts for every scenario instead of reusing warm ones"
      + " (the way to compare)")
  boolean cold;

  @Option(names = "--reports", paramLabel = "DIR", description = "where reports go: runs/<run>/… and the compatibility"
      + " page (default: reports/ in the current directory)")
  Path reports;

  public Optional<Shard> shard() {
    return Optional.ofNullable(shard).map(Shard::parse);
  }

  /** The scenarios of {@code features} these options pick. */
  public ScenarioSelection selection(List<Path> features, boolean selfChecks) {
    return new ScenarioSelection(features, selfChecks, Optional.ofNullable(name), Optional.ofNullable(tags), shard());
  }

  /** The project's own scenarios, features/. */
  public ScenarioSelection scenarios(boolean selfChecks) {
    return selection(List.of(projectDir().resolve("features")), selfChecks);
  }

  public Path projectDir() {
    return ProjectDir.locate(settings().cacheRoot());
  }

  /** reports/, where every run gets its own directory and the compatibility page is. */
  public Path reports() {
    return (reports != null ? reports : Path.of("reports")).toAbsolutePath().normalize();
  }

  /** A new run as these options describe it. */
  public RunContext newRun() {
    Settings settings = settings();
    return new RunContext(RunContext.newRunId(settings), System.currentTimeMillis(), projectDir(), reports(), !cold,
        SystemProperties.idleFarms(), SystemProperties.buildTimeout(), settings.baseImagePrefix(), settings.lease());
  }

  /** --matrix, else DISPATCHCHECK_MATRIX unless it is empty (a CI input left blank), else the command's default. */
  public Matrix matrix(Matrix.Default fallback) {
    String m = matrix != null ? matrix : settings().matrix().orElse(fallback.pairs);
    return Matrix.parse(m, projectDir());
  }
}
