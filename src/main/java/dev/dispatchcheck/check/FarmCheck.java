package dev.dispatchcheck.check;

import dev.dispatchcheck.report.MapDiff;
import dev.dispatchcheck.report.MapGrid;
import dev.dispatchcheck.report.MapReport;
import dev.dispatchcheck.report.MovesReport;
import dev.dispatchcheck.report.ReportRun;
import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.report.Summary;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.suite.ScenarioRun;
import dev.dispatchcheck.suite.Runs;
import dev.dispatchcheck.suite.ScenarioSelection;
import dev.dispatchcheck.run.ExitCode;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import dev.dispatchcheck.driver.farm.DispatchMapBuilder;
import dev.dispatchcheck.driver.farm.Farm;
import dev.dispatchcheck.driver.farm.StandInFarm;
import dev.dispatchcheck.run.FarmUnderCheck;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check of an operator's farm ({@code check FARM_DIR}): lint the files, start
 * stand-ins for their builders, map where every build goes, run the farm's own
 * expectations, and, with a farm before the change, show which cells the change moves (on
 * the console, and in moves.json, moves.md and the JUnit XML moves.xml for CI).
 */
public final class FarmCheck {
  /**
   * What to check.
   *
   * @param before the farm as it is now, to compare with
   * @param failOnMove with {@code before}: a moved cell is a failure (a CI gate)
   * @param runFarmCommands deploy the farm's hooks and ssh commands as written, not neutralised
   * @param parallel how many of the farm's expectation scenarios run at once
   */
  public record Request(Path farmDir, Optional<Path> before, boolean failOnMove, boolean runFarmCommands,
      FarmLimits limits, int parallel) {}

  private final Request request;
  private final Path farmDir;
  private final Path before;
  private final boolean failOnMove;
  /** The farm's expectations as the command's filters select them. */
  private final Function<List<Path>, ScenarioSelection> selection;
  private final Supplier<Matrix> matrix;
  private final Path projectDir;

  /** This check's own report directory, once it has started. */
  private ReportRun run;

  public FarmCheck(Request request, Function<List<Path>, ScenarioSelection> selection, Supplier<Matrix> matrix,
      Path projectDir) {
    this.request = request;
    this.farmDir = request.farmDir();
    this.before = request.before().orElse(null);
    this.failOnMove = request.failOnMove();
    this.selection = selection;
    this.matrix = matrix;
    this.projectDir = projectDir;
  }

  /** The check in a run of its own. */
  public int call(Supplier<RunContext> newRun) {
    Optional<Input> input = input(new Progress(System.currentTimeMillis()));
    if (input.isEmpty()) return ExitCode.INVALID;
    try (Runs.RunScope scope = Runs.openRun(newRun.get())) {
      return check(input.get(), scope.context());
    }
  }

  /** The check within a run already open: the test command's example farms run in its run, on its warm hosts. */
  public int within(RunContext context) {
    Optional<Input> input = input(context.progress());
    return input.isPresent() ? check(input.get(), context) : ExitCode.INVALID;
  }

  /**
   * Whether the check's input is valid, found as the check finds it and with nothing started:
   * the launcher asks before it provisions an engine, so that a bad file is exit 2 with its
   * file and line on a machine with no Docker too. The problems are said to {@code progress}.
   */
  public boolean inputValid(Progress progress) {
    return input(progress).isPresent();
  }

  /** What a check runs on: the farms read, linted and planned once, the expectations and the matrix checked. */
  private record Input(FarmUnderCheck farm, Optional<FarmUnderCheck> before, ScenarioSelection expectations, Matrix matrix) {}

  /** The check's input, before anything starts; empty, with the problems said, when it is invalid (exit 2). */
  private Optional<Input> input(Progress progress) {
    FarmLimits limits = request.limits();
    boolean runFarmCommands = request.runFarmCommands();
    Optional<FarmLayout> layout = FarmLint.read(farmDir);
    Optional<FarmLayout> old = before == null ? Optional.empty() : FarmLint.read(before);
    if (layout.isEmpty() || (before != null && old.isEmpty())) return Optional.empty();
    boolean invalid = FarmLint.lint(layout.get(), limits, progress);
    if (old.isPresent()) invalid |= FarmLint.lint(old.get(), limits, progress);
    if (invalid) {
      progress.say("the farm's files are invalid (errors above, each with its file and line): nothing was started");
      return Optional.empty();
    }
    ScenarioSelection expectations = selection.apply(layout.get().features());
    if (FarmLint.invalidExpectations(expectations, projectDir, limits)) return Optional.empty();
    Matrix matrix = this.matrix.get();
    return Optional.of(new Input(FarmUnderCheck.of(layout.get(), limits, runFarmCommands),
        old.map(o -> FarmUnderCheck.of(o, limits, runFarmCommands)), expectations, matrix));
  }

  private int check(Input in, RunContext context) {
    Progress progress = context.progress();
    int expectations = ExitCode.OK;
    boolean moved = false;
    boolean harnessError = false;
    run = in.expectations().reportRun(context.reportsRoot(), "check");
    for (Matrix.Pair pair : in.matrix().pairs()) {
      // The previous pair's hosts go before this pair's start: no farm of this pair could use them (FarmLimits: the
      // peak). The last pair's stay warm for whatever the run checks next (the test command's example farms).
      if (pair != in.matrix().pairs().get(0)) context.closeShared();
      Path reportDir = reportDir(pair);
      RunSettings settings = new RunSettings(context, pair.agent(), pair.builders(), reportDir, Optional.of(in.farm()));
      Runs.prepareImages(settings);
      String nix = String.format("Nix %s on the agent host, Nix %s on the builders", pair.agent().label(),
          pair.builders().label());
      progress.say("=== %s: %s ===", farmDir, nix);
      Mapped now = map(in.farm(), nix, settings, reportDir, progress);
      List<DispatchMap.Row> map = now.rows();
      harnessError |= map.stream().anyMatch(r -> r.answer() instanceof CellAnswer.HarnessError);
      if (in.before().isPresent()) {
        List<DispatchMap.Row> was = map(in.before().get(), nix, settings, reportDir.resolve("before"), progress).rows();
        MapDiff diff = MapDiff.of(was, map);
        MapReport.writeGrid(reportDir, MapGrid.compared(in.farm().layout().dir().toString(), nix, map, now.notes(),
            in.before().get().layout().dir().toString(), was));
        MovesReport.write(reportDir, before, farmDir, pair.shortLabel(), map.size(), diff, failOnMove);
        progress.sayLines(String.format("%d of %d cells moved from %s to %s%s", diff.moved().size(), map.size(), before,
            farmDir, diff.moved().isEmpty() ? "" : ":"), diff.moved());
        if (!diff.unanswered().isEmpty()) {
          progress.sayLines(String.format("%d cells have no answer in one map or both, so whether they moved is unknown:",
              diff.unanswered().size()), diff.unanswered());
        }
        harnessError |= !diff.unanswered().isEmpty();
        moved |= failOnMove && !diff.moved().isEmpty();
      }
      expectations = ExitCode.combine(expectations, expectations(in.farm().layout(), in.expectations(), settings, progress, pair));
    }
    Optional<Integer> wedged = Runs.engineWedged(progress);
    if (wedged.isPresent()) return wedged.get();
    // A verdict (a failed expectation, a gated move) says most, whatever else happened; then a cell without an answer.
    int verdicts = ExitCode.combine(moved ? ExitCode.FAILED : ExitCode.OK, expectations);
    if (harnessError) {
      progress.say("some cells have no answer (a harness error, above and in map.json): no verdict on them");
      return ExitCode.combine(verdicts, ExitCode.ENVIRONMENT);
    }
    return verdicts;
  }

  /** A farm's map, and what the harness assumed or overrode to draw it. */
  record Mapped(List<DispatchMap.Row> rows, List<String> notes) {}

  private static Mapped map(FarmUnderCheck underCheck, String nix, RunSettings settings, Path reportDir, Progress progress) {
    FarmPlan plan = underCheck.plan();
    List<FarmPlan.Cell> cells = plan.allCells();
    progress.say("dispatch map of %s: %d cells (%d of them the agent's effects), %d stand-ins", underCheck.layout().dir(),
        cells.size(), plan.effectCells().size(), plan.standIns().size());
    return map(underCheck, cells, nix, settings, reportDir, notes -> StandInFarm.start(underCheck, settings, notes));
  }

  /** The map of {@code cells} on the farm {@code start} gives (its notes go in the list it is handed), written as map.*. */
  static Mapped map(FarmUnderCheck underCheck, List<FarmPlan.Cell> cells, String nix, RunSettings settings,
      Path reportDir, Function<List<String>, Farm> start) {
    List<String> notes = new ArrayList<>();
    Progress progress = settings.progress();
    progress.row("  %-26s %-36s %s", "user", "system", "goes to");
    try (Farm farm = start.apply(notes)) {
      List<DispatchMap.Row> rows = DispatchMapBuilder.build(farm, cells, underCheck.deployment().layout().nixSettings(),
          new Waiter(settings.buildTimeout()), r -> progress.row("  %-26s %-36s %s", r.who(), r.what(), r.where()));
      if (underCheck.live().isEmpty()) {
        notes.addAll(StandInFarm.neutralisedCalls(farm, underCheck));
        notes.addAll(StandInFarm.passage(farm, underCheck));
      }
      MapReport.write(reportDir, underCheck.layout(), nix, rows, notes);
      return new Mapped(rows, notes);
    }
  }

  /** Whether the check got as far as starting hosts (and so has a report). */
  public boolean started() {
    return run != null;
  }

  /** Where this check's report of {@code pair} is: reports/runs/RUN/check-FARM/PAIR. */
  public Path reportDir(Matrix.Pair pair) {
    return run.dir().resolve("check-" + name(farmDir)).resolve(pair.label());
  }

  /** The expectations' exit code: see {@link Summary#exitCode}. */
  private int expectations(FarmLayout layout, ScenarioSelection selection, RunSettings settings, Progress progress,
      Matrix.Pair pair) {
    return expectations(layout, selection, settings, progress, run, pair.label(), pair.shortLabel(), request.parallel());
  }

  /** The same for any check in {@code run}: the results under {@code label}, their lines under {@code shortLabel}. */
  static int expectations(FarmLayout layout, ScenarioSelection selection, RunSettings settings, Progress progress,
      ReportRun run, String label, String shortLabel, int parallel) {
    if (layout.features().isEmpty()) {
      progress.say("no expectations (*.feature) in %s: the map above is the answer", layout.dir());
      return ExitCode.OK;
    }
    Path reportDir = settings.reportDir();
    List<ScenarioResult> results = new ScenarioRun(selection, settings).parallel(parallel).run(progress, shortLabel);
    Summary.writeResults(reportDir, new Summary.PairResults(run.info(), label, null, results));
    progress.say("expectations of %s: %s; report: %s", layout.dir(), Summary.line(results), reportDir.resolve("cucumber.html"));
    // No result at all is a run that broke, never a verdict.
    return results.isEmpty() ? ExitCode.ENVIRONMENT : Summary.exitCode(results);
  }

  static String name(Path dir) {
    return dir.toAbsolutePath().normalize().getFileName().toString();
  }

}
