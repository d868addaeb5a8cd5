package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.layout.FarmDeployment;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.FarmStandIns;
import java.util.Optional;

/**
 * The operator's farm that {@code check} names: its files, read and linted once, its plan,
 * made once, and what the stand-ins get of it: its hooks and ssh commands neutralised,
 * unless the operator said {@code --run-farm-commands}, its caches left out, and what it
 * lacks (its secrets) to stand in for; or, for {@code live}, the live agent host it runs
 * on ({@link #live()}).
 */
public record FarmUnderCheck(FarmLayout layout, FarmPlan plan, FarmDeployment deployment, FarmStandIns standIns,
    Optional<LiveTarget> live) {
  public FarmUnderCheck(FarmLayout layout, FarmPlan plan, FarmDeployment deployment, FarmStandIns standIns) {
    this(layout, plan, deployment, standIns, Optional.empty());
  }

  /** The same farm, checked on its live agent host ({@code live}) instead of stand-ins. */
  public FarmUnderCheck onLiveHost(LiveTarget target) {
    return new FarmUnderCheck(layout, plan, deployment, standIns, Optional.of(target));
  }

  public static FarmUnderCheck of(FarmLayout layout, FarmLimits limits, boolean runFarmCommands) {
    FarmStandIns standIns = FarmStandIns.of(layout, limits);
    return new FarmUnderCheck(layout, FarmPlan.of(layout, limits),
        FarmDeployment.of(standIns.deployed(layout), limits, runFarmCommands), standIns);
  }
}
