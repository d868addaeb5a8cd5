package dev.dispatchcheck.cli;

import dev.dispatchcheck.check.StandInServe;
import dev.dispatchcheck.run.Matrix;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stand-in FARM_DIR}: internal, for tests/live-farm.sh: a farm's stand-ins kept up until stdin ends ({@link StandInServe}). */
@Command(name = "stand-in", hidden = true, mixinStandardHelpOptions = true,
    description = "Internal (tests/live-farm.sh): start a farm's stand-ins, authorize a key on its agent host, write"
        + " its address and host key to the ready file, and keep them up until standard input ends.")
final class StandInCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FARM_DIR") Path farmDir;

  @Option(names = "--authorize", required = true, paramLabel = "PUBKEY", description = "the public key file to authorize")
  Path publicKey;

  @Option(names = "--ready", required = true, paramLabel = "FILE",
      description = "written once up: ssh://root@ADDRESS, then a known_hosts line")
  Path ready;

  @Mixin RunOptions options = new RunOptions();

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Override
  public Integer call() {
    return StandInServe.call(farmDir, limitOptions.limits(), options.matrix(Matrix.Default.CHECK).pairs().get(0),
        publicKey, ready, options.newRun(), System.in);
  }
}
