package dev.dispatchcheck.cli;

import dev.dispatchcheck.dispatch.layout.FarmLimits;
import picocli.CommandLine.Option;

/**
 * The stated limits ({@link FarmLimits}) as options of {@code check} and {@code lint}: a
 * farm larger than a limit is invalid input until its operator raises that limit. A value
 * below a limit's minimum is invalid input too (exit 2), named with its option.
 */
public final class LimitOptions {
  @Option(names = "--max-builders", paramLabel = "N", description = "stand-in builders one map may start (default: ${DEFAULT-VALUE})")
  int builders = FarmLimits.DEFAULT.builders();

  @Option(names = "--max-cells", paramLabel = "N", description = "cells of one dispatch map, effects included (default: ${DEFAULT-VALUE})")
  int cells = FarmLimits.DEFAULT.cells();

  @Option(names = "--max-scenarios", paramLabel = "N", description = "expectation scenarios, an outline's examples each counted"
      + " (default: ${DEFAULT-VALUE})")
  int scenarios = FarmLimits.DEFAULT.scenarios();

  @Option(names = "--max-builds-per-step", paramLabel = "N", description = "probe builds one expectation step may ask for"
      + " (default: ${DEFAULT-VALUE})")
  int buildsPerStep = FarmLimits.DEFAULT.buildsPerStep();

  @Option(names = "--max-concurrent-builds", paramLabel = "N", description = "probe builds one step may run at the same time"
      + " (default: ${DEFAULT-VALUE})")
  int concurrentBuilds = FarmLimits.DEFAULT.concurrentBuilds();

  @Option(names = "--max-line-length", paramLabel = "N", description = "characters in one line of a farm's file, at least 80"
      + " (default: ${DEFAULT-VALUE})")
  int lineLength = FarmLimits.DEFAULT.lineLength();

  @Option(names = "--max-include-depth", paramLabel = "N", description = "how deep include and @file chains may nest"
      + " (default: ${DEFAULT-VALUE})")
  int includeDepth = FarmLimits.DEFAULT.includeDepth();

  /** The limits given; an IllegalArgumentException (invalid input, exit 2) naming the first option below its minimum. */
  public FarmLimits limits() {
    atLeast("--max-builders", builders, 1);
    atLeast("--max-cells", cells, 1);
    atLeast("--max-scenarios", scenarios, 1);
    atLeast("--max-builds-per-step", buildsPerStep, 1);
    atLeast("--max-concurrent-builds", concurrentBuilds, 1);
    atLeast("--max-line-length", lineLength, 80);
    atLeast("--max-include-depth", includeDepth, 1);
    return new FarmLimits(builders, cells, scenarios, buildsPerStep, concurrentBuilds, lineLength, includeDepth);
  }

  private static void atLeast(String option, int value, int minimum) {
    if (value < minimum) throw new IllegalArgumentException(option + " " + value + ": the limit must be at least " + minimum);
  }
}
