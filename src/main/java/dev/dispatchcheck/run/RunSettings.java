package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything chosen for one pair's run of scenarios, made once per pair by the command
 * line (or by {@link SystemProperties} for the IDE runner) and handed to the scenarios
 * through {@link PairHandOff}: the run it belongs to, the Nix version of each role, where
 * the pair's report goes, and, for {@code check}, the operator's farm, read and planned
 * once. The steps pass it on to the drivers.
 *
 * @param reportDir the pair's report directory
 * @param farm the operator's farm, for {@code check}: its files and its plan
 * @param progress the run's progress lines, or a scenario's own ({@link #forScenario()})
 */
public record RunSettings(RunContext run, NixVersion agentNix, NixVersion buildersNix, Path reportDir,
    Optional<FarmUnderCheck> farm, Progress progress) {

  /** A pair's settings, speaking with the run's progress lines. */
  public RunSettings(RunContext run, NixVersion agentNix, NixVersion buildersNix, Path reportDir,
      Optional<FarmUnderCheck> farm) {
    this(run, agentNix, buildersNix, reportDir, farm, run.progress());
  }

  /** The same settings with progress lines of a scenario's own (scenarios may run in parallel, each says whose lines). */
  public RunSettings forScenario() {
    return new RunSettings(run, agentNix, buildersNix, reportDir, farm, run.progress().forScenario());
  }

  /** The directory name of a pair's report, e.g. agent-nix-2.26--builders-nix-2.8. */
  public static String pairLabel(NixVersion agent, NixVersion builders) {
    return "agent-nix-" + agent.label() + "--builders-nix-" + builders.label();
  }

  public Path projectDir() {
    return run.projectDir();
  }

  public String runId() {
    return run.runId();
  }

  public Duration buildTimeout() {
    return run.buildTimeout();
  }

  /** What the base images are called before their suite, e.g. dispatchcheck/debian. */
  public String baseImagePrefix() {
    return run.baseImagePrefix();
  }

  /** The plain Debian image a host image is built FROM, e.g. dispatchcheck/debian:trixie. */
  public String baseImage(NixVersion version) {
    return baseImagePrefix() + ":" + version.debianSuite();
  }

  public Path containersDir() {
    return projectDir().resolve("containers");
  }

  public Path evidenceDir() {
    return reportDir.resolve("evidence");
  }

  /** Whether scenarios reuse hosts (reset, then checked at hand-over) instead of starting fresh ones. */
  public boolean warmHosts() {
    return run.warmHosts();
  }

  /** How many idle farms a run keeps warm at most. */
  public int idleFarms() {
    return run.idleFarms();
  }
}
