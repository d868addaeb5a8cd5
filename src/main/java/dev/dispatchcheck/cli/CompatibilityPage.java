package dev.dispatchcheck.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.dispatchcheck.run.EvidenceNames;

/**
 * {@code reports/index.html}: scenarios as rows, Nix pairs as columns, each cell passed or
 * not and linked to that pair's report; a row whose outcome differs between pairs is
 * marked. Built from every pair's results.json present, so shards' reports combine.
 */
final class CompatibilityPage {
  private CompatibilityPage() {}

  static void write(Path reports) {
    try {
      Files.createDirectories(reports);
      Files.writeString(reports.resolve("index.html"), render(read(reports)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, List<ScenarioResult>> read(Path reports) throws IOException {
    Map<String, List<ScenarioResult>> byPair = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(reports)) {
      for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("results.json")) && p.getFileName().toString()
          .startsWith("agent-nix-")).sorted().toList()) {
        // Shards of one pair are one column; each result keeps its own directory for links.
        String pair = d.getFileName().toString().replaceFirst("--shard-\\d+-of-\\d+$", "");
        Summary.readResults(d).forEach(r -> byPair.computeIfAbsent(pair, k -> new ArrayList<>())
            .add(r.withReportDir(d.getFileName().toString())));
      }
    }
    return byPair;
  }

  static String render(Map<String, List<ScenarioResult>> byPair) {
    Map<String, Map<String, ScenarioResult>> rows = new LinkedHashMap<>();
    byPair.forEach((pair, results) -> results.forEach(r ->
        rows.computeIfAbsent(r.feature() + "|" + r.name(), k -> new TreeMap<>()).put(pair, r)));
    List<String> pairs = new ArrayList<>(byPair.keySet());
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>dispatchcheck: scenarios by Nix pair</title><style>"
        + "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:.3em .6em;font-size:90%}"
        + ".passed{background:#dfd}.failed{background:#fdd}.absent{color:#999}.differs{font-weight:bold}"
        + "</style></head><body>\n<h1>Scenarios by Nix pair</h1>\n"
        + "<p>Each column is a pair of Nix versions (agent host / builders); each cell links to the scenario's pair report. "
        + "Bold rows end differently on different pairs, or state per Nix version what Nix does there.</p>\n"
        + "<table id=\"matrix\"><thead><tr><th>feature</th><th>scenario</th>");
    pairs.forEach(p -> h.append("<th>").append(Html.escape(p.replace("agent-nix-", "").replace("--builders-nix-", " / "))).append("</th>"));
    h.append("<th>across pairs</th></tr></thead><tbody>\n");
    rows.forEach((key, cells) -> {
      boolean differs = cells.values().stream().map(ScenarioResult::status).distinct().count() > 1
          || cells.size() < pairs.size();
      ScenarioResult any = cells.values().iterator().next();
      // A scenario with a per-version table passes everywhere while Nix behaves differently.
      boolean byVersion = any.tags() != null && any.tags().contains("version-differs");
      h.append("<tr").append(differs || byVersion ? " class=\"differs\"" : "").append("><td>").append(Html.escape(any.feature()))
          .append("</td><td>").append(Html.escape(any.name())).append("</td>");
      for (String p : pairs) {
        ScenarioResult r = cells.get(p);
        if (r == null) {
          h.append("<td class=\"absent\">not run</td>");
        } else {
          h.append("<td class=\"").append(r.passed() ? "passed" : "failed").append("\" title=\"")
              .append(Html.escape(r.message())).append("\"><a href=\"").append(Html.escape(r.reportDir() == null ? p : r.reportDir())).append("/evidence/")
              .append(Html.escape(EvidenceNames.slug(r.feature(), r.name(), r.line()))).append("/dispatch-table.txt\">")
              .append(Html.escape(r.status())).append("</a></td>");
        }
      }
      h.append("<td>").append(differs ? "outcome differs" : byVersion ? "Nix differs: see the scenario's table" : "same")
          .append("</td></tr>\n");
    });
    return h.append("</tbody></table>\n</body></html>\n").toString();
  }

}
