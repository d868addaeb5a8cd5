package dev.dispatchcheck.dispatch.evidence;

import dev.dispatchcheck.driver.build.BuildRun;

import java.util.List;
import java.util.function.Function;

/** A scenario's dispatch table for the report: who built what, where, and on what evidence. */
public final class DispatchTable {
  private DispatchTable() {}

  public static String render(List<BuildRun> builds, Function<BuildRun, DispatchRecord> investigate) {
    StringBuilder sb = new StringBuilder(String.format("%-3s %-18s %-14s %-16s %s%n",
        "#", "user", "system", "builder", "outcome"));
    for (int i = 0; i < builds.size(); i++) {
      BuildRun b = builds.get(i);
      DispatchRecord r = investigate.apply(b);
      sb.append(String.format("%-3d %-18s %-14s %-16s %s%n", i + 1, b.user(), b.probe().system(),
          r.builder().orElse("(" + r.placement().name().toLowerCase() + ")"), r.summary()));
      sb.append("    derivation: ").append(r.derivation().orElse("-")).append('\n');
      r.evidence().forEach(e -> sb.append("    ").append(e).append('\n'));
    }
    return sb.toString();
  }
}
