package dev.dispatchcheck.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which run directories under {@code reports/runs/} a new run removes. Kept are the
 * {@link #KEEP_NEWEST} newest, every run that holds a report the compatibility page shows
 * (so {@code reports/index.html} never links to a removed run), the run being opened, and
 * every run written to within {@link #QUIET}. Only directories named as {@link ReportRun}
 * names them are considered: anything else under {@code runs/} is not ours to remove.
 */
final class RunRetention {
  /**
   * The newest runs kept whatever they hold: enough to look back over a day's work (a full
   * test run, then the filtered runs of fixing what it found, each beside the one before),
   * few enough that reports/ stops growing without bound.
   */
  static final int KEEP_NEWEST = 20;
  /**
   * A run written to within this long stays: a concurrent run (another terminal, a CI job
   * on the same checkout) may still be writing its directory, however many runs started
   * since.
   */
  static final Duration QUIET = Duration.ofHours(1);
  static final Pattern RUN_NAME = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{6}");

  private RunRetention() {}

  /**
   * The names of {@code runs} to remove, oldest last.
   *
   * @param shown the runs that hold a report the compatibility page shows
   * @param opening the run being opened
   * @param lastWritten when a run's directory was last written to (asked only of runs beyond the newest)
   */
  static List<String> toRemove(List<String> runs, Set<String> shown, String opening,
      Function<String, Instant> lastWritten, Instant now) {
    // The name begins with the run's UTC start, so by name is by start.
    return runs.stream().filter(n -> RUN_NAME.matcher(n).matches()).sorted(Comparator.reverseOrder())
        .skip(KEEP_NEWEST)
        .filter(n -> !shown.contains(n) && !n.equals(opening))
        .filter(n -> lastWritten.apply(n).isBefore(now.minus(QUIET)))
        .toList();
  }
}
