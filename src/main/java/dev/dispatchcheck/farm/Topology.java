package dev.dispatchcheck.farm;

import dev.dispatchcheck.Progress;
import dev.dispatchcheck.build.BuildRun;
import dev.dispatchcheck.build.DispatchRecord;
import dev.dispatchcheck.config.NixConf;
import dev.dispatchcheck.host.NixHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * One scenario's farm: a private network, the agent host and the remote builders. It owns
 * their lifecycle. There is no reaper container here, so {@link #close()} removes
 * everything, a shutdown hook covers an interrupted JVM, and every container and network
 * carries the run's label for the launcher's final sweep.
 */
public final class Topology implements AutoCloseable {
  public static final String AGENT = "agent";
  public static final String RUN_LABEL = "dispatchcheck.run";
  private static final String RUN_ID = Optional.ofNullable(System.getenv("DISPATCHCHECK_RUN_ID"))
      .orElse("jvm-" + ProcessHandle.current().pid());
  private static final Set<Topology> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Topology::close)));
  }

  private final Network network;
  private final AgentHost agent;
  private final Map<String, RemoteBuilder> builders = new LinkedHashMap<>();

  private Topology(List<BuilderSpec> specs) {
    Map<String, String> labels = Map.of(RUN_LABEL, RUN_ID);
    this.network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
    this.agent = new AgentHost(new NixHost(AGENT, network, labels));
    for (BuilderSpec s : specs) {
      builders.put(s.name(), new RemoteBuilder(new NixHost(s.name(), network, labels), s.systems()));
    }
  }

  /** Starts the hosts together, then wires SSH: root's fresh key and the builders' host keys. */
  public static Topology start(List<BuilderSpec> specs) {
    Topology t = new Topology(specs);
    OPEN.add(t);
    try {
      List<NixHost> hosts = t.hosts();
      Progress.say("starting hosts: %s", hosts.stream().map(NixHost::name).collect(Collectors.joining(", ")));
      long t0 = System.nanoTime();
      Startables.deepStart(hosts.stream().map(NixHost::container)).join();
      String rootKey = t.agent.generateRootKey();
      List<String> knownHosts = new ArrayList<>();
      for (RemoteBuilder b : t.builders.values()) {
        b.authorize(rootKey);
        knownHosts.add(b.knownHostsLine());
        b.host().setSystemNixConf(b.nixConf());
      }
      t.agent.trustHostKeys(knownHosts);
      t.agent.host().setSystemNixConf(NixConf.empty());
      Progress.say("hosts up and wired in %.1f s", (System.nanoTime() - t0) / 1e9);
      return t;
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  public AgentHost agent() {
    return agent;
  }

  public RemoteBuilder builder(String name) {
    RemoteBuilder b = builders.get(name);
    if (b == null) throw new NoSuchElementException("no builder '" + name + "'; there are " + builders.keySet());
    return b;
  }

  public List<RemoteBuilder> builders() {
    return List.copyOf(builders.values());
  }

  public NixHost host(String name) {
    return name.equals(AGENT) ? agent.host() : builder(name).host();
  }

  public List<NixHost> hosts() {
    List<NixHost> all = new ArrayList<>();
    all.add(agent.host());
    builders.values().forEach(b -> all.add(b.host()));
    return all;
  }

  /**
   * The client's account of a finished build, cross-checked against every builder's store:
   * the salted output can only be in the store of the builder that built it.
   */
  public DispatchRecord investigate(BuildRun run) {
    DispatchRecord record = run.record();
    Optional<String> output = record.outputPath().or(() -> record.derivation().flatMap(this::outputOf));
    if (output.isEmpty()) return record;
    Map<String, Boolean> stores = new LinkedHashMap<>();
    for (RemoteBuilder b : builders.values()) stores.put(b.name(), b.host().hasValidPath(output.get()));
    return record.withOutputPath(output.get()).withStores(stores);
  }

  /** The output path of a derivation in the agent's store, even if it was never built. */
  private Optional<String> outputOf(String drv) {
    var r = agent.host().exec(List.of("nix-store", "--query", "--outputs", drv));
    return r.getExitCode() == 0 ? r.getStdout().lines().findFirst().map(String::strip) : Optional.empty();
  }

  /** Every host's logs, for a timeout or a harness error. */
  public String diagnostics() {
    return hosts().stream().map(NixHost::diagnostics).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    if (!OPEN.remove(this)) return;
    for (NixHost h : hosts()) {
      try {
        h.close();
      } catch (RuntimeException e) {
        Progress.say("could not stop %s: %s", h.name(), e);
      }
    }
    try {
      network.close();
    } catch (RuntimeException e) {
      Progress.say("could not remove network: %s", e);
    }
  }
}
