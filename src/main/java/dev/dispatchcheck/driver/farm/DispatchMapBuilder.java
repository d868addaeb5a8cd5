package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.config.NixSettings;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.map.DispatchMap.Row;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.driver.probe.BuildRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where each build goes: for every cell of a farm's plan (user, system, features), a
 * salted probe built on the agent host as that user, and its cross-checked record. A cell
 * the plan does not stand in for is answered as such, without a probe. The rows are the
 * model's ({@link dev.dispatchcheck.dispatch.map.DispatchMap}); this is what builds them.
 */
public final class DispatchMapBuilder {
  private DispatchMapBuilder() {}

  public static List<Row> build(Farm farm, List<FarmPlan.Cell> cells, Waiter waiter, Consumer<Row> onRow) {
    return build(farm, cells, NixSettings.none(), waiter, onRow);
  }

  /** The same, the agent's effects getting {@code nixSettings} as the agent's proxy does. */
  public static List<Row> build(Farm farm, List<FarmPlan.Cell> cells, NixSettings nixSettings, Waiter waiter,
      Consumer<Row> onRow) {
    List<Row> rows = new ArrayList<>();
    for (FarmPlan.Cell c : cells) {
      Row row = c.unsimulated()
          .map(scheme -> new Row(c.user(), c.system(), c.features(), new CellAnswer.NotStoodIn(scheme), Optional.empty(),
              c.effect()))
          .orElseGet(() -> probe(farm, c, nixSettings, waiter));
      rows.add(row);
      onRow.accept(row);
    }
    return rows;
  }

  /** A run that broke (a wait that timed out, a log stream that ended) is this cell's harness error, not the map's end. */
  private static Row probe(Farm farm, FarmPlan.Cell c, NixSettings nixSettings, Waiter waiter) {
    try {
      Probe probe = Probe.salted(c.system()).requiring(Set.copyOf(c.features()));
      BuildRun run = c.effect()
          ? farm.effectBuild(EffectPath.of(nixSettings.asMap(), Optional.empty()), probe)
          : BuildRun.start(farm.agent().host(), c.user(), probe, farm.settings().progress());
      run.awaitCompletion(waiter, farm::diagnostics);
      DispatchRecord r = farm.investigate(run);
      return new Row(c.user(), c.system(), c.features(), CellAnswer.of(r), Optional.of(r), c.effect());
    } catch (HarnessError e) {
      return new Row(c.user(), c.system(), c.features(), CellAnswer.of(e), Optional.empty(), c.effect());
    } catch (RuntimeException broke) {
      // A command that stalled or a channel that ended: the harness broke on this cell, which
      // says nothing of where the build went.
      HarnessError e = new HarnessError("the harness broke while probing this cell: " + broke.getMessage(), broke);
      return new Row(c.user(), c.system(), c.features(), CellAnswer.of(e), Optional.empty(), c.effect());
    }
  }
}
