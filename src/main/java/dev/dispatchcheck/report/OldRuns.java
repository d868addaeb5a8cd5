package dev.dispatchcheck.report;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.DirectoryTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The run directories under {@code reports/runs/} that {@link RunRetention} lets go,
 * removed when a run opens its own: without it every run's report stays for good.
 * Housekeeping never stops a run: what cannot be read or removed stays, and the console
 * says so.
 */
final class OldRuns {
  private OldRuns() {}

  /** Removes what {@link #toRemove} names, saying on the console how many (when any). */
  static void prune(Path reports, String opening) {
    Path runs = reports.resolve(ReportRun.RUNS);
    int removed = 0;
    try {
      for (String name : toRemove(reports, opening, Instant.now())) {
        DirectoryTrees.delete(runs.resolve(name));
        removed++;
      }
    } catch (IOException | RuntimeException e) {
      Console.errf("[dispatchcheck] could not remove old run directories under %s: %s", runs, e);
    }
    if (removed > 0) {
      Console.errf("[dispatchcheck] removed %d old run directories from %s (kept: the newest %d, those"
          + " reports/index.html shows, those written to in the last hour)", removed, runs, RunRetention.KEEP_NEWEST);
    }
  }

  /** The runs under {@code reports/runs/} that {@link RunRetention} removes when {@code opening} opens at {@code now}. */
  static List<String> toRemove(Path reports, String opening, Instant now) throws IOException {
    Path runs = reports.resolve(ReportRun.RUNS);
    if (!Files.isDirectory(runs)) return List.of();
    List<String> names;
    try (Stream<Path> entries = Files.list(runs)) {
      names = entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString()).toList();
    }
    return RunRetention.toRemove(names, shown(reports), opening, name -> lastWritten(runs.resolve(name)), now);
  }

  /** The runs holding a report the compatibility page shows: ShownReports' choice for each pair. */
  private static Set<String> shown(Path reports) {
    // A report's dir is runs/<run>/<pair>.
    return ShownReports.read(reports).values().stream().flatMap(s -> s.reports().stream())
        .map(r -> Path.of(r.dir()).getName(1).toString()).collect(Collectors.toSet());
  }

  /** When the run was last written to; one that cannot be read counts as written now, so it stays. */
  private static Instant lastWritten(Path run) {
    try {
      return DirectoryTrees.lastWritten(run);
    } catch (IOException e) {
      return Instant.MAX;
    }
  }
}
