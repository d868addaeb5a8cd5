package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One run, as the command line (or the IDE runner, {@link SystemProperties}) started it:
 * its id (every container and network carries it as a label), when it started, where the
 * project's resources and the reports are, whether hosts are kept warm, how long a build
 * may take, the base images. Each pair of Nix versions gets its own {@link RunSettings}
 * on top of it. It also holds what lives as long as the run does, such as its warm hosts
 * ({@link #shared}), so that no static map has to find them by run id.
 */
public final class RunContext {
  private final String runId;
  private final long startedMillis;
  private final Path projectDir;
  private final Path reportsRoot;
  private final boolean warmHosts;
  private final int idleFarms;
  private final Duration buildTimeout;
  private final String baseImagePrefix;
  private final Progress progress;
  private final Map<Class<?>, AutoCloseable> shared = new ConcurrentHashMap<>();

  /**
   * @param runId see {@link #newRunId()}
   * @param baseImagePrefix what base images are called before their suite, e.g. dispatchcheck/debian
   */
  public RunContext(String runId, long startedMillis, Path projectDir, Path reportsRoot, boolean warmHosts,
      int idleFarms, Duration buildTimeout, String baseImagePrefix) {
    this.runId = runId;
    this.startedMillis = startedMillis;
    this.projectDir = projectDir;
    this.reportsRoot = reportsRoot;
    this.warmHosts = warmHosts;
    this.idleFarms = idleFarms;
    this.buildTimeout = buildTimeout;
    this.baseImagePrefix = baseImagePrefix;
    this.progress = new Progress(startedMillis);
  }

  /**
   * The run id unless {@code DISPATCHCHECK_RUN_ID} names one: unique across PID namespaces
   * and machines sharing an engine, where pids repeat.
   */
  public static String newRunId() {
    String given = System.getenv("DISPATCHCHECK_RUN_ID");
    if (given != null && !given.isBlank()) return given;
    return "run-" + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
  }

  /** {@code DISPATCHCHECK_BASE_IMAGE_PREFIX}, else dispatchcheck/debian (the launcher's offline images). */
  public static String baseImagePrefixFromEnvironment() {
    String prefix = System.getenv("DISPATCHCHECK_BASE_IMAGE_PREFIX");
    return prefix == null || prefix.isBlank() ? "dispatchcheck/debian" : prefix;
  }

  public String runId() {
    return runId;
  }

  public long startedMillis() {
    return startedMillis;
  }

  /** Where features/, containers/ and examples/ are: the checkout, or what the jar carried, extracted. */
  public Path projectDir() {
    return projectDir;
  }

  /** reports/, where every run gets its own directory and the compatibility page is. */
  public Path reportsRoot() {
    return reportsRoot;
  }

  public boolean warmHosts() {
    return warmHosts;
  }

  public int idleFarms() {
    return idleFarms;
  }

  public Duration buildTimeout() {
    return buildTimeout;
  }

  public String baseImagePrefix() {
    return baseImagePrefix;
  }

  /** The run's own lines, with no scenario's context. */
  public Progress progress() {
    return progress;
  }

  /** The run's one {@code type}, made on first use: e.g. its warm hosts. */
  public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> create) {
    return type.cast(shared.computeIfAbsent(type, t -> create.get()));
  }

  /** Closes what {@link #shared} made (a pair's warm hosts go before the next pair's start); a later use makes anew. */
  public void closeShared() {
    for (Class<?> type : List.copyOf(shared.keySet())) {
      AutoCloseable c = shared.remove(type);
      if (c == null) continue;
      try {
        c.close();
      } catch (Exception e) {
        progress.say("could not close the run's %s: %s", type.getSimpleName(), e.getMessage());
      }
    }
  }
}
