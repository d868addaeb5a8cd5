package dev.dispatchcheck.cli;

import dev.dispatchcheck.bench.Bench;
import dev.dispatchcheck.run.Matrix;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: figures, never a pass/fail bound ({@link Bench}). */
@Command(mixinStandardHelpOptions = true, name = "bench", description = "Measure: scenario median and p90, set-up vs builds, wall time, ratio to the shell floor.")
final class BenchCommand implements Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  @Option(names = "--repeat", description = "runs of the reference scenario and of the floor (default ${DEFAULT-VALUE})")
  int repeat = 3;

  @Override
  public Integer call() throws Exception {
    return new Bench(repeat, options.parallel()).run(options.matrix(Matrix.Default.BENCH).pairs().get(0),
        options.projectDir(), options.scenarios(true), options::newRun);
  }
}
