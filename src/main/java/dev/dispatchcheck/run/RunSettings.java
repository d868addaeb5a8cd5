package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything chosen for one run, in one place: the Nix version of each role, the run's id
 * (every container and network carries it as a label), how long a build may take, the
 * base images, where the report goes, and, for {@code check}, the operator's farm.
 *
 * <p>Picocontainer builds it for the steps from the {@code dispatchcheck.*} system
 * properties that the command line (or Maven) sets for the run; the steps pass it on to the
 * drivers. Nothing else reads those properties.
 */
public final class RunSettings {
  public static final String RUN_LABEL = "dispatchcheck.run";
  /** The process that owns a run's containers: a later run removes them once it is gone. */
  public static final String PID_LABEL = "dispatchcheck.pid";

  private final Path projectDir;
  private final NixVersion agentNix;
  private final NixVersion buildersNix;
  private final String runId;
  private final Duration buildTimeout;
  private final String baseImagePrefix;
  private final Path reportDir;
  private final Optional<Path> farmDir;
  private final Progress progress;
  private final boolean warmHosts;
  private final int idleFarms;

  /** For picocontainer: the run the system properties describe. */
  public RunSettings() {
    this(Path.of(System.getProperty("dispatchcheck.project.dir", ".")));
  }

  private RunSettings(Path projectDir) {
    this.projectDir = projectDir;
    this.agentNix = NixVersion.of(System.getProperty("dispatchcheck.agent.nix", "2.8"), projectDir);
    this.buildersNix = NixVersion.of(System.getProperty("dispatchcheck.builders.nix", agentNix.label()), projectDir);
    this.runId = System.getProperty("dispatchcheck.run.id",
        Optional.ofNullable(System.getenv("DISPATCHCHECK_RUN_ID")).orElse("jvm-" + ProcessHandle.current().pid()));
    this.buildTimeout = Duration.ofSeconds(Long.parseLong(System.getProperty("dispatchcheck.timeout.seconds", "120")));
    String prefix = System.getProperty("dispatchcheck.base.image.prefix", System.getenv("DISPATCHCHECK_BASE_IMAGE_PREFIX"));
    this.baseImagePrefix = prefix == null || prefix.isBlank() ? "dispatchcheck/debian" : prefix;
    this.reportDir = Path.of(System.getProperty("dispatchcheck.report.dir", "reports/" + pairLabel(agentNix, buildersNix)));
    this.farmDir = Optional.ofNullable(System.getProperty("dispatchcheck.farm")).map(Path::of);
    this.warmHosts = Boolean.parseBoolean(System.getProperty("dispatchcheck.warm", "true"));
    this.idleFarms = Integer.getInteger("dispatchcheck.warm.idle", 6);
    this.progress = new Progress(Long.getLong("dispatchcheck.run.started", System.currentTimeMillis()));
  }

  /** The directory name of a pair's report, e.g. agent-nix-2.26--builders-nix-2.8. */
  public static String pairLabel(NixVersion agent, NixVersion builders) {
    return "agent-nix-" + agent.label() + "--builders-nix-" + builders.label();
  }

  public Path projectDir() {
    return projectDir;
  }

  public NixVersion agentNix() {
    return agentNix;
  }

  public NixVersion buildersNix() {
    return buildersNix;
  }

  public String runId() {
    return runId;
  }

  public Duration buildTimeout() {
    return buildTimeout;
  }

  /** What the base images are called before their suite, e.g. dispatchcheck/debian. */
  public String baseImagePrefix() {
    return baseImagePrefix;
  }

  /** The plain Debian image a host image is built FROM, e.g. dispatchcheck/debian:trixie. */
  public String baseImage(NixVersion version) {
    return baseImagePrefix + ":" + version.debianSuite();
  }

  public Path containersDir() {
    return projectDir.resolve("containers");
  }

  public Path reportDir() {
    return reportDir;
  }

  public Path evidenceDir() {
    return reportDir.resolve("evidence");
  }

  /** The operator's farm directory, for {@code check}. */
  public Optional<Path> farmDir() {
    return farmDir;
  }

  /** Whether scenarios reuse hosts (reset, then checked at hand-over) instead of starting fresh ones. */
  public boolean warmHosts() {
    return warmHosts;
  }

  /** How many idle farms a run keeps warm at most. */
  public int idleFarms() {
    return idleFarms;
  }

  public Progress progress() {
    return progress;
  }
}
