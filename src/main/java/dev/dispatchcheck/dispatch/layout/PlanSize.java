package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.Machine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How large a farm's plan grows, counted machines line by machines line as lint walks
 * them, in {@link FarmPlan}'s order and by its rules, without making the plan: a farm past
 * {@link FarmLimits#builders()} or {@link FarmLimits#cells()} is named at the line that
 * takes it past, before thousands of stand-ins or cells are made. One set of hosts and one
 * of probes: linear in the lines, whatever their number.
 */
final class PlanSize {
  private record Place(String file, int line) {}

  private final FarmLimits limits;
  /** How root's ssh names each builder: two names of one host are one stand-in. */
  private final RootSsh ssh;
  private final Set<String> hosts = new HashSet<>();
  private final Set<List<String>> probes = FarmPlan.firstProbes();
  private Place pastBuilders;
  private Place pastCells;

  PlanSize(FarmLimits limits, RootSsh ssh) {
    this.limits = limits;
    this.ssh = ssh;
  }

  /** A machines line the plan would take, written at {@code file}:{@code line}. */
  void add(Machine m, String file, int line) {
    FarmPlan.standInHost(m, ssh).ifPresent(hosts::add);
    FarmPlan.addProbes(m, probes);
    if (pastBuilders == null && hosts.size() > limits.builders()) pastBuilders = new Place(file, line);
    if (pastCells == null && cells() > limits.cells()) pastCells = new Place(file, line);
  }

  int standIns() {
    return hosts.size();
  }

  long cells() {
    return FarmPlan.cellsOf(probes.size());
  }

  /** An error for each limit the plan passes, at the line that took it past. */
  List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    if (pastBuilders != null) {
      out.add(new Finding(Severity.ERROR, pastBuilders.file(), pastBuilders.line(), "the farm names " + standIns()
          + " stand-in builders (the SSH hosts of its machines lines; this line's is the first past the limit);"
          + " " + FarmLimits.atMost("starts", limits.builders(), "--max-builders", standIns()), ""));
    }
    if (pastCells != null) {
      out.add(new Finding(Severity.ERROR, pastCells.file(), pastCells.line(), "the farm's dispatch map has " + cells()
          + " cells (" + probes.size() + " systems and features to probe, as each of " + FarmUser.ALL.size()
          + " users and by the agent's effects; this line takes it past the limit); "
          + FarmLimits.atMost("maps", limits.cells(), "--max-cells", cells()), ""));
    }
    return out;
  }
}
