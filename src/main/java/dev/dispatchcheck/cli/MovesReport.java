package dev.dispatchcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code --before} found, as files beside map.json, for CI: {@code moves.json} (each
 * moved and each unanswered cell with its answer before and after, as words and kind) and
 * {@code moves.md} (the same as Markdown, for a job summary or a log).
 */
final class MovesReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MovesReport() {}

  static void write(Path dir, Path before, Path after, String pair, int cells, MapDiff diff) {
    try {
      Files.createDirectories(dir);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("before", before.toString());
      json.put("after", after.toString());
      json.put("pair", pair);
      json.put("cells", cells);
      json.put("moved", entries(diff.movedCells(), MapDiff.Cell::moveLine));
      json.put("unanswered", entries(diff.unansweredCells(), MapDiff.Cell::unansweredLine));
      JSON.writeValue(dir.resolve("moves.json").toFile(), json);
      Files.writeString(dir.resolve("moves.md"), markdown(pair, cells, diff));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> entries(List<MapDiff.Cell> cells, Function<MapDiff.Cell, String> line) {
    return cells.stream().map(c -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("cell", c.key());
      e.put("before", answer(c.before()));
      e.put("after", answer(c.after()));
      e.put("line", line.apply(c));
      return e;
    }).toList();
  }

  /** {goesTo, kind}, or null where that map has no such cell. */
  private static Map<String, String> answer(CellAnswer a) {
    if (a == null) return null;
    Map<String, String> out = new LinkedHashMap<>();
    out.put("goesTo", a.text());
    out.put("kind", a.kind());
    return out;
  }

  /** "#### Nix 2.26/2.26: 2 of 9 cells moved", then one code span a cell. */
  static String markdown(String pair, int cells, MapDiff diff) {
    StringBuilder md = new StringBuilder("#### Nix ").append(pair).append(": ");
    int moved = diff.movedCells().size();
    md.append(moved == 0 ? "no cell moved (of " + cells + ")" : moved + " of " + cells + (cells == 1 ? " cell" : " cells") + " moved")
        .append("\n\n");
    diff.moved().forEach(l -> md.append("- ").append(code(l)).append('\n'));
    if (moved > 0) md.append('\n');
    int unanswered = diff.unansweredCells().size();
    if (unanswered > 0) {
      md.append(unanswered).append(unanswered == 1 ? " cell has" : " cells have")
          .append(" no answer in one map or both (a harness error), so whether it moved is unknown:\n\n");
      diff.unanswered().forEach(l -> md.append("- ").append(code(l)).append('\n'));
      md.append('\n');
    }
    return md.toString();
  }

  /** A CommonMark code span of one line, fenced with more backticks than it holds in a row. */
  static String code(String text) {
    String line = text.replaceAll("\\s*\\R\\s*", " ");
    int longest = 0;
    for (var m = java.util.regex.Pattern.compile("`+").matcher(line); m.find(); ) longest = Math.max(longest, m.group().length());
    String fence = "`".repeat(longest + 1);
    String pad = longest > 0 || line.startsWith(" ") || line.endsWith(" ") ? " " : "";
    return fence + pad + line + pad + fence;
  }
}
