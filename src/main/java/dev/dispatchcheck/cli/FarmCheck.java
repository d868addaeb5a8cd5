package dev.dispatchcheck.cli;

import dev.dispatchcheck.dispatch.layout.FarmInputException;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.Finding;
import dev.dispatchcheck.dispatch.layout.Lint;
import dev.dispatchcheck.dispatch.layout.Severity;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.driver.farm.DispatchMap;
import dev.dispatchcheck.driver.farm.Farm;
import dev.dispatchcheck.driver.farm.StandInFarm;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check FARM_DIR}: lint the operator's files, start stand-ins for their builders,
 * map where every build goes, run the farm's own expectations, and, with {@code --before},
 * show which cells a change moves.
 */
@Command(name = "check", description = "Check an operator's farm directory: lint, dispatch map, expectations.")
final class FarmCheck implements Callable<Integer> {
  static final String DEFAULT_MATRIX = "2.26/2.26";

  @Parameters(index = "0", description = "the farm directory (see examples/)") Path farmDir;

  @Option(names = "--before", description = "the farm as it is now: print the cells the change to FARM_DIR moves")
  Path before;

  @Option(names = "--fail-on-move", description = "with --before: exit 1 if any cell moved (a CI gate)")
  boolean failOnMove;

  @CommandLine.Mixin Main.RunOptions options = new Main.RunOptions();

  /** This check's own report directory, once it has started. */
  private ReportRun run;

  @Override
  public Integer call() {
    long started = System.currentTimeMillis();
    System.setProperty("dispatchcheck.run.started", String.valueOf(started));
    Progress progress = new Progress(started);
    FarmLayout layout;
    Optional<FarmLayout> old;
    try {
      layout = FarmLayout.read(farmDir);
      old = Optional.ofNullable(before).map(FarmLayout::read);
    } catch (FarmInputException e) {
      System.err.println("[dispatchcheck] error: " + e.getMessage());
      return Main.INVALID;
    }
    boolean invalid = lint(layout, progress);
    if (old.isPresent()) invalid |= lint(old.get(), progress);
    if (invalid) {
      progress.say("the farm's files are invalid (errors above, each with its file and line): nothing was started");
      return Main.INVALID;
    }
    ScenarioSelection expectations = options.selection(layout.features(), true);
    if (!layout.features().isEmpty() && Main.invalid(ExpectationCheck.problems(expectations, options.projectDir(),
        ExpectationCheck.NOT_FOR_FARMS))) {
      return Main.INVALID;
    }
    Matrix matrix = options.matrix(DEFAULT_MATRIX);
    Path project = options.projectDir();
    boolean allHold = true;
    boolean harnessError = false;
    try (Main.RunScope scope = Main.openRun(progress)) {
      run = ReportRun.open(options.reports(), "check", expectations);
      for (Matrix.Pair pair : matrix.pairs()) {
        Path reportDir = reportDir(pair);
        Main.setPair(pair, reportDir, project);
        Main.prepareImages(pair);
        progress.say("=== %s: Nix %s on the agent host, Nix %s on the builders ===", farmDir, pair.agent().label(),
            pair.builders().label());
        List<DispatchMap.Row> map = map(layout, new RunSettings(), reportDir, progress);
        harnessError |= map.stream().anyMatch(r -> r.answer() instanceof CellAnswer.HarnessError);
        if (old.isPresent()) {
          List<DispatchMap.Row> was = map(old.get(), new RunSettings(), reportDir.resolve("before"), progress);
          MapDiff diff = MapDiff.of(was, map);
          progress.say("%d of %d cells moved from %s to %s%s", diff.moved().size(), map.size(), before, farmDir,
              indented(diff.moved()));
          if (!diff.unanswered().isEmpty()) {
            progress.say("%d cells have no answer in one map or both, so whether they moved is unknown%s",
                diff.unanswered().size(), indented(diff.unanswered()));
          }
          harnessError |= !diff.unanswered().isEmpty();
          if (failOnMove && !diff.moved().isEmpty()) allHold = false;
        }
        allHold &= expectations(layout, expectations, reportDir, progress, pair);
      }
    }
    Optional<Integer> wedged = Main.engineWedged(progress);
    if (wedged.isPresent()) return wedged.get();
    if (harnessError) {
      progress.say("some cells have no answer (a harness error, above and in map.json): no verdict on them");
      return Main.ENVIRONMENT;
    }
    return allHold ? Main.OK : Main.FAILED;
  }

  private static boolean lint(FarmLayout layout, Progress progress) {
    List<Finding> findings = Lint.check(layout);
    progress.say("lint of %s: %d errors, %d warnings", layout.dir(),
        findings.stream().filter(f -> f.severity() == Severity.ERROR).count(),
        findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
    findings.forEach(f -> System.err.println("  " + layout.dir() + "/" + f));
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  private static List<DispatchMap.Row> map(FarmLayout layout, RunSettings settings, Path reportDir, Progress progress) {
    FarmPlan plan = FarmPlan.of(layout);
    List<String> notes = new ArrayList<>();
    List<FarmPlan.Cell> cells = new ArrayList<>(plan.cells());
    cells.addAll(plan.effectCells());
    progress.say("dispatch map of %s: %d cells (%d of them the agent's effects), %d stand-ins", layout.dir(), cells.size(),
        plan.effectCells().size(), plan.standIns().size());
    System.err.printf("  %-26s %-36s %s%n", "user", "system", "goes to");
    try (Farm farm = StandInFarm.start(layout, plan, settings, notes)) {
      List<DispatchMap.Row> rows = DispatchMap.build(farm, cells, layout.nixSettings(), new Waiter(settings.buildTimeout()),
          r -> System.err.printf("  %-26s %-36s %s%n", r.who(), r.what(), r.where()));
      MapReport.write(reportDir, layout, rows, notes);
      return rows;
    }
  }

  private static String indented(List<String> lines) {
    return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines);
  }

  /** Whether the check got as far as starting hosts (and so has a report). */
  boolean started() {
    return run != null;
  }

  /** Where this check's report of {@code pair} is: reports/runs/RUN/check-FARM/PAIR. */
  Path reportDir(Matrix.Pair pair) {
    return run.dir().resolve("check-" + name(farmDir)).resolve(pair.label());
  }

  private boolean expectations(FarmLayout layout, ScenarioSelection selection, Path reportDir, Progress progress,
      Matrix.Pair pair) {
    if (layout.features().isEmpty()) {
      progress.say("no expectations (*.feature) in %s: the map above is the answer", layout.dir());
      return true;
    }
    System.setProperty("dispatchcheck.farm", layout.dir().toAbsolutePath().toString());
    List<ScenarioResult> results = new ScenarioRun(selection, reportDir).run(progress, pair.shortLabel());
    Summary.writeResults(reportDir, new Summary.PairResults(run.info(), pair.label(), null, results));
    progress.say("expectations of %s: %s; report: %s", layout.dir(), Summary.line(results), reportDir.resolve("cucumber.html"));
    return !results.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
  }

  private static String name(Path dir) {
    return dir.toAbsolutePath().normalize().getFileName().toString();
  }

}
