package dev.dispatchcheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.map.DispatchMap;
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
 * {@code goesTo} and as a {@code kind} for programs, with its evidence), and the map as a
 * grid ({@link MapGrid}) in {@code map.html} and {@code map.md}, the Markdown a CI job's
 * summary takes as it is (moved cells first, when compared with the map before a change).
 */
public final class MapReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MapReport() {}

  /** map.json, and the grid of this map on its own. */
  public static void write(Path dir, FarmLayout layout, String nix, List<DispatchMap.Row> rows, List<String> notes) {
    try {
      Files.createDirectories(dir);
      JSON.writeValue(dir.resolve("map.json").toFile(),
          Map.of("farm", layout.dir().toString(), "cells", cells(rows), "notes", notes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeGrid(dir, MapGrid.of(layout.dir().toString(), nix, rows, notes));
  }

  /** map.html and map.md of {@code grid} (map.json is left as it is). */
  public static void writeGrid(Path dir, MapGrid grid) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("map.html"), html(grid));
      Files.writeString(dir.resolve("map.md"), markdown(grid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The grid as a page. */
  static String html(MapGrid grid) {
    return Templates.html("map", grid);
  }

  /**
   * The grid as GitHub Markdown, e.g. for a CI job's summary; every value escaped ({@code |}
   * included). Compared with the map before a change, the moved cells come first.
   */
  static String markdown(MapGrid grid) {
    return Templates.markdown("map", grid);
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
      c.put("evidence", r.evidence());
      cells.add(c);
    }
    return cells;
  }
}
