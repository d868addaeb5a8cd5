package dev.dispatchcheck.check;

import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.driver.farm.LiveFarm;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.report.ReportRun;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.FarmUnderCheck;
import dev.dispatchcheck.run.LiveTarget;
import dev.dispatchcheck.run.NixVersion;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.suite.ExpectationCheck;
import dev.dispatchcheck.suite.ScenarioSelection;
import dev.dispatchcheck.dispatch.layout.Drift;
import dev.dispatchcheck.dispatch.layout.HarnessHosts;
import dev.dispatchcheck.run.Matrix;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code live AGENT FARM_DIR}: the farm's expectations, and with {@code --map} its dispatch
 * map, proven on the live agent host over SSH instead of stand-ins, with the same verdicts,
 * reports and exit codes as {@link FarmCheck}. Read-only: the farm is linted, and a step
 * that would write or start anything on the hosts is refused (exit 2, its file and line),
 * before the host is reached; on it, only salted probe builds and reads run.
 */
public final class LiveCheck {
  /**
   * What to check.
   *
   * @param map draw the dispatch map too (every user and system cell; the effects' cells are not probed live)
   * @param compare the map of the farm's stand-ins beside the live map, and the live files beside the farm's (drift)
   */
  public record Request(LiveTarget target, Path farmDir, boolean map, boolean compare, FarmLimits limits) {}

  private final Request request;
  private final Function<List<Path>, ScenarioSelection> selection;
  private final Path projectDir;
  /** The stand-ins' Nix pair for --compare when the live host's version is not one the harness has. */
  private final Supplier<Matrix> matrix;

  public LiveCheck(Request request, Function<List<Path>, ScenarioSelection> selection, Path projectDir,
      Supplier<Matrix> matrix) {
    this.request = request;
    this.selection = selection;
    this.projectDir = projectDir;
    this.matrix = matrix;
  }

  public int call(RunContext context) {
    Progress progress = context.progress();
    Optional<FarmLayout> layout = FarmLint.read(request.farmDir());
    if (layout.isEmpty()) return ExitCode.INVALID;
    if (FarmLint.lint(layout.get(), request.limits(), progress)) {
      progress.say("the farm's files are invalid (errors above, each with its file and line): the live host was not reached");
      return ExitCode.INVALID;
    }
    ScenarioSelection expectations = selection.apply(layout.get().features());
    if (FarmLint.invalidExpectations(expectations, projectDir, request.limits())
        || (!expectations.features().isEmpty()
            && ExpectationCheck.invalid(ExpectationCheck.liveProblems(expectations, projectDir)))) {
      progress.say("the farm's expectations cannot run live (above, each with its file and line): the live host was not"
          + " reached");
      return ExitCode.INVALID;
    }
    FarmUnderCheck standIns = FarmUnderCheck.of(layout.get(), request.limits(), false);
    FarmUnderCheck farm = standIns.onLiveHost(request.target());
    Map<String, Optional<String>> files = new LinkedHashMap<>();
    NixVersion nix = nixOf(request.target(), context.projectDir(), request.compare() ? files : null);
    String shown = request.target().shown();
    ReportRun run = expectations.reportRun(context.reportsRoot(), "live");
    Path reportDir = run.dir().resolve("live-" + FarmCheck.name(request.farmDir())).resolve("live-" + request.target().host());
    RunSettings settings = new RunSettings(context, nix, nix, reportDir, Optional.of(farm));
    String title = "live: " + shown + ", Nix " + nix.label() + " on the agent host";
    progress.say("=== %s: %s ===", request.farmDir(), title);
    boolean harnessError = false;
    int compared = ExitCode.OK;
    if (request.map() || request.compare()) {
      FarmPlan plan = farm.plan();
      progress.say("dispatch map of %s on %s: %d cells (%d of them the agent's effects, each through a proxy daemon of"
          + " the agent's, started for its build and stopped after it)", layout.get().dir(), shown, plan.allCells().size(),
          plan.effectCells().size());
      FarmCheck.Mapped mapped = FarmCheck.map(farm, plan.allCells(), title, settings, reportDir,
          notes -> LiveFarm.connect(farm, request.target(), settings, notes));
      harnessError = mapped.rows().stream().anyMatch(r -> r.answer() instanceof CellAnswer.HarnessError);
      if (request.compare()) {
        compared = LiveCompare.compare(standIns, mapped, files, standInPair(nix), title, settings, progress);
      }
    }
    int verdicts = ExitCode.combine(compared, FarmCheck.expectations(layout.get(), expectations, settings, progress, run,
        "live " + shown, "live", 1));
    if (harnessError) {
      progress.say("some cells have no answer (a harness error, above and in map.json): no verdict on them");
      return ExitCode.combine(verdicts, ExitCode.ENVIRONMENT);
    }
    return verdicts;
  }

  /**
   * The live host's Nix version, asked once before anything runs (a host without the agent,
   * sudo or Nix ends the check here, exit 3): a version the harness knows by its label (2.26
   * for 2.26.3), so that the expectations' per-version rows apply; else as the host says it.
   * For --compare, the files drift is judged on are read in the same connection, into {@code files} (else null).
   */
  private static NixVersion nixOf(LiveTarget target, Path projectDir, Map<String, Optional<String>> files) {
    try (NixHost host = NixHost.live(HarnessHosts.AGENT, target)) {
      if (files != null) Drift.FILES.forEach(f -> files.put(f, host.readFile(f)));
      NixVersion asked = host.version();
      try {
        return NixVersion.of(asked.label(), projectDir);
      } catch (IllegalArgumentException unknown) {
        return asked;
      }
    }
  }

  /** The stand-ins' pair: the live host's Nix on both roles where the harness has it, else the matrix's first pair. */
  private Matrix.Pair standInPair(NixVersion live) {
    return live.debianSuite().equals("live") ? matrix.get().pairs().get(0) : new Matrix.Pair(live, live);
  }
}
