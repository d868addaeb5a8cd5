package dev.dispatchcheck.driver.farm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import dev.dispatchcheck.driver.ContainerLimits;
import dev.dispatchcheck.driver.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.dispatchcheck.run.PhaseClock;
import java.util.function.Consumer;

/**
 * A run's sign of life on the engine, readable by runs in other PID namespaces and on other
 * machines: a small container of the run (no network, a sleeping process) holding a file
 * that the run touches every {@link #RENEW}. Another run reads the file's age with the
 * engine's own clock, so clocks of different machines never meet. While it lives, the run
 * also removes, every {@link #SWEEP}, what dead runs left on the engine, so that a shared
 * engine is cleared within the lease ({@link RunLiveness#lease}) plus that, not only at the next start.
 * Renewing is also the run's watchdog: a renewal past its deadline marks the engine wedged.
 */
public final class RunLease implements AutoCloseable {
  public static final String LEASE_LABEL = "dispatchcheck.lease";
  private static final String FILE = "/dispatchcheck-lease";
  static final Duration RENEW = Duration.ofSeconds(10);
  static final Duration SWEEP = Duration.ofSeconds(60);

  private final DockerClient docker;
  private final String containerId;
  /** Renewals have a thread of their own: a sweep of other runs, however slow, never delays them. */
  private final ScheduledExecutorService renewals = daemonTimer("run-lease-renewal");
  private final ScheduledExecutorService sweeps = daemonTimer("run-lease-sweep");

  private RunLease(DockerClient docker, String containerId) {
    this.docker = docker;
    this.containerId = containerId;
  }

  /**
   * Takes the lease for the run whose labels are {@code labels}, in a container of
   * {@code image}, and keeps it until {@link #close()}; meanwhile sweeps dead runs,
   * telling {@code say} what went.
   */
  static RunLease take(DockerClient docker, String image, Map<String, String> labels, Sweeper sweeper,
      Consumer<String> say, PhaseClock phases) {
    Map<String, String> all = new HashMap<>(labels);
    all.put(LEASE_LABEL, "true");
    String id = Engine.lifecycle("create the run's lease container", () -> {
      String c = docker.createContainerCmd(image).withLabels(all)
          .withCmd("sh", "-c", "touch " + FILE + " && exec sleep infinity")
          .withHostConfig(hostConfig()).exec().getId();
      docker.startContainerCmd(c).exec();
      return c;
    });
    RunLease lease = new RunLease(docker, id);
    lease.renewals.scheduleWithFixedDelay(() -> phases.time(PhaseClock.Phase.LEASE, lease::renew), RENEW.toMillis(), RENEW.toMillis(), TimeUnit.MILLISECONDS);
    lease.sweeps.scheduleWithFixedDelay(() -> phases.time(PhaseClock.Phase.LEASE, () -> quietly(() -> {
      int n = sweeper.sweepDeadRuns(labels.get(Sweeper.RUN_LABEL), say);
      if (n > 0) say.accept("removed " + n + " containers and networks that ended runs left behind");
    })), SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    return lease;
  }

  /** No network, and small limits: the lease only sleeps, and a run touches its file now and then. */
  static HostConfig hostConfig() {
    return ContainerLimits.lease(HostConfig.newHostConfig().withNetworkMode("none"));
  }

  private void renew() {
    quietly(() -> Engine.ask("renew the run's lease", () -> exec(docker, containerId, "touch", FILE)));
  }

  /** How long ago the lease in {@code containerId} was renewed, by the engine host's clock; empty if it cannot be read. */
  static Optional<Duration> age(DockerClient docker, String containerId) {
    try {
      String s = Engine.ask("read a run's lease", () -> exec(docker, containerId, "sh", "-c",
          "echo $(( $(date +%s) - $(stat -c %Y " + FILE + ") ))")).strip();
      return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static String exec(DockerClient docker, String containerId, String... cmd) {
    String execId = docker.execCreateCmd(containerId).withAttachStdout(true).withAttachStderr(true).withCmd(cmd)
        .exec().getId();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          if (frame.getStreamType() == StreamType.STDOUT) out.writeBytes(frame.getPayload());
        }
      }).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    if (code == null || code != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + code);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A timer task that throws would never run again: a missed renewal or sweep is retried at the next tick. */
  private static void quietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException retriedNextTime) {
      // a wedged engine is recorded by the guard; anything else is retried
    }
  }

  /** Stops renewing; the lease container goes with the run's other containers. */
  @Override
  public void close() {
    renewals.shutdownNow();
    sweeps.shutdownNow();
  }

  private static ScheduledExecutorService daemonTimer(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
