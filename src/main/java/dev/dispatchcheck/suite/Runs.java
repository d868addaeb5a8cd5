package dev.dispatchcheck.suite;

import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.driver.farm.RunLease;
import dev.dispatchcheck.driver.farm.StartGate;
import dev.dispatchcheck.driver.farm.Sweeper;
import dev.dispatchcheck.driver.host.HostImages;
import dev.dispatchcheck.report.CompatibilityPage;
import dev.dispatchcheck.report.JUnitMerge;
import dev.dispatchcheck.report.ReportRun;
import dev.dispatchcheck.report.Reports;
import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.report.Summary;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.run.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * A run's life on the engine, and the scenarios it runs: the engine asked for first, dead
 * runs' leftovers swept, the run's lease taken and its hosts swept on the way out (Ctrl-C
 * included), and each Nix pair of a matrix run with its report and summary line.
 */
public final class Runs {
  /** How long the shutdown hook waits for the engine to remove the run's hosts. */
  private static final Duration HOOK_SWEEP = Duration.ofSeconds(60);

  private Runs() {}

  /** Ends the JVM now, its output flushed: what a wedged engine leaves no other way to do. */
  public static void halt(int code) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** Throws, saying how to get one, unless an engine answers. */
  public static void requireDocker() {
    if (!Engine.ask("a ping", () -> DockerClientFactory.instance().isDockerAvailable())) {
      throw new IllegalStateException("no Docker engine answers (at DOCKER_HOST, or at the default socket without it);"
          + " run ./dispatchcheck provision, or start Docker");
    }
  }

  /**
   * Sweeps what dead runs left, takes the run's lease (so that runs elsewhere on the engine
   * can tell it lives), and sweeps its own on the way out, even on Ctrl-C. Everything the
   * command then runs (each pair, the benchmark's repeats, the example farms after the
   * scenarios) runs in this one run: its warm hosts serve them all, and go at its end.
   */
  public static RunScope openRun(RunContext run) {
    requireDocker();
    Progress progress = run.progress();
    String runId = run.runId();
    Sweeper sweeper = new Sweeper(run.lease());
    int left = sweeper.sweepDeadRuns(runId, progress::say);
    if (left > 0) progress.say("removed %d containers and networks that ended runs left behind", left);
    Optional<RunLease> lease = sweeper.lease(runId, run.baseImagePrefix(), progress::say, run.phases());
    Thread hook = new Thread(() -> {
      // Hosts starting now would be created after the sweep: wait for them, start no more.
      StartGate.shutAndAwait(Duration.ofSeconds(20));
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
      if (sweep.isAlive() || Engine.wedged().isPresent()) halt(ExitCode.ENVIRONMENT);
    });
    Runtime.getRuntime().addShutdownHook(hook);
    return new RunScope(run, hook, lease);
  }

  /** Removes the run's containers and networks, unless the engine no longer answers: then says what is left and how it goes. */
  public static void sweepOwn(String runId, Progress progress) {
    try {
      new Sweeper().sweepRun(runId);
    } catch (RuntimeException e) {
      progress.say("could not remove this run's containers and networks (%s): the next run on this engine, or"
          + " './dispatchcheck clean', removes them once the engine answers", e.getMessage());
    }
  }

  /** An open run. */
  public record RunScope(RunContext context, Thread hook, Optional<RunLease> lease) implements AutoCloseable {
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
  public static Optional<Integer> engineWedged(Progress progress) {
    return Engine.wedged().map(why -> {
      progress.say("the Docker engine stopped answering: %s. The run ended there (exit 3). To recover, restart the"
          + " engine (where ./dispatchcheck started it: kill the dockerd process, whose log is"
          + " /var/log/dispatchcheck-dockerd.log; the next ./dispatchcheck starts it again); the next run then"
          + " removes what this one left", why);
      return ExitCode.ENVIRONMENT;
    });
  }

  /** What becomes of a pair's warm hosts when the pair ends. */
  public enum HostsAfter {
    /** Removed before the next pair starts (every run but bench's). */
    REMOVED,
    /** Kept idle for the next call in the same run, which takes them as a next scenario would. */
    KEPT
  }

  /** Runs {@code selection} on each pair of {@code matrix} in {@code run}, each pair's report in {@code reports}' directory. */
  public static int runFeatures(RunContext run, int parallel, Matrix matrix, ReportRun reports, ScenarioSelection selection) {
    return runFeatures(run, parallel, matrix, reports, selection, HostsAfter.REMOVED);
  }

  /** As {@link #runFeatures(RunContext, int, Matrix, ReportRun, ScenarioSelection)}, with the pairs' hosts {@code after}. */
  public static int runFeatures(RunContext run, int parallel, Matrix matrix, ReportRun reports, ScenarioSelection selection,
      HostsAfter after) {
    Progress progress = run.progress();
    Path project = run.projectDir();
    List<String> lines = new ArrayList<>();
    int code = ExitCode.OK;
    for (Matrix.Pair pair : matrix.pairs()) {
      if (Engine.wedged().isPresent()) break;
      Path reportDir = reports.pairDir(pair.label(), selection.shard());
      RunSettings settings = new RunSettings(run, pair.agent(), pair.builders(), reportDir, Optional.empty());
      progress.say("=== Nix %s on the agent host, Nix %s on the builders ===", pair.agent().label(), pair.builders().label());
      prepareImages(settings);
      long t0 = System.nanoTime();
      List<ScenarioResult> results = new ScenarioRun(selection, settings).parallel(parallel)
          .run(progress, pair.shortLabel() + selection.shard().map(k -> " shard " + k).orElse(""));
      Summary.writeResults(reportDir, new Summary.PairResults(reports.info(), pair.label(),
          selection.shard().map(Shard::toString).orElse(null), results));
      Reports.labelHtml(reportDir.resolve("cucumber.html"), "Nix " + pair.agent().label() + " agent, Nix "
          + pair.builders().label() + " builders", project, run.reportsRoot());
      // The pair's hosts go before the next pair's start: no burst of both at once on the engine.
      if (after == HostsAfter.REMOVED) run.closeShared();
      // Filters were checked to select something (ExpectationCheck), so only a shard may be empty.
      int pairCode = results.isEmpty() && selection.shard().isEmpty() ? ExitCode.ENVIRONMENT : Summary.exitCode(results);
      boolean passed = pairCode == ExitCode.OK;
      code = ExitCode.combine(code, pairCode);
      lines.add(String.format("  agent Nix %s, builders Nix %s: %s in %d s, %s, report: %s",
          pair.agent().label(), pair.builders().label(), passed ? "passed" : "FAILED",
          (System.nanoTime() - t0) / 1_000_000_000L, Summary.line(results), Reports.shown(reportDir.resolve("cucumber.html"))));
    }
    CompatibilityPage.write(run.reportsRoot());
    JUnitMerge.write(run.reportsRoot());
    progress.sayLines("summary (compatibility page: " + Reports.shown(run.reportsRoot().resolve("index.html")) + "):",
        lines.stream().map(String::strip).toList());
    return engineWedged(progress).orElse(code);
  }

  /** Builds the pair's host images once, before scenarios that may run in parallel ask for them; one caller at a time (example farms start two at a time). */
  public static synchronized void prepareImages(RunSettings pair) {
    HostImages images = new HostImages(pair);
    images.imageFor(pair.agentNix());
    images.imageFor(pair.buildersNix());
  }
}
