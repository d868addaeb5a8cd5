package dev.dispatchcheck.report;

import dev.dispatchcheck.dispatch.Printable;
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
 * moved and each unanswered cell with its answer before and after, as words and kind),
 * {@code moves.md} (the same as Markdown, for a job summary or a log) and {@code moves.xml}
 * (JUnit XML, a test case for every cell, for CI's test widgets).
 *
 * <p>The three say the same: a cell without an answer is an error (the check exits 3); a
 * moved cell, under the gate ({@code --fail-on-move}), is a failure (the check exits 1);
 * without the gate it passes, its move said in its output and in moves.md, since the job
 * passes too and a widget showing failures would contradict it.
 */
public final class MovesReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MovesReport() {}

  static final String JUNIT = "moves.xml";

  public static void write(Path dir, Path before, Path after, String pair, int cells, MapDiff diff, boolean gate) {
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
      Files.writeString(dir.resolve("moves.md"), markdown(pair, cells, diff, gate));
      Files.writeString(dir.resolve(JUNIT), junit(pair, diff, gate));
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

  /** "#### Nix 2.26/2.26: 2 of 9 cells moved", without the gate a line saying they are only reported, then one code span a cell. */
  static String markdown(String pair, int cells, MapDiff diff, boolean gate) {
    StringBuilder md = new StringBuilder("#### Nix ").append(pair).append(": ");
    int moved = diff.movedCells().size();
    md.append(moved == 0 ? "no cell moved (of " + cells + ")" : moved + " of " + cells + (cells == 1 ? " cell" : " cells") + " moved")
        .append("\n\n");
    if (moved > 0 && !gate) md.append(REPORTED_ONLY).append("\n\n");
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

  static final String REPORTED_ONLY = "Reported only: the gate (--fail-on-move) is off, so a move fails nothing.";

  /** moves.xml: a test case for every cell of either map, in the suite "moves, Nix PAIR". */
  static String junit(String pair, MapDiff diff, boolean gate) {
    String suite = "moves, Nix " + pair;
    List<JUnitXml.Case> cases = diff.cells().stream().map(c -> switch (c.change()) {
      case UNANSWERED -> new JUnitXml.Case(suite, c.key(), JUnitXml.Outcome.ERROR, "no answer",
          "no answer, so whether it moved is unknown: " + c.answers(), "");
      case MOVED -> gate
          ? new JUnitXml.Case(suite, c.key(), JUnitXml.Outcome.FAILED, "moved", "moved: " + c.move(), "")
          : JUnitXml.Case.passed(suite, c.key(), "moved: " + c.move() + " (" + REPORTED_ONLY + ")");
      case SAME -> JUnitXml.Case.passed(suite, c.key(), "not moved: " + MapDiff.text(c.after()));
    }).toList();
    return JUnitXml.suite(suite, cases);
  }

  /** A CommonMark code span of one line, fenced with more backticks than it holds in a row. */
  static String code(String text) {
    // A job's summary is printed to its log too: made safe as every console line is.
    String line = Printable.forLog(text.replaceAll("\\s*\\R\\s*", " "));
    int longest = 0;
    for (var m = java.util.regex.Pattern.compile("`+").matcher(line); m.find(); ) longest = Math.max(longest, m.group().length());
    String fence = "`".repeat(longest + 1);
    String pad = longest > 0 || line.startsWith(" ") || line.endsWith(" ") ? " " : "";
    return fence + pad + line + pad + fence;
  }
}
