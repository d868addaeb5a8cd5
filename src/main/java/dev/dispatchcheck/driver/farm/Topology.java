package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.driver.build.BuildRun;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.NixVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * One scenario's farm: a private network, the agent host, the remote builders and any
 * further client hosts. It owns their lifecycle. There is no reaper container here, so
 * {@link #close()} removes everything, a shutdown hook covers an interrupted JVM, and every
 * container and network carries the run's label for the launcher's final sweep.
 */
public final class Topology implements AutoCloseable {
  public static final String AGENT = "agent";
  public static final String RUN_LABEL = "dispatchcheck.run";
  private static final String RUN_ID = Optional.ofNullable(System.getenv("DISPATCHCHECK_RUN_ID"))
      .orElse("jvm-" + ProcessHandle.current().pid());
  private static final Map<String, String> LABELS = Map.of(RUN_LABEL, RUN_ID);
  private static final Set<Topology> OPEN = ConcurrentHashMap.newKeySet();
  /** Set by the shutdown hook: scenarios still running then must not start new hosts. */
  private static volatile boolean shuttingDown;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shuttingDown = true;
      List.copyOf(OPEN).forEach(Topology::close);
    }));
  }

  /** Which Nix the agent host runs, and which the builders and other clients run. */
  public static final NixVersion AGENT_NIX = NixVersion.fromProperty("dispatchcheck.agent.nix");
  public static final NixVersion BUILDERS_NIX = NixVersion.fromProperty("dispatchcheck.builders.nix");

  private final Network network;
  private final AgentHost agent;
  private final Map<String, RemoteBuilder> builders = new LinkedHashMap<>();
  private final Map<String, NixHost> clients = new LinkedHashMap<>();

  private Topology(List<BuilderSpec> specs) {
    this.network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(LABELS)).build();
    this.agent = new AgentHost(new NixHost(AGENT, AGENT_NIX, network, LABELS));
    for (BuilderSpec s : specs) {
      builders.put(s.name(), new RemoteBuilder(new NixHost(s.name(), BUILDERS_NIX, network, LABELS), s.systems()));
    }
  }

  /** Starts the hosts together, wires root's SSH between all of them, and starts their daemons. */
  public static Topology start(List<BuilderSpec> specs) {
    Topology t = new Topology(specs);
    OPEN.add(t);
    if (shuttingDown) {
      t.close();
      throw new IllegalStateException("the JVM is shutting down: no new hosts");
    }
    try {
      List<NixHost> hosts = t.hosts();
      long t0 = System.nanoTime();
      startAll(hosts);
      SshMesh.wire(hosts);
      Concurrently.forEach(t.builders(), b -> b.host().setSystemNixConf(b.nixConf()));
      t.agent.host().setSystemNixConf(NixConf.empty());
      Progress.say("hosts up and wired in %.1f s", (System.nanoTime() - t0) / 1e9);
      return t;
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  private static void startAll(List<NixHost> hosts) {
    Progress.say("starting hosts: %s", hosts.stream()
        .map(h -> h.name() + " (Nix " + h.version().label() + ")").collect(Collectors.joining(", ")));
    Startables.deepStart(hosts.stream().map(NixHost::container)).join();
  }

  /** Adds a further client host (another machine that may dispatch to the others) and rewires SSH. */
  public NixHost addClient(String name) {
    NixHost client = new NixHost(name, BUILDERS_NIX, network, LABELS);
    clients.put(name, client);
    startAll(List.of(client));
    SshMesh.wire(hosts());
    client.setSystemNixConf(NixConf.empty());
    return client;
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
    return hosts().stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no host '" + name + "'; there are "
            + hosts().stream().map(NixHost::name).toList()));
  }

  public List<NixHost> hosts() {
    return Stream.of(Stream.of(agent.host()), builders.values().stream().map(RemoteBuilder::host),
        clients.values().stream()).flatMap(s -> s).toList();
  }

  /** The client's account of {@code run}, cross-checked against the other hosts. */
  public DispatchRecord investigate(BuildRun run) {
    return DispatchInvestigator.investigate(this, run);
  }

  /** The daemon's view of {@code user}'s builds on host {@code hostName}. */
  public ClientFacts facts(String hostName, String user) {
    return ClientFactsReader.read(host(hostName), user);
  }

  /** Every host's logs, for a timeout or a harness error. */
  public String diagnostics() {
    return hosts().stream().map(NixHost::diagnostics).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    if (!OPEN.remove(this)) return;
    Concurrently.forEach(hosts(), h -> {
      try {
        h.close();
      } catch (RuntimeException e) {
        Progress.say("could not stop %s: %s", h.name(), e);
      }
    });
    try {
      network.close();
    } catch (RuntimeException e) {
      Progress.say("could not remove network: %s", e);
    }
  }
}
