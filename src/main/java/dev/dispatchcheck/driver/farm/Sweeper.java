package dev.dispatchcheck.driver.farm;

import com.github.dockerjava.api.DockerClient;
import dev.dispatchcheck.run.RunSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.testcontainers.DockerClientFactory;

/**
 * Removes containers and networks by their labels: a run's own when it ends or is
 * interrupted, and, before a run starts, those of earlier runs whose process is gone
 * (killed with SIGKILL, say). A run whose process still lives is never touched.
 */
public final class Sweeper {
  private final DockerClient docker;

  public Sweeper() {
    this(DockerClientFactory.instance().client());
  }

  Sweeper(DockerClient docker) {
    this.docker = docker;
  }

  /** The labels every container and network of this run carries. */
  public static Map<String, String> labels(RunSettings settings) {
    return Map.of(RunSettings.RUN_LABEL, settings.runId(),
        RunSettings.PID_LABEL, String.valueOf(ProcessHandle.current().pid()));
  }

  /** Removes what {@code runId} left; returns how many containers and networks went. */
  public int sweepRun(String runId) {
    return sweep(labels -> runId.equals(labels.get(RunSettings.RUN_LABEL)));
  }

  /** Removes what runs whose process has ended left behind. */
  public int sweepDeadRuns() {
    return sweep(labels -> labels.containsKey(RunSettings.RUN_LABEL) && !alive(labels.get(RunSettings.PID_LABEL)));
  }

  /** Removes everything any run left ({@code ./dispatchcheck clean}). */
  public int sweepAll() {
    return sweep(labels -> labels.containsKey(RunSettings.RUN_LABEL));
  }

  private int sweep(Predicate<Map<String, String>> which) {
    int n = 0;
    for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RunSettings.RUN_LABEL)).exec()) {
      if (which.test(c.getLabels())) {
        try {
          docker.removeContainerCmd(c.getId()).withForce(true).exec();
          n++;
        } catch (RuntimeException gone) {
          // removed meanwhile by its own farm
        }
      }
    }
    for (var net : docker.listNetworksCmd().exec()) {
      Map<String, String> labels = Optional.ofNullable(net.getLabels()).orElse(Map.of());
      if (labels.containsKey(RunSettings.RUN_LABEL) && which.test(labels)) {
        try {
          docker.removeNetworkCmd(net.getId()).exec();
          n++;
        } catch (RuntimeException gone) {
          // removed meanwhile, or still in use by a container being removed
        }
      }
    }
    return n;
  }

  /** A run without a pid label is old and dead; one with a pid lives while that process does. */
  private static boolean alive(String pid) {
    if (pid == null) return false;
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
