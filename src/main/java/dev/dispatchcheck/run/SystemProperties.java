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

  /** How long a build may take before it is a harness error. */
  public static Duration buildTimeout() {
    return Duration.ofSeconds(Long.getLong("dispatchcheck.timeout.seconds", 120));
  }

  /** How many idle farms a run keeps warm at most. */
  public static int idleFarms() {
    return Integer.getInteger("dispatchcheck.warm.idle", 6);
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
