package dev.dispatchcheck.report;

import dev.dispatchcheck.run.Shard;

import dev.dispatchcheck.report.Summary.PairResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which report stands for each Nix pair on the compatibility page and in the merged JUnit
 * XML: its latest complete run, that is an unfiltered run of every scenario or, for runs
 * split over machines, an unfiltered shard K/N for every K (the latest of each); failing
 * that, its latest run of any kind, shown as partial. Reports are read from
 * {@code reports/runs/<run>/agent-nix-…/results.json}, gathered from anywhere.
 */
public final class ShownReports {
  private ShownReports() {}

  /** One pair report: its directory relative to reports/, and its results. */
  public record Report(String dir, PairResults results) {
    String started() {
      return results.run().started();
    }
  }

  /** What the page shows for a pair: one report, or one per shard; {@code complete} false when partial. */
  public record Shown(List<Report> reports, boolean complete) {
    String latestStart() {
      return reports.stream().map(Report::started).max(Comparator.naturalOrder()).orElse("");
    }
  }

  /** By pair label (agent-nix-A--builders-nix-B), sorted. */
  static Map<String, Shown> read(Path reports) {
    Map<String, List<Report>> byPair = new TreeMap<>();
    for (Report r : all(reports)) byPair.computeIfAbsent(r.results().pair(), k -> new ArrayList<>()).add(r);
    Map<String, Shown> shown = new TreeMap<>();
    byPair.forEach((pair, list) -> shown.put(pair, choose(list)));
    return shown;
  }

  static Shown choose(List<Report> reports) {
    List<Shown> complete = new ArrayList<>();
    reports.stream().filter(r -> r.results().run().unfiltered() && r.results().shard() == null)
        .forEach(r -> complete.add(new Shown(List.of(r), true)));
    Map<Integer, Map<Integer, Report>> shardsByCount = new HashMap<>();
    for (Report r : reports) {
      if (!r.results().run().unfiltered() || r.results().shard() == null) continue;
      Shard k = Shard.parse(r.results().shard());
      shardsByCount.computeIfAbsent(k.count(), n -> new TreeMap<>())
          .merge(k.index(), r, (a, b) -> a.started().compareTo(b.started()) >= 0 ? a : b);
    }
    shardsByCount.forEach((count, byIndex) -> {
      if (byIndex.size() == count) complete.add(new Shown(List.copyOf(byIndex.values()), true));
    });
    Comparator<Shown> byTime = Comparator.comparing(Shown::latestStart);
    return complete.stream().max(byTime).orElseGet(() ->
        new Shown(List.of(reports.stream().max(Comparator.comparing(Report::started)).orElseThrow()), false));
  }

  private static List<Report> all(Path reports) {
    Path runs = reports.resolve(ReportRun.RUNS);
    if (!Files.isDirectory(runs)) return List.of();
    try (Stream<Path> files = Files.find(runs, 2, (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("agent-nix-"))) {
      List<Report> out = new ArrayList<>();
      for (Path d : files.sorted().toList()) {
        Optional<PairResults> results = Summary.readPair(d).filter(p -> p.run() != null && p.pair() != null);
        results.ifPresent(p -> out.add(new Report(reports.relativize(d).toString(), p)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
