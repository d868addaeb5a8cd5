package dev.dispatchcheck.bench;

import dev.dispatchcheck.run.PhaseClock.Phase;
import dev.dispatchcheck.run.PhaseClock.Total;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the reference scenario's own time went over its repeats, a run on average: the
 * phases of its steps and the rest, each in seconds and against the floor. The pair's
 * table ({@link PhaseTable}) says where a suite's time goes; this says what keeps one
 * scenario on fresh hosts from the floor's half, and what warm hosts save of it.
 */
final class ReferenceSplit {
  private final Map<Phase, Double> seconds = new EnumMap<>(Phase.class);
  private double total;
  private int runs;

  /** Adds one run: its scenario time and each phase's time during it. */
  void add(double scenarioSeconds, Map<Phase, Total> phases) {
    if (Double.isNaN(scenarioSeconds)) return;
    runs++;
    total += scenarioSeconds;
    phases.forEach((p, t) -> {
      if (!p.background) seconds.merge(p, t.seconds(), Double::sum);
    });
  }

  /** One line: {@code label}, then each phase that took time and the rest, a run on average. */
  String line(String label, double floorSeconds) {
    if (runs == 0) return "  " + label + ": no run gave a time";
    List<String> parts = new ArrayList<>();
    double named = 0;
    for (Phase p : Phase.values()) {
      double s = seconds.getOrDefault(p, 0.0) / runs;
      named += s;
      if (s >= 0.005) parts.add(part(p.label.replaceFirst(" \\(.*", ""), s, floorSeconds));
    }
    parts.add(part("the rest", Math.max(0, total / runs - named), floorSeconds));
    return String.format(Locale.ROOT, "  %s, a run on average (s, × floor): %s", label, String.join("; ", parts));
  }

  private static String part(String what, double s, double floorSeconds) {
    return floorSeconds > 0 ? String.format(Locale.ROOT, "%s %.2f (%.2f)", what, s, s / floorSeconds)
        : String.format(Locale.ROOT, "%s %.2f", what, s);
  }
}
