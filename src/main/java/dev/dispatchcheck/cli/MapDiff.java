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
 * @param moved "hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com"
 * @param unanswered "hercules-ci-agent aarch64-linux: before: HARNESS ERROR: …; after: aarch64-linux-1.example.com"
 */
record MapDiff(List<String> moved, List<String> unanswered) {
  static final String NO_SUCH_CELL = "(no such cell)";

  static MapDiff of(List<DispatchMap.Row> before, List<DispatchMap.Row> after) {
    Map<String, CellAnswer> was = byCell(before);
    Map<String, CellAnswer> now = byCell(after);
    Set<String> cells = new LinkedHashSet<>(now.keySet());
    cells.addAll(was.keySet());
    List<String> moved = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    for (String cell : cells) {
      CellAnswer w = was.get(cell), n = now.get(cell);
      if (w instanceof CellAnswer.HarnessError || n instanceof CellAnswer.HarnessError) {
        unanswered.add(cell + ": before: " + text(w) + "; after: " + text(n));
      } else if (w == null || !w.equals(n)) {
        moved.add(cell + ": " + text(w) + " → " + text(n));
      }
    }
    return new MapDiff(moved, unanswered);
  }

  private static Map<String, CellAnswer> byCell(List<DispatchMap.Row> rows) {
    Map<String, CellAnswer> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.key(), r.answer()));
    return out;
  }

  private static String text(CellAnswer a) {
    return a == null ? NO_SUCH_CELL : a.text();
  }
}
