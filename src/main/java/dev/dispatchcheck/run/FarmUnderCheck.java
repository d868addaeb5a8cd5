package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.layout.FarmDeployment;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.FarmStandIns;

/**
 * The operator's farm that {@code check} names: its files, read and linted once, its plan,
 * made once, and what the stand-ins get of it: its hooks and ssh commands neutralised,
 * unless the operator said {@code --run-farm-commands}, its caches left out, and what it
 * lacks (its secrets) to stand in for.
 */
public record FarmUnderCheck(FarmLayout layout, FarmPlan plan, FarmDeployment deployment, FarmStandIns standIns) {
  public static FarmUnderCheck of(FarmLayout layout, FarmLimits limits, boolean runFarmCommands) {
    FarmStandIns standIns = FarmStandIns.of(layout, limits);
    return new FarmUnderCheck(layout, FarmPlan.of(layout, limits),
        FarmDeployment.of(standIns.deployed(layout), limits, runFarmCommands), standIns);
  }
}
