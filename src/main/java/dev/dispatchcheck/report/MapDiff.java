package dev.dispatchcheck.report;

import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --before} found: every cell of either map with its answer before and after,
 * among them the cells whose answer changed and the cells either map could not answer. A
 * harness error on either side is no answer, so such a cell is never a move: the check
 * cannot reach a verdict on it.
 *
 * @param cells each cell of either map, the new map's order first, then the cells only the old map has
 */
public record MapDiff(List<Cell> cells) {
  static final String NO_SUCH_CELL = "(no such cell)";

  /** What became of one cell between two maps. */
  public enum Change {
    SAME, MOVED,
    /** A harness error in either map: no answer to compare. */
    UNANSWERED
  }

  /** The one rule for a cell, {@code null} where a map has no such cell (a cell that comes or goes is a move). */
  static Change change(CellAnswer was, CellAnswer now) {
    if (was instanceof CellAnswer.HarnessError || now instanceof CellAnswer.HarnessError) return Change.UNANSWERED;
    return was == null || !was.equals(now) ? Change.MOVED : Change.SAME;
  }

  /**
   * One cell of both maps; an answer is null where that map has no such cell.
   *
   * @param key who built what, "hercules-ci-agent aarch64-linux" ({@link DispatchMap.Row#key})
   */
  public record Cell(String key, CellAnswer before, CellAnswer after) {
    Change change() {
      return MapDiff.change(before, after);
    }

    /** "aarch64-linux-0.example.com → aarch64-linux-1.example.com" */
    String move() {
      return text(before) + " → " + text(after);
    }

    /** "hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com" */
    String moveLine() {
      return key + ": " + move();
    }

    /** "before: HARNESS ERROR: …; after: aarch64-linux-1.example.com" */
    String answers() {
      return "before: " + text(before) + "; after: " + text(after);
    }

    /** "hercules-ci-agent aarch64-linux: before: HARNESS ERROR: …; after: aarch64-linux-1.example.com" */
    String unansweredLine() {
      return key + ": " + answers();
    }
  }

  public static MapDiff of(List<DispatchMap.Row> before, List<DispatchMap.Row> after) {
    Map<String, CellAnswer> was = byCell(before);
    Map<String, CellAnswer> now = byCell(after);
    Set<String> keys = new LinkedHashSet<>(now.keySet());
    keys.addAll(was.keySet());
    List<Cell> cells = new ArrayList<>();
    for (String key : keys) cells.add(new Cell(key, was.get(key), now.get(key)));
    return new MapDiff(List.copyOf(cells));
  }

  /** The cells whose answer changed, each with its answer before and after. */
  List<Cell> movedCells() {
    return cells(Change.MOVED);
  }

  /** The cells that either map could not answer. */
  List<Cell> unansweredCells() {
    return cells(Change.UNANSWERED);
  }

  /** The moved cells as the console prints them. */
  public List<String> moved() {
    return movedCells().stream().map(Cell::moveLine).toList();
  }

  /** The unanswered cells as the console prints them. */
  public List<String> unanswered() {
    return unansweredCells().stream().map(Cell::unansweredLine).toList();
  }

  private List<Cell> cells(Change change) {
    return cells.stream().filter(c -> c.change() == change).toList();
  }

  private static Map<String, CellAnswer> byCell(List<DispatchMap.Row> rows) {
    Map<String, CellAnswer> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.key(), r.answer()));
    return out;
  }

  static String text(CellAnswer a) {
    return a == null ? NO_SUCH_CELL : a.text();
  }
}
