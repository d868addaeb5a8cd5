package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The one place that reads the JVM's system properties. Two kinds: the settings
 * documented as {@code -D} options for any run ({@code dispatchcheck.timeout.seconds},
 * {@code dispatchcheck.warm.idle}, through {@code JAVA_TOOL_OPTIONS}); and, for the
 * IDE/Maven runner ({@code mvn verify -Dtest=ConformanceSuiteTest
 * -Ddispatchcheck.agent.nix=2.26}), the whole pair, when no command line handed one over
 * ({@link PairHandOff}). That runner's run lives as long as the JVM, or until its
 * scenarios end ({@link #endStandaloneRun()}); the command line never makes one.
 */
public final class SystemProperties {
  private static RunSettings standalone;

  private SystemProperties() {}

  /** How long a build may take before it is a harness error (1 s to a day). */
  public static Duration buildTimeout() {
    return Duration.ofSeconds(number("dispatchcheck.timeout.seconds", 120, 1, 86_400));
  }

  /** How many idle farms a run keeps warm at most (0 to 64). */
  public static int idleFarms() {
    return (int) number("dispatchcheck.warm.idle", 6, 0, 64);
  }

  /** Both checked, when a command starts: a bad value is exit 2 naming the property. */
  public static void check() {
    buildTimeout();
    idleFarms();
  }

  /**
   * Testcontainers' and docker-java's log, a file: target/dispatchcheck-libraries.log in a
   * checkout, else beside the jar's extraction. SLF4J's simple logger writes to stderr when
   * it cannot open its file, which would put the libraries' lines, unescaped, on the console.
   */
  public static void libraryLog(Path cacheRoot) {
    if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) return; // asked for on the command line
    Path file = java.nio.file.Files.isDirectory(Path.of("target")) ? Path.of("target", "dispatchcheck-libraries.log")
        : cacheRoot.resolve("dispatchcheck-libraries.log");
    try {
      java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      return; // the properties file's own default stands
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", file.toAbsolutePath().toString());
  }

  private static long number(String name, long fallback, long min, long max) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) return fallback;
    return Settings.wholeNumber("-D" + name + "=" + value, value, min, max);
  }

  /** The IDE/Maven runner's pair, made once from {@code -Ddispatchcheck.*}. */
  public static synchronized RunSettings standalonePair() {
    if (standalone == null) {
      Path project = Path.of(System.getProperty("dispatchcheck.project.dir", ".")).toAbsolutePath().normalize();
      NixVersion agent = NixVersion.of(System.getProperty("dispatchcheck.agent.nix", "2.8"), project);
      NixVersion builders = NixVersion.of(System.getProperty("dispatchcheck.builders.nix", agent.label()), project);
      Path reports = project.resolve("reports");
      Path reportDir = Path.of(System.getProperty("dispatchcheck.report.dir",
          reports.resolve(RunSettings.pairLabel(agent, builders)).toString()));
      Settings settings = Settings.fromEnvironment();
      RunContext run = new RunContext(RunContext.newRunId(settings), System.currentTimeMillis(), project, reports,
          !Boolean.getBoolean("dispatchcheck.cold"), idleFarms(), buildTimeout(), settings.baseImagePrefix(),
          settings.lease());
      standalone = new RunSettings(run, agent, builders, reportDir, Optional.empty());
    }
    return standalone;
  }

  /** Removes the IDE/Maven runner's warm hosts when its scenarios are done; nothing if it made no run. */
  public static synchronized void endStandaloneRun() {
    if (standalone != null) standalone.run().closeShared();
  }
}
