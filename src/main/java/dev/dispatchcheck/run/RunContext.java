package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * One run, as the command line (or the IDE runner, {@link SystemProperties}) started it:
 * its id (every container and network carries it as a label), when it started, where the
 * project's resources and the reports are, whether hosts are kept warm, how long a build
 * may take, the base images. Each pair of Nix versions gets its own {@link RunSettings}
 * on top of it. It also holds what lives as long as the run does ({@link #resources}).
 *
 * @param runId see {@link #newRunId(Settings)}
 * @param projectDir where features/, containers/ and examples/ are: the checkout, or what the jar carried, extracted
 * @param reportsRoot reports/, where every run gets its own directory and the compatibility page is
 * @param baseImagePrefix what base images are called before their suite, e.g. dispatchcheck/debian
 * @param lease how long another run's unrenewed lease counts it alive ({@link Settings#lease})
 * @param progress the run's own lines, with no scenario's context
 * @param resources what the run made once and closes at its end, e.g. its warm hosts
 * @param phases where the run's time goes, for {@code bench}
 */
public record RunContext(String runId, long startedMillis, Path projectDir, Path reportsRoot, boolean warmHosts,
    int idleFarms, Duration buildTimeout, String baseImagePrefix, Duration lease, Progress progress,
    RunResources resources, PhaseClock phases) {

  /** A run starting with its own progress lines and nothing made yet. */
  public RunContext(String runId, long startedMillis, Path projectDir, Path reportsRoot, boolean warmHosts,
      int idleFarms, Duration buildTimeout, String baseImagePrefix, Duration lease) {
    this(runId, startedMillis, projectDir, reportsRoot, warmHosts, idleFarms, buildTimeout, baseImagePrefix, lease,
        new Progress(startedMillis), new RunResources(), new PhaseClock());
  }

  /** The same, with the default lease. */
  public RunContext(String runId, long startedMillis, Path projectDir, Path reportsRoot, boolean warmHosts,
      int idleFarms, Duration buildTimeout, String baseImagePrefix) {
    this(runId, startedMillis, projectDir, reportsRoot, warmHosts, idleFarms, buildTimeout, baseImagePrefix,
        Settings.DEFAULT_LEASE);
  }

  /**
   * The run id {@code settings} name, else a new one: unique across PID namespaces and
   * machines sharing an engine, where pids repeat.
   */
  public static String newRunId(Settings settings) {
    return settings.runId().orElseGet(
        () -> "run-" + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits(new SecureRandom().nextInt()));
  }

  /** The same run (its id, resources and clock) speaking through {@code progress}: work that runs beside other work. */
  public RunContext withProgress(Progress progress) {
    return new RunContext(runId, startedMillis, projectDir, reportsRoot, warmHosts, idleFarms, buildTimeout,
        baseImagePrefix, lease, progress, resources, phases);
  }

  /** The run's one {@code type}, made on first use: e.g. its warm hosts. */
  public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> create) {
    return resources.get(type, create);
  }

  /** Closes what {@link #shared} made (a pair's warm hosts go before the next pair's start); a later use makes anew. */
  public void closeShared() {
    resources.closeAll(progress);
  }
}
