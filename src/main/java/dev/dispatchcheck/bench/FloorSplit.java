package dev.dispatchcheck.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the floor's own time went over its runs, a run on average, from the marks
 * {@code bench/floor.sh} prints as each of its parts ends ("mark PART EPOCH"). Printed
 * beside {@link ReferenceSplit}, so that the two are compared part by part: both start the
 * same engine's containers and run the same Nix's builds, and a ratio of totals hides
 * which part of the floor drifted.
 */
final class FloorSplit {
  private static final Pattern MARK = Pattern.compile("mark (\\S+) (\\d+[.,]\\d+)");
  /** What each part of floor.sh does, by the name its mark gives the part's end. */
  private static final Map<String, String> PARTS = Map.of(
      "hosts", "starting hosts", "wiring", "root's SSH and nix.conf", "example", "the guide's example",
      "builds", "builds and store look-ups", "teardown", "teardown");

  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private int runs;

  /** Adds one run from floor.sh's output; its total is the last line. Returns that total. */
  double add(String output) {
    String[] lines = output.strip().split("\n");
    double total = Double.parseDouble(lines[lines.length - 1].strip());
    Double last = null;
    Map<String, Double> run = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = MARK.matcher(line.strip());
      if (!m.matches()) continue;
      double at = Double.parseDouble(m.group(2).replace(',', '.'));
      if (last != null) run.merge(m.group(1), at - last, Double::sum);
      last = at;
    }
    if (!run.isEmpty()) {
      runs++;
      run.forEach((part, s) -> seconds.merge(part, s, Double::sum));
    }
    return total;
  }

  /** One line: each part, a run on average, in seconds and against {@code floorSeconds}. */
  String line(double floorSeconds) {
    if (runs == 0) return "  the floor's own time: its runs printed no marks";
    List<String> parts = new ArrayList<>();
    seconds.forEach((part, s) -> parts.add(String.format(Locale.ROOT, "%s %.2f (%.2f)", PARTS.getOrDefault(part, part),
        s / runs, floorSeconds > 0 ? s / runs / floorSeconds : Double.NaN)));
    return "  the floor's own time, a run on average (s, × floor): " + String.join("; ", parts);
  }
}
