package dev.dispatchcheck.report;

import dev.dispatchcheck.report.ShownReports.Shown;
import dev.dispatchcheck.run.EvidenceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code reports/index.html}: scenarios (by feature file and line) as rows, Nix pairs as
 * columns, each cell passed or not and linked to the scenario's evidence in the report
 * {@link ShownReports} chose for the pair; each column says which run that is and when it
 * ran, and a partial one says so. A row whose outcome differs between pairs is marked; a
 * {@code @version-differs} row states what each Nix version does. The page is
 * {@code templates/compatibility.html.mustache} over {@link Page}.
 */
public final class CompatibilityPage {
  private static final Comparator<ScenarioResult> BY_PLACE =
      Comparator.comparing(ScenarioResult::feature).thenComparingInt(ScenarioResult::line);

  private CompatibilityPage() {}

  public static void write(Path reports) {
    Map<String, Shown> shown = ShownReports.read(reports);
    Map<String, String> versions = new HashMap<>();
    shown.values().forEach(s -> s.reports().forEach(r ->
        versions.putAll(VersionTables.read(reports.resolve(r.dir()).resolve("cucumber.ndjson")))));
    try {
      Files.createDirectories(reports);
      Files.writeString(reports.resolve("index.html"), render(shown, versions));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's view: a column per pair, a row per scenario; {@code templates/compatibility.html.mustache} renders it. */
  public record Page(List<PairColumn> pairs, List<Row> rows) {}

  /** @param note which run the column is, and when (see {@link #runNote}) */
  public record PairColumn(String label, String note, boolean partial) {}

  /** @param byVersion what each Nix version does, or {@code null} */
  public record Row(String place, String name, String byVersion, boolean marked, List<CellView> cells, String across) {}

  /** One scenario on one pair; {@code status} {@code null} where the pair did not run it. */
  public record CellView(String status, boolean passed, String message, String href) {
    boolean absent() {
      return status == null;
    }

    String outcome() {
      return passed ? "passed" : "failed";
    }
  }

  /** @param versions what each Nix version does, by "file:line" (see {@link VersionTables}) */
  public static String render(Map<String, Shown> byPair, Map<String, String> versions) {
    return Templates.html("compatibility", page(byPair, versions));
  }

  static Page page(Map<String, Shown> byPair, Map<String, String> versions) {
    Map<String, Map<String, Cell>> rows = new TreeMap<>();
    Map<String, ScenarioResult> first = new HashMap<>();
    byPair.forEach((pair, shown) -> shown.reports().forEach(report -> report.results().scenarios().forEach(r -> {
      String place = r.feature() + ":" + r.line();
      rows.computeIfAbsent(place, k -> new TreeMap<>()).put(pair, new Cell(r, report.dir()));
      first.putIfAbsent(place, r);
    })));
    List<String> pairs = new ArrayList<>(byPair.keySet());
    List<PairColumn> columns = pairs.stream().map(p -> new PairColumn(p.replace("agent-nix-", "").replace("--builders-nix-", " / "),
        runNote(byPair.get(p)), !byPair.get(p).complete())).toList();
    List<Row> out = rows.keySet().stream().map(first::get).sorted(BY_PLACE).map(any -> {
      String place = any.feature() + ":" + any.line();
      Map<String, Cell> cells = rows.get(place);
      boolean differs = cells.values().stream().map(c -> c.result().status()).distinct().count() > 1
          || cells.size() < pairs.size();
      String byVersion = versions.get(place);
      return new Row(place, any.name(), byVersion, differs || byVersion != null,
          pairs.stream().map(p -> cell(cells.get(p))).toList(),
          differs ? "outcome differs" : byVersion != null ? "Nix differs (by version, left)" : "same");
    }).toList();
    return new Page(columns, out);
  }

  private record Cell(ScenarioResult result, String reportDir) {}

  /** "complete: test, 2026-12-01 08:53 UTC" or "PARTIAL: conformance --name '…', 2026-12-01 09:02 UTC; no complete run". */
  static String runNote(Shown shown) {
    ReportRun.RunInfo run = shown.reports().get(0).results().run();
    String when = shown.latestStart().replace("T", " ").replaceFirst(":\\d\\dZ$", " UTC");
    String shards = shown.reports().size() > 1 ? ", " + shown.reports().size() + " shards" : "";
    if (shown.complete()) return "complete: " + run.command() + shards + ", " + when;
    List<String> filters = new ArrayList<>();
    if (run.name() != null) filters.add("--name '" + run.name() + "'");
    if (run.tags() != null) filters.add("--tags '" + run.tags() + "'");
    if (run.shard() != null) filters.add("--shard " + run.shard());
    return "PARTIAL: " + run.command() + " " + String.join(" ", filters) + ", " + when + "; no complete run";
  }

  private static CellView cell(Cell c) {
    if (c == null) return new CellView(null, false, "", "");
    ScenarioResult r = c.result();
    return new CellView(r.status(), r.passed(), r.message(),
        c.reportDir() + "/evidence/" + EvidenceNames.slug(r.feature(), r.name(), r.line()) + "/dispatch-table.txt");
  }

}
