package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the environment says, read once when a command starts and checked then: the one
 * place that reads it. A value that is not what it may be is invalid input (exit 2) naming
 * the variable, before anything starts, rather than a failure halfway through a run.
 *
 * @param environment every variable, for what a child process must be given
 * @param parallel DISPATCHCHECK_PARALLEL: scenarios at once, when set
 * @param matrix DISPATCHCHECK_MATRIX: the Nix pairs, when set and not blank (a CI input left empty)
 * @param runId DISPATCHCHECK_RUN_ID: the run's id, when set
 * @param baseImagePrefix DISPATCHCHECK_BASE_IMAGE_PREFIX, else dispatchcheck/debian (the launcher's offline images)
 * @param lease DISPATCHCHECK_LEASE_SECONDS: how long an unrenewed lease counts as its run alive
 * @param cacheRoot where the jar's resources are extracted: $XDG_CACHE_HOME/dispatchcheck, else ~/.cache/dispatchcheck
 */
public record Settings(Map<String, String> environment, Optional<Integer> parallel, Optional<String> matrix,
    Optional<String> runId, String baseImagePrefix, Duration lease, Path cacheRoot) {

  /**
   * The shortest lease: a renewal every 10 s that may itself take up to the engine's 30 s
   * deadline for a question, and a margin (driver.farm.RunLiveness holds the same floor).
   */
  public static final long MIN_LEASE_SECONDS = 45;
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern IMAGE_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._/:-]{0,199}");

  private static Settings process;

  public Settings {
    environment = Map.copyOf(environment);
  }

  /** The process's environment, read once: it does not change while the process lives. */
  public static synchronized Settings fromEnvironment() {
    if (process == null) process = of(System.getenv());
    return process;
  }

  /** @throws IllegalArgumentException naming the variable whose value is not what it may be (exit 2) */
  public static Settings of(Map<String, String> env) {
    Map<String, String> set = new TreeMap<>();
    env.forEach((k, v) -> {
      if (v != null && !v.isBlank()) set.put(k, v.strip());
    });
    Optional<Integer> parallel = Optional.ofNullable(set.get("DISPATCHCHECK_PARALLEL"))
        .map(v -> number("DISPATCHCHECK_PARALLEL", v, 1, 64));
    Duration lease = Optional.ofNullable(set.get("DISPATCHCHECK_LEASE_SECONDS"))
        .map(v -> Duration.ofSeconds(number("DISPATCHCHECK_LEASE_SECONDS", v, MIN_LEASE_SECONDS, 86_400)))
        .orElse(DEFAULT_LEASE);
    Optional<String> runId = Optional.ofNullable(set.get("DISPATCHCHECK_RUN_ID"))
        .map(v -> matching("DISPATCHCHECK_RUN_ID", v, RUN_ID, "letters, digits, '_', '.' and '-', at most 64"));
    String prefix = Optional.ofNullable(set.get("DISPATCHCHECK_BASE_IMAGE_PREFIX"))
        .map(v -> matching("DISPATCHCHECK_BASE_IMAGE_PREFIX", v, IMAGE_PREFIX, "an image name such as debian"))
        .orElse("dispatchcheck/debian");
    Path cache = Optional.ofNullable(set.get("XDG_CACHE_HOME")).map(Path::of)
        .orElse(Path.of(set.getOrDefault("HOME", "/tmp")).resolve(".cache")).resolve("dispatchcheck");
    return new Settings(env, parallel, Optional.ofNullable(set.get("DISPATCHCHECK_MATRIX")), runId, prefix, lease, cache);
  }

  private static int number(String name, String value, long min, long max) {
    return (int) wholeNumber(name + "='" + value + "'", value, min, max);
  }

  /**
   * {@code value} as a whole number from {@code min} to {@code max}; else invalid input
   * (exit 2) saying so of {@code shown}, the setting as its user wrote it.
   */
  static long wholeNumber(String shown, String value, long min, long max) {
    try {
      long n = Long.parseLong(value.strip());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw new IllegalArgumentException(shown + " is not a whole number from " + min + " to " + max);
  }

  private static String matching(String name, String value, Pattern allowed, String what) {
    if (allowed.matcher(value).matches()) return value;
    throw new IllegalArgumentException(name + "='" + value + "' is not " + what);
  }
}
