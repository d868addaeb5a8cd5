package dev.dispatchcheck.dispatch.evidence;

import java.util.List;

/** A scenario's dispatch table for the report: who built what, where, and on what evidence. */
public final class DispatchTable {
  private DispatchTable() {}

  /** One build: who started it, what it built (system and features), and its record. */
  public record Row(String user, String what, DispatchRecord record) {}

  public static String render(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format("%-3s %-18s %-30s %-28s %s%n",
        "#", "user", "system", "builder", "outcome"));
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      DispatchRecord r = row.record();
      sb.append(String.format("%-3d %-18s %-30s %-28s %s%n", i + 1, row.user(), row.what(),
          r.builder().orElse("(" + r.placement().name().toLowerCase() + ")"), r.summary()));
      sb.append("    derivation: ").append(r.derivation().orElse("-")).append('\n');
      r.evidence().forEach(e -> sb.append("    ").append(e).append('\n'));
    }
    return sb.toString();
  }
}
