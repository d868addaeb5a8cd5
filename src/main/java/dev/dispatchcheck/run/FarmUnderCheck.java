package dev.dispatchcheck.run;

import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmPlan;

/** The operator's farm that {@code check} names: its files, read and linted once, and its plan, made once. */
public record FarmUnderCheck(FarmLayout layout, FarmPlan plan) {
  public static FarmUnderCheck of(FarmLayout layout) {
    return new FarmUnderCheck(layout, FarmPlan.of(layout));
  }
}
