package dev.dispatchcheck.bench;

import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.driver.host.HostImages;
import dev.dispatchcheck.report.ReportRun;
import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.report.Summary;
import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.PhaseClock;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.suite.ExpectationCheck;
import dev.dispatchcheck.suite.Runs;
import dev.dispatchcheck.suite.ScenarioSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code bench}: figures, never a pass/fail bound. Runs the scenarios of one pair and
 * prints the per-scenario median and p90, the suite's wall time, where that time went by
 * phase ({@link PhaseTable}), and the reference scenario against the same steps scripted by
 * hand with fresh containers ({@code bench/floor.sh}): on fresh hosts, as the floor has
 * them, and on warm hosts, as the suite runs it.
 */
public final class Bench {
  static final String REFERENCE = "^agent uses only aarch64-linux-1 \\(ssh\\)$";

  private final int repeat;
  private final int parallel;

  /** {@code repeat} runs of the reference scenario and of the floor; {@code parallel} scenarios at once. */
  public Bench(int repeat, int parallel) {
    this.repeat = repeat;
    this.parallel = parallel;
  }

  /** Runs every scenario of {@code pair}, then the reference and the floor, in a run of its own; prints the figures. */
  public int run(Matrix.Pair pair, Path project, ScenarioSelection all, Supplier<RunContext> newRun)
      throws IOException, InterruptedException {
    if (ExpectationCheck.invalid(all, project)) return ExitCode.INVALID;
    try (Runs.RunScope run = Runs.openRun(newRun.get())) {
      return measure(run.context(), pair, project, all);
    }
  }

  private int measure(RunContext context, Matrix.Pair pair, Path project, ScenarioSelection all)
      throws IOException, InterruptedException {
    ReportRun run = all.reportRun(context.reportsRoot(), "bench");
    Path reportDir = run.pairDir(pair.label(), all.shard());
    // The pair's host images are built (when their context changed) before the suite's clock
    // starts: a build in it was counted as every slot's idle time between scenarios.
    RunSettings pairSettings = new RunSettings(context, pair.agent(), pair.builders(), reportDir, Optional.empty());
    Runs.prepareImages(pairSettings);
    Stretch.Started suiteStart = Stretch.start();
    Map<PhaseClock.Phase, PhaseClock.Total> phasesBefore = context.phases().totals();
    double queuedBefore = Engine.queued().toNanos() / 1e9;
    int code = Runs.runFeatures(context, parallel, new Matrix(List.of(pair)), run, all);
    Stretch suite = suiteStart.end();
    double wall = suite.seconds();
    Map<PhaseClock.Phase, PhaseClock.Total> phases = since(phasesBefore, context.phases().totals());
    double queued = Engine.queued().toNanos() / 1e9 - queuedBefore;
    List<ScenarioResult> results = Summary.readResults(reportDir);

    ScenarioSelection referenceOnly = new ScenarioSelection(List.of(project.resolve("features")), false,
        Optional.of(Pattern.compile(REFERENCE)), Optional.empty(), Optional.empty());
    List<Double> reference = new ArrayList<>();
    ReferenceSplit freshSplit = new ReferenceSplit();
    Stretch.Started freshStart = Stretch.start();
    for (int i = 0; i < repeat; i++) {
      reference.add(referenceOnce(context, pair, referenceOnly, Runs.HostsAfter.REMOVED, freshSplit));
    }
    Stretch fresh = freshStart.end();
    // On warm hosts: the first run starts them; each later one takes the hosts the one
    // before handed over, awaiting their reset if it is still under way.
    List<Double> warm = new ArrayList<>();
    ReferenceSplit warmSplit = new ReferenceSplit();
    referenceOnce(context, pair, referenceOnly, Runs.HostsAfter.KEPT, new ReferenceSplit());
    for (int i = 0; i < repeat; i++) warm.add(referenceOnce(context, pair, referenceOnly, Runs.HostsAfter.KEPT, warmSplit));
    context.closeShared();
    List<Double> floor = new ArrayList<>();
    String image = new HostImages(pairSettings).imageFor(pair.agent());
    Stretch.Started floorStart = Stretch.start();
    FloorSplit floorSplit = new FloorSplit();
    for (int i = 0; i < repeat; i++) floor.add(floorSplit.add(floor(project, image)));
    Stretch floorRuns = floorStart.end();

    List<Double> times = results.stream().map(ScenarioResult::seconds).sorted().toList();
    double ref = median(reference), fl = median(floor);
    Console.out("");
    Console.out(String.format("benchmark, Nix %s (%d scenarios, parallel %d):", pair.shortLabel(), results.size(),
        parallel));
    Console.out(String.format("  per scenario: median %.1f s, p90 %.1f s", Summary.percentile(times, 0.5),
        Summary.percentile(times, 0.9)));
    Console.out(String.format("  whole suite: %.0f s wall, %.2f s a scenario: %.2f of the floor", wall,
        wall / Math.max(1, results.size()), fl > 0 ? wall / Math.max(1, results.size()) / fl : Double.NaN));
    double scenarioSeconds = results.stream().mapToDouble(ScenarioResult::seconds).sum();
    new PhaseTable(phases, queued, scenarioSeconds, results.size(), wall, parallel, fl).lines().forEach(Console::out);
    suite.line("the suite", results.size(), "scenario").ifPresent(Console::out);
    Console.out(String.format("  shell floor (bench/floor.sh, fresh containers): median %.1f s of %s", fl, floor));
    Console.out(floorSplit.line(fl));
    Console.out(String.format("  reference scenario (\"agent uses only aarch64-linux-1 (ssh)\") on fresh hosts, as the floor"
        + " has them: median %.1f s of %s; ratio %.2f", ref, reference, fl > 0 ? ref / fl : Double.NaN));
    Console.out(freshSplit.line("its time on fresh hosts", fl));
    // The reference and the floor do different work (the floor's docker commands are Go programs with threads of
    // their own; the reference's hosts start Nix and SSH processes): their own figures, for when the ratio drifts.
    fresh.line("its " + repeat + " runs on fresh hosts", repeat, "run").ifPresent(Console::out);
    floorRuns.line("the floor's " + repeat + " runs", repeat, "run").ifPresent(Console::out);
    double w = median(warm);
    Console.out(String.format("  the same on warm hosts, as the suite runs it (a hand-over reset still under way awaited):"
        + " median %.1f s of %s; ratio %.2f", w, warm, fl > 0 ? w / fl : Double.NaN));
    Console.out(warmSplit.line("its time on warm hosts", fl));
    return code;
  }

  /**
   * One run of the reference scenario alone, its hosts {@code after}; its time in seconds
   * (NaN if it has no result), added with its phases to {@code split}.
   */
  private static double referenceOnce(RunContext context, Matrix.Pair pair, ScenarioSelection referenceOnly,
      Runs.HostsAfter after, ReferenceSplit split) {
    ReportRun once = referenceOnly.reportRun(context.reportsRoot(), "bench");
    Map<PhaseClock.Phase, PhaseClock.Total> before = context.phases().totals();
    Runs.runFeatures(context, 1, new Matrix(List.of(pair)), once, referenceOnly, after);
    double seconds = Summary.readResults(once.pairDir(pair.label(), Optional.empty())).stream().findFirst()
        .map(ScenarioResult::seconds).orElse(Double.NaN);
    split.add(seconds, since(before, context.phases().totals()));
    return seconds;
  }

  /** Each phase's time between two readings of the clock. */
  private static Map<PhaseClock.Phase, PhaseClock.Total> since(Map<PhaseClock.Phase, PhaseClock.Total> before,
      Map<PhaseClock.Phase, PhaseClock.Total> after) {
    Map<PhaseClock.Phase, PhaseClock.Total> out = new EnumMap<>(PhaseClock.Phase.class);
    after.forEach((p, t) -> out.put(p, new PhaseClock.Total(t.seconds() - before.get(p).seconds(),
        t.times() - before.get(p).times())));
    return out;
  }

  /** One run of {@code bench/floor.sh}: what it printed, its marks and, last, its time. */
  private static String floor(Path project, String image) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", project.resolve("bench/floor.sh").toString(), image)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) throw new IllegalStateException("bench/floor.sh failed: " + out);
    return out;
  }

  /** The median of the runs that gave a time (a run with no result gives NaN, and is left out). */
  private static double median(List<Double> xs) {
    return Summary.percentile(xs.stream().filter(x -> !x.isNaN()).sorted().toList(), 0.5);
  }
}
