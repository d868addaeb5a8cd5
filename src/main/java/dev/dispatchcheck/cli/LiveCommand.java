package dev.dispatchcheck.cli;

import dev.dispatchcheck.check.LiveCheck;
import dev.dispatchcheck.run.LiveTarget;
import dev.dispatchcheck.run.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code live AGENT FARM_DIR}: the farm's expectations proven on its live agent host ({@link LiveCheck}). */
@Command(mixinStandardHelpOptions = true, name = "live", description = "After rollout: run a farm's expectations (and,"
    + " with --map, its dispatch map) on the live agent host over SSH; read-only: only probe builds and reads.")
final class LiveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "AGENT", description = "the live agent host, ssh://[user@]host[:port]; the user"
      + " is root or may run 'sudo -n'")
  String agent;

  @Parameters(index = "1", paramLabel = "FARM_DIR", description = "the farm directory whose expectations hold there")
  Path farmDir;

  @Option(names = "--identity", paramLabel = "FILE", description = "the private key to log in with (default: the"
      + " ssh-agent's keys only; no default key file is read)")
  Path identity;

  @Option(names = "--known-hosts", paramLabel = "FILE", defaultValue = "${sys:user.home}/.ssh/known_hosts",
      description = "the known_hosts file the host's key must be in (default: ${DEFAULT-VALUE}); never added to")
  Path knownHosts;

  @Option(names = "--map", description = "draw the dispatch map too: every user x system cell, built on the live host")
  boolean map;

  @Option(names = "--compare", description = "draw the map on the farm's stand-ins too (Docker), beside the live map"
      + " cell by cell, and set the live host's nix.conf, machines file and the agent's dotfiles beside the farm's"
      + " (drift); a cell that differs is exit 1")
  boolean compare;

  @Mixin RunOptions options = new RunOptions();

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Override
  public Integer call() {
    if (!Files.isRegularFile(knownHosts)) {
      throw new IllegalArgumentException("--known-hosts " + knownHosts + ": no such file (live accepts only a host key"
          + " already known; add the host's key there first)");
    }
    if (identity != null && !Files.isRegularFile(identity)) {
      throw new IllegalArgumentException("--identity " + identity + ": no such file");
    }
    LiveTarget target = LiveTarget.parse(agent, Optional.ofNullable(identity), knownHosts);
    return new LiveCheck(new LiveCheck.Request(target, farmDir, map, compare, limitOptions.limits()),
        features -> options.selection(features, true), options.projectDir(), () -> options.matrix(Matrix.Default.CHECK))
        .call(options.newRun());
  }
}
