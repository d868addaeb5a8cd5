package dev.dispatchcheck.cli;

import dev.dispatchcheck.cli.ShownReports.Shown;
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
 * {@code @version-differs} row states what each Nix version does.
 */
final class CompatibilityPage {
  private static final Comparator<ScenarioResult> BY_PLACE =
      Comparator.comparing(ScenarioResult::feature).thenComparingInt(ScenarioResult::line);

  private CompatibilityPage() {}

  static void write(Path reports) {
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

  /** @param versions what each Nix version does, by "file:line" (see {@link VersionTables}) */
  static String render(Map<String, Shown> byPair, Map<String, String> versions) {
    Map<String, Map<String, Cell>> rows = new TreeMap<>();
    Map<String, ScenarioResult> first = new HashMap<>();
    byPair.forEach((pair, shown) -> shown.reports().forEach(report -> report.results().scenarios().forEach(r -> {
      String place = r.feature() + ":" + r.line();
      rows.computeIfAbsent(place, k -> new TreeMap<>()).put(pair, new Cell(r, report.dir()));
      first.putIfAbsent(place, r);
    })));
    List<String> pairs = new ArrayList<>(byPair.keySet());
    StringBuilder h = new StringBuilder(head());
    pairs.forEach(p -> h.append("<th>").append(Html.escape(p.replace("agent-nix-", "").replace("--builders-nix-", " / ")))
        .append("<br>").append(runNote(byPair.get(p))).append("</th>"));
    h.append("<th>across pairs</th></tr></thead><tbody>\n");
    rows.keySet().stream().map(first::get).sorted(BY_PLACE).forEach(any -> {
      String place = any.feature() + ":" + any.line();
      Map<String, Cell> cells = rows.get(place);
      boolean differs = cells.values().stream().map(c -> c.result().status()).distinct().count() > 1
          || cells.size() < pairs.size();
      String byVersion = versions.get(place);
      h.append("<tr").append(differs || byVersion != null ? " class=\"differs\"" : "").append("><td>")
          .append(Html.escape(place)).append("</td><td>").append(Html.escape(any.name()));
      if (byVersion != null) h.append("<div class=\"versions\">").append(Html.escape(byVersion)).append("</div>");
      h.append("</td>");
      pairs.forEach(p -> h.append(cell(cells.get(p))));
      h.append("<td>").append(differs ? "outcome differs" : byVersion != null ? "Nix differs (by version, left)" : "same")
          .append("</td></tr>\n");
    });
    return h.append("</tbody></table>\n</body></html>\n").toString();
  }

  private record Cell(ScenarioResult result, String reportDir) {}

  private static String head() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>dispatchcheck: scenarios by Nix pair</title><style>"
        + "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:.3em .6em;font-size:90%;vertical-align:top}"
        + ".passed{background:#dfd}.failed{background:#fdd}.absent{color:#999}.differs{font-weight:bold}"
        + ".run{font-weight:normal;font-size:85%}.partial{color:#a00;font-weight:bold}"
        + ".versions{font-weight:normal;font-size:85%;color:#444}"
        + "</style></head><body>\n<h1>Scenarios by Nix pair</h1>\n"
        + "<p>Each column is a pair of Nix versions (agent host / builders), from that pair's latest complete run"
        + " (every scenario, or every shard of a sharded run); a pair with no complete run shows its latest run,"
        + " marked PARTIAL. Each cell links to the scenario's evidence. Bold rows end differently on different pairs,"
        + " or state per Nix version what Nix does there.</p>\n"
        + "<table id=\"matrix\"><thead><tr><th>feature:line</th><th>scenario</th>";
  }

  /** "complete: test, 2026-12-01 08:53 UTC" or "PARTIAL: conformance --name '…', 2026-12-01 09:02 UTC". */
  static String runNote(Shown shown) {
    ReportRun.RunInfo run = shown.reports().get(0).results().run();
    String when = shown.latestStart().replace("T", " ").replaceFirst(":\\d\\dZ$", " UTC");
    String shards = shown.reports().size() > 1 ? ", " + shown.reports().size() + " shards" : "";
    if (shown.complete()) {
      return "<span class=\"run\">complete: " + Html.escape(run.command()) + shards + ", " + Html.escape(when) + "</span>";
    }
    List<String> filters = new ArrayList<>();
    if (run.name() != null) filters.add("--name '" + run.name() + "'");
    if (run.tags() != null) filters.add("--tags '" + run.tags() + "'");
    if (run.shard() != null) filters.add("--shard " + run.shard());
    return "<span class=\"run partial\">PARTIAL: " + Html.escape(run.command() + " " + String.join(" ", filters)) + ", "
        + Html.escape(when) + "; no complete run</span>";
  }

  private static String cell(Cell c) {
    if (c == null) return "<td class=\"absent\">not run</td>";
    ScenarioResult r = c.result();
    return "<td class=\"" + (r.passed() ? "passed" : "failed") + "\" title=\"" + Html.escape(r.message()) + "\"><a href=\""
        + Html.escape(c.reportDir() + "/evidence/" + EvidenceNames.slug(r.feature(), r.name(), r.line()))
        + "/dispatch-table.txt\">" + Html.escape(r.status()) + "</a></td>";
  }
}
