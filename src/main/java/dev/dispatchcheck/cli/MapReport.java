package dev.dispatchcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.driver.farm.DispatchMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A farm's dispatch map as files: {@code map.json} (each cell's answer as words in
 * {@code goesTo} and as a {@code kind} for programs, with its evidence) and {@code map.html}.
 */
final class MapReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MapReport() {}

  static void write(Path dir, FarmLayout layout, List<DispatchMap.Row> rows, List<String> notes) {
    try {
      Files.createDirectories(dir);
      JSON.writeValue(dir.resolve("map.json").toFile(),
          Map.of("farm", layout.dir().toString(), "cells", cells(rows), "notes", notes));
      Files.writeString(dir.resolve("map.html"), html(layout, rows, notes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> cells(List<DispatchMap.Row> rows) {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (DispatchMap.Row r : rows) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("user", r.user());
      c.put("path", r.path());
      c.put("system", r.system());
      c.put("features", r.features());
      c.put("goesTo", r.where());
      c.put("kind", r.answer().kind());
      c.put("summary", r.record().map(DispatchRecord::summary).orElse("not built"));
      c.put("evidence", evidence(r));
      cells.add(c);
    }
    return cells;
  }

  private static List<String> evidence(DispatchMap.Row r) {
    return r.record().map(d -> d.evidence().stream().map(Object::toString).toList()).orElse(List.of());
  }

  private static String html(FarmLayout layout, List<DispatchMap.Row> rows, List<String> notes) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dispatchcheck: "
        + "dispatch map of " + Html.escape(layout.dir().toString()) + "</title></head><body><h1>Where each build goes</h1>"
        + "<table id=\"map\" border=\"1\"><tr><th>user</th><th>system</th><th>goes to</th><th>evidence</th></tr>");
    rows.forEach(r -> html.append("<tr><td>").append(Html.escape(r.user())).append("</td><td>").append(Html.escape(r.what()))
        .append("</td><td>").append(Html.escape(r.where())).append("</td><td>")
        .append(Html.escape(String.join("; ", evidence(r)))).append("</td></tr>"));
    html.append("</table><h2>What the harness assumed or overrode</h2><ul>");
    notes.forEach(n -> html.append("<li>").append(Html.escape(n)).append("</li>"));
    return html.append("</ul><p><a href=\"cucumber.html\">The farm's expectations</a></p></body></html>\n").toString();
  }
}
