package dev.dispatchcheck.bench;

import dev.dispatchcheck.run.PhaseClock.Phase;
import dev.dispatchcheck.run.PhaseClock.Total;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a pair's wall time went, as a table: each phase's total, its share of the scenario
 * slots' time ({@code wall × parallel}), per scenario, and against the shell floor measured
 * in the same run (machines are noisy; a ratio to the floor travels between them). Work
 * beside the scenarios (the hand-over resets, the lease) and the engine's queue (counted
 * inside the phases it interrupted) are shown apart, never in the shares' sum.
 *
 * @param phases each phase's total over the pair's run
 * @param engineQueueSeconds time spent waiting for a turn at container and network operations
 * @param scenarioSeconds the scenarios' durations, summed
 * @param scenarios how many scenarios ran
 * @param wallSeconds the pair's wall time
 * @param parallel scenarios at once
 * @param floorSeconds the shell floor's median in the same run
 */
public record PhaseTable(Map<Phase, Total> phases, double engineQueueSeconds, double scenarioSeconds, int scenarios,
    double wallSeconds, int parallel, double floorSeconds) {

  public List<String> lines() {
    double slots = wallSeconds * parallel;
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "  %-62s %9s %7s %9s %8s", "where the time went", "total s", "share",
        "per scen.", "× floor"));
    double named = 0;
    for (Phase p : Phase.values()) {
      if (p.background) continue;
      named += phases.get(p).seconds();
      out.add(row(p.label, phases.get(p).seconds(), slots));
    }
    out.add(row("the rest of the steps (commands, assertions, teardown)", Math.max(0, scenarioSeconds - named), slots));
    out.add(row("idle between scenarios", Math.max(0, slots - scenarioSeconds), slots));
    out.add(row("in all (wall × " + parallel + " at once)", slots, slots));
    out.add("  beside the scenarios, not in the shares:");
    for (Phase p : Phase.values()) {
      if (p.background) out.add(row(p.label, phases.get(p).seconds(), Double.NaN));
    }
    out.add(row("waiting for the engine's turn (inside the phases above)", engineQueueSeconds, Double.NaN));
    return out;
  }

  private String row(String label, double seconds, double slots) {
    String share = Double.isNaN(slots) ? "" : String.format(Locale.ROOT, "%.0f%%", slots > 0 ? 100 * seconds / slots : 0);
    double perScenario = scenarios > 0 ? seconds / scenarios : 0;
    String ratio = floorSeconds > 0 ? String.format(Locale.ROOT, "%.2f", perScenario / floorSeconds) : "n/a";
    return String.format(Locale.ROOT, "  %-62s %9.1f %7s %9.2f %8s", label, seconds, share, perScenario, ratio);
  }
}
