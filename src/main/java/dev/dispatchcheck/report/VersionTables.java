package dev.dispatchcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * What each Nix version does, in a few words, for the scenarios tagged
 * {@code @version-differs}: their steps carry a table whose first column is {@code Nix}
 * ("the agent's build, by the agent host's Nix version: | Nix | outcome |"). Read from a
 * report's cucumber.ndjson, keyed as the compatibility page keys its rows, "file:line".
 */
public final class VersionTables {
  static final String TAG = "@version-differs";
  /** Characters enough to tell the versions apart at a glance; the scenario's table has the rest. */
  static final int MAX_WORDS = 60;

  private VersionTables() {}

  static Map<String, String> read(Path ndjson) {
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(ndjson)) return out;
    Map<String, JsonNode> located = new HashMap<>();
    List<JsonNode> pickles = new ArrayList<>();
    CucumberMessages.forEach(ndjson, CucumberMessages.ofKind("gherkinDocument", "pickle"), e -> {
      if (e.has("gherkinDocument")) CucumberMessages.index(e.get("gherkinDocument"), n -> n.has("location"), located);
      if (e.has("pickle")) pickles.add(e.get("pickle"));
    });
    for (JsonNode pickle : pickles) {
      if (StreamSupport.stream(pickle.path("tags").spliterator(), false).noneMatch(t -> t.path("name").asText().equals(TAG))) {
        continue;
      }
      // An outline's example is at its row: the last node it came from.
      JsonNode ast = pickle.path("astNodeIds");
      JsonNode source = located.get(ast.path(ast.size() - 1).asText());
      List<String> tables = new ArrayList<>();
      pickle.path("steps").forEach(step -> {
        JsonNode rows = step.path("argument").path("dataTable").path("rows");
        if (cell(rows.path(0), 0).equals("Nix")) tables.add(summary(rows));
      });
      if (source != null && !tables.isEmpty()) {
        out.put(CucumberMessages.file(pickle).getFileName() + ":" + source.path("location").path("line").asInt(),
            String.join(" / ", tables));
      }
    }
    return out;
  }

  /** "outcome: 2.8 failed saying …; 2.26 went to aarch64-linux-0": the second column, by version. */
  static String summary(JsonNode rows) {
    List<String> byVersion = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) byVersion.add(cell(rows.get(i), 0) + " " + shorten(cell(rows.get(i), 1)));
    return cell(rows.path(0), 1) + ": " + String.join("; ", byVersion);
  }

  private static String cell(JsonNode row, int column) {
    return row.path("cells").path(column).path("value").asText();
  }

  /** Cut at a word, so that no word is left half. */
  private static String shorten(String s) {
    if (s.length() <= MAX_WORDS) return s;
    int space = s.lastIndexOf(' ', MAX_WORDS);
    return s.substring(0, space > 0 ? space : MAX_WORDS) + " …";
  }
}
