package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.run.Settings;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.run.RunSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.dispatchcheck.run.PhaseClock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.testcontainers.DockerClientFactory;

/**
 * Removes containers and networks by their labels: a run's own when it ends or is
 * interrupted, and those of runs that are gone (killed with SIGKILL, say), judged by
 * {@link RunLiveness} from evidence that holds across PID namespaces and machines. A run
 * that may still live is never touched: several runs may share one engine.
 */
public final class Sweeper {
  /** The run a container or network belongs to. */
  public static final String RUN_LABEL = "dispatchcheck.run";
  /** The pid of the run's process in its own PID namespace: for people reading labels; {@link #OWNER_LABEL} decides. */
  public static final String PID_LABEL = "dispatchcheck.pid";
  /** The run's owning process, as {@link RunOwner#label()}. */
  public static final String OWNER_LABEL = "dispatchcheck.owner";
  private static final RunOwner ME = RunOwner.current();

  private final DockerClient docker;
  /** How long another run's unrenewed lease counts it alive. */
  private final Duration lease;

  /** A sweeper that judges other runs by the default lease (enough for removing everything, or a run's own). */
  public Sweeper() {
    this(Settings.DEFAULT_LEASE);
  }

  public Sweeper(Duration lease) {
    this(DockerClientFactory.instance().client(), lease);
  }

  Sweeper(DockerClient docker, Duration lease) {
    this.docker = docker;
    this.lease = lease;
  }

  /** The labels every container and network of this run carries. */
  public static Map<String, String> labels(RunSettings settings) {
    return labels(settings.runId());
  }

  static Map<String, String> labels(String runId) {
    return Map.of(RUN_LABEL, runId, PID_LABEL, String.valueOf(ME.pid()), OWNER_LABEL, ME.label());
  }

  /**
   * Takes the run's lease (see {@link RunLease}) in a container of any image named
   * {@code imagePrefix:…} (the launcher has made the base images the run needs); empty,
   * said, if there is none: runs elsewhere then leave this run alone for {@link RunLiveness#UNLEASED}.
   */
  public Optional<RunLease> lease(String runId, String imagePrefix, Consumer<String> say, PhaseClock phases) {
    Optional<String> image = Engine.ask("list images", () -> docker.listImagesCmd().exec()).stream()
        .flatMap(i -> i.getRepoTags() == null ? java.util.stream.Stream.empty() : java.util.Arrays.stream(i.getRepoTags()))
        .filter(t -> t.startsWith(imagePrefix + ":")).sorted().findFirst();
    if (image.isEmpty()) say.accept("no " + imagePrefix + ":* image for the run's lease: runs in other PID namespaces or on"
        + " other machines will leave this run's hosts alone for " + RunLiveness.UNLEASED.toMinutes() + " min if it is killed");
    return image.map(i -> RunLease.take(docker, i, labels(runId), this, say, phases));
  }

  /** Removes what {@code runId} left; returns how many containers and networks went. */
  public int sweepRun(String runId) {
    return sweep(labels -> runId.equals(labels.get(RUN_LABEL)));
  }

  /** Removes what runs other than {@code ownRunId} left that are judged gone, saying why for each. */
  public int sweepDeadRuns(String ownRunId, Consumer<String> say) {
    Map<String, RunLiveness.Sighting> runs = sightings();
    runs.remove(ownRunId);
    List<String> dead = new ArrayList<>();
    runs.forEach((id, sighting) -> {
      RunLiveness.Judgement j = RunLiveness.judge(ME, sighting, RunLiveness.lease(lease));
      if (!j.alive()) {
        dead.add(id);
        say.accept("run " + id + " is gone (" + j.why() + "): removing what it left");
      }
    });
    return dead.isEmpty() ? 0 : sweep(labels -> dead.contains(labels.get(RUN_LABEL)));
  }

  /** Removes everything any run left ({@code ./dispatchcheck clean}). */
  public int sweepAll() {
    return sweep(labels -> labels.containsKey(RUN_LABEL));
  }

  /** Every run seen on the engine: its owner, its lease's age, and how old its newest object is. */
  private Map<String, RunLiveness.Sighting> sightings() {
    long now = System.currentTimeMillis() / 1000;
    Map<String, Long> youngest = new HashMap<>();
    Map<String, RunOwner> owners = new HashMap<>();
    Map<String, Duration> leases = new HashMap<>();
    for (Container c : containers()) {
      String run = c.getLabels().get(RUN_LABEL);
      youngest.merge(run, Optional.ofNullable(c.getCreated()).orElse(0L), Math::max);
      RunOwner.parse(c.getLabels().get(OWNER_LABEL)).ifPresent(o -> owners.put(run, o));
      if (c.getLabels().containsKey(RunLease.LEASE_LABEL) && "running".equals(c.getState())) {
        RunLease.age(docker, c.getId()).ifPresent(a -> leases.put(run, a));
      }
    }
    for (var net : networks()) {
      Map<String, String> labels = net.getLabels();
      String run = labels.get(RUN_LABEL);
      long created = net.getCreated() == null ? 0 : net.getCreated().getTime() / 1000;
      youngest.merge(run, created, Math::max);
      RunOwner.parse(labels.get(OWNER_LABEL)).ifPresent(o -> owners.putIfAbsent(run, o));
    }
    Map<String, RunLiveness.Sighting> out = new LinkedHashMap<>();
    youngest.forEach((run, created) -> out.put(run, new RunLiveness.Sighting(run, Optional.ofNullable(owners.get(run)),
        Optional.ofNullable(leases.get(run)), Duration.ofSeconds(Math.max(0, now - created)))));
    return out;
  }

  private List<Container> containers() {
    return Engine.ask("list the runs' containers",
        () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RUN_LABEL)).exec());
  }

  private List<com.github.dockerjava.api.model.Network> networks() {
    return Engine.ask("list the runs' networks", () -> docker.listNetworksCmd().exec()).stream()
        .filter(n -> n.getLabels() != null && n.getLabels().containsKey(RUN_LABEL)).toList();
  }

  /** Removes matching containers, then networks (which their containers must have left), the lease last. */
  private int sweep(Predicate<Map<String, String>> which) {
    int n = 0;
    List<Container> mine = containers().stream().filter(c -> which.test(c.getLabels())).toList();
    List<Container> leasesLast = new ArrayList<>(mine.stream().filter(c -> !c.getLabels().containsKey(RunLease.LEASE_LABEL)).toList());
    mine.stream().filter(c -> c.getLabels().containsKey(RunLease.LEASE_LABEL)).forEach(leasesLast::add);
    for (Container c : leasesLast) {
      n += removed(() -> Engine.lifecycle("remove the container " + c.getId().substring(0, 12),
          () -> docker.removeContainerCmd(c.getId()).withForce(true).exec()));
    }
    for (var net : networks()) {
      if (which.test(net.getLabels())) {
        n += removed(() -> Engine.lifecycle("remove the network " + net.getName(), () -> docker.removeNetworkCmd(net.getId()).exec()));
      }
    }
    return n;
  }

  /** 1 if {@code removal} removed it; 0 if it was gone meanwhile (removed by its own farm). A wedged engine is not that. */
  private static int removed(Runnable removal) {
    try {
      removal.run();
      return 1;
    } catch (dev.dispatchcheck.dispatch.verdict.HarnessError wedged) {
      throw wedged;
    } catch (RuntimeException gone) {
      return 0;
    }
  }
}
