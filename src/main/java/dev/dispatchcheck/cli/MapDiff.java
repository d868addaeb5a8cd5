package dev.dispatchcheck.cli;

import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.driver.farm.DispatchMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --before} found: the cells whose answer changed between the two maps, and the
 * cells either map could not answer. A harness error on either side is no answer, so such a
 * cell is never a move: the check cannot reach a verdict on it.
 *
 * @param movedCells each moved cell with its answer before and after
 * @param unansweredCells each cell that either map could not answer
 */
record MapDiff(List<Cell> movedCells, List<Cell> unansweredCells) {
  static final String NO_SUCH_CELL = "(no such cell)";

  /** What became of one cell between two maps. */
  enum Change {
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
  record Cell(String key, CellAnswer before, CellAnswer after) {
    /** "hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com" */
    String moveLine() {
      return key + ": " + text(before) + " → " + text(after);
    }

    /** "hercules-ci-agent aarch64-linux: before: HARNESS ERROR: …; after: aarch64-linux-1.example.com" */
    String unansweredLine() {
      return key + ": before: " + text(before) + "; after: " + text(after);
    }
  }

  static MapDiff of(List<DispatchMap.Row> before, List<DispatchMap.Row> after) {
    Map<String, CellAnswer> was = byCell(before);
    Map<String, CellAnswer> now = byCell(after);
    Set<String> cells = new LinkedHashSet<>(now.keySet());
    cells.addAll(was.keySet());
    List<Cell> moved = new ArrayList<>();
    List<Cell> unanswered = new ArrayList<>();
    for (String cell : cells) {
      CellAnswer w = was.get(cell), n = now.get(cell);
      switch (change(w, n)) {
        case UNANSWERED -> unanswered.add(new Cell(cell, w, n));
        case MOVED -> moved.add(new Cell(cell, w, n));
        case SAME -> { }
      }
    }
    return new MapDiff(List.copyOf(moved), List.copyOf(unanswered));
  }

  /** The moved cells as the console prints them. */
  List<String> moved() {
    return movedCells.stream().map(Cell::moveLine).toList();
  }

  /** The unanswered cells as the console prints them. */
  List<String> unanswered() {
    return unansweredCells.stream().map(Cell::unansweredLine).toList();
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
