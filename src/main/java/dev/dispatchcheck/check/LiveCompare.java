package dev.dispatchcheck.check;

import dev.dispatchcheck.dispatch.layout.Drift;
import dev.dispatchcheck.driver.farm.StandInFarm;
import dev.dispatchcheck.report.MapDiff;
import dev.dispatchcheck.report.MapGrid;
import dev.dispatchcheck.report.MapReport;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.FarmUnderCheck;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.suite.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code live --compare}: the map of the farm's stand-ins beside the live map, cell by cell,
 * and the live host's files beside the farm's ({@link Drift}). A cell that differs is drift
 * when the files differ (the host runs other files than the repository holds), else a
 * stand-in that is wrong or a difference outside the files compared; the console and
 * {@code map.html} say which. A moved cell is exit 1; a cell either map left unanswered, 3.
 */
final class LiveCompare {
  private LiveCompare() {}

  static int compare(FarmUnderCheck standIns, FarmCheck.Mapped live, Map<String, Optional<String>> files,
      Matrix.Pair pair, String title, RunSettings liveSettings, Progress progress) {
    Path reportDir = liveSettings.reportDir();
    Path standInDir = reportDir.resolve("stand-ins");
    String nix = String.format("stand-ins: Nix %s on the agent host, Nix %s on the builders", pair.agent().label(),
        pair.builders().label());
    progress.say("the stand-ins' map of %s (%s), to compare with the live one", standIns.layout().dir(), nix);
    FarmCheck.Mapped was;
    try (Runs.RunScope scope = Runs.openRun(liveSettings.run())) {
      RunSettings settings = new RunSettings(liveSettings.run(), pair.agent(), pair.builders(), standInDir,
          Optional.of(standIns));
      Runs.prepareImages(settings);
      was = FarmCheck.map(standIns, standIns.plan().allCells(), nix, settings, standInDir,
          notes -> StandInFarm.start(standIns, settings, notes));
    }
    MapDiff diff = MapDiff.of(was.rows(), live.rows());
    List<String> drift = Drift.of(standIns.layout(), files);
    MapReport.writeGrid(reportDir, MapGrid.compared(standIns.layout().dir().toString(), title, live.rows(),
        notes(live.notes(), drift), "its stand-ins (" + nix + ")", was.rows()));
    progress.sayLines(String.format("%d of %d cells differ between the stand-ins of %s and the live host (stand-in →"
        + " live)%s", diff.moved().size(), live.rows().size(), standIns.layout().dir(), diff.moved().isEmpty() ? "" : ":"),
        diff.moved());
    progress.sayLines(drift.isEmpty() ? "no drift: the live host's nix.conf, machines file and the agent's dotfiles"
        + " say what the farm's do" : "drift: the live host runs other files than the farm holds:", drift);
    if (!diff.moved().isEmpty()) {
      progress.say(drift.isEmpty() ? "the files compared agree, so a cell that differs is a stand-in that is wrong, or a"
          + " difference outside them (root's SSH set-up, a builder's own configuration)"
          : "the cells that differ follow from the drift above: the live host runs other files than the repository holds");
    }
    if (!diff.unanswered().isEmpty()) {
      progress.sayLines("cells without an answer in one map or both, so whether they differ is unknown:", diff.unanswered());
      return ExitCode.combine(diff.moved().isEmpty() ? ExitCode.OK : ExitCode.FAILED, ExitCode.ENVIRONMENT);
    }
    return diff.moved().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }

  private static List<String> notes(List<String> notes, List<String> drift) {
    return java.util.stream.Stream.concat(notes.stream(), drift.stream().map(d -> "drift: " + d)).toList();
  }
}
