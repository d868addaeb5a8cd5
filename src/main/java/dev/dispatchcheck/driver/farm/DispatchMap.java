package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.Outcome;
import dev.dispatchcheck.dispatch.evidence.Placement;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.verdict.DispatchAssertions;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.driver.build.BuildRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where each build goes: for every cell of a farm's plan (user, system, features), a
 * salted probe built on the agent host as that user, and its cross-checked record.
 */
public final class DispatchMap {
  private DispatchMap() {}

  /** One answered cell; {@code where} is a builder's host name, "built locally", or why it failed. */
  public record Row(String user, String system, List<String> features, String where, DispatchRecord record) {
    public String what() {
      return features.isEmpty() ? system : system + " requiring " + String.join(", ", features);
    }

    /** A cell's identity across two farms: who built what. */
    public String key() {
      return user + " " + what();
    }
  }

  public static List<Row> build(Farm farm, List<FarmPlan.Cell> cells, Waiter waiter, Consumer<Row> onRow) {
    List<Row> rows = new ArrayList<>();
    for (FarmPlan.Cell c : cells) {
      Probe probe = Probe.salted(c.system()).requiring(Set.copyOf(c.features()));
      BuildRun run = BuildRun.start(farm.agent().host(), c.user(), probe, farm.settings().progress());
      run.awaitCompletion(waiter, farm::diagnostics);
      DispatchRecord r = farm.investigate(run);
      Row row = new Row(c.user(), c.system(), c.features(), consistent(r) ? where(r) : HARNESS_ERROR, r);
      rows.add(row);
      onRow.accept(row);
    }
    return rows;
  }

  /** A cell whose evidence sources disagree: no answer, and never a move. */
  public static final String HARNESS_ERROR = "HARNESS ERROR: the evidence sources disagree (see map.json)";

  private static boolean consistent(DispatchRecord r) {
    try {
      DispatchAssertions.assertThat(r).hasConsistentEvidence();
      return true;
    } catch (HarnessError e) {
      return false;
    }
  }

  static String where(DispatchRecord r) {
    if (r.outcome() == Outcome.FAILED) {
      return "fails: " + r.error().map(e -> e.meaning()).orElse("unrecognised error (see its log)");
    }
    return r.placement() == Placement.REMOTE ? r.builder().orElse("?").toLowerCase()
        : r.placement() == Placement.LOCAL ? "built locally" : "nothing built";
  }
}
