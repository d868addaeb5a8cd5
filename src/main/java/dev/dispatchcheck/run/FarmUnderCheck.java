package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.layout.FarmDeployment;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.FarmPlan;

/**
 * The operator's farm that {@code check} names: its files, read and linted once, its plan,
 * made once, and what the stand-ins get of it: its hooks and ssh commands neutralised,
 * unless the operator said {@code --run-farm-commands}.
 */
public record FarmUnderCheck(FarmLayout layout, FarmPlan plan, FarmDeployment deployment) {
  public static FarmUnderCheck of(FarmLayout layout, FarmLimits limits, boolean runFarmCommands) {
    return new FarmUnderCheck(layout, FarmPlan.of(layout, limits), FarmDeployment.of(layout, limits, runFarmCommands));
  }
}
