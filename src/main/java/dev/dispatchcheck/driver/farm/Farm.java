package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.driver.build.BuildRun;
import dev.dispatchcheck.driver.host.HostImages;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.RunSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * A farm started from a {@link FarmSpec}: a private network and its hosts, whose
 * lifecycle it owns. There is no reaper container here, so {@link #close()} removes
 * everything, and every container and network carries the run's labels, so that a
 * {@link Sweeper} can remove what an interrupted run left.
 */
public final class Farm implements AutoCloseable {
  private final RunSettings settings;
  private final FarmSpec spec;
  private final Network network;
  private final Map<String, String> labels;
  private final Map<String, NixHost> hosts = new LinkedHashMap<>();
  private final AgentHost agent;
  private boolean closed;

  private Farm(FarmSpec spec, RunSettings settings) {
    this.settings = settings;
    this.spec = spec;
    this.labels = Sweeper.labels(settings);
    this.network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
    HostImages images = new HostImages(settings);
    for (HostSpec h : spec.hosts()) {
      hosts.put(h.name(), new NixHost(h.name(), h.nix(), images.imageFor(h.nix()), network, labels));
    }
    this.agent = new AgentHost(hosts.get(spec.agent().name()));
  }

  /**
   * Starts the hosts together, wires root's SSH between all of them, writes each host's
   * files and nix.conf in one exec, and starts the daemons.
   */
  public static Farm start(FarmSpec spec, RunSettings settings) {
    Farm farm = new Farm(spec, settings);
    try {
      long t0 = System.nanoTime();
      farm.startHosts(spec.hosts());
      settings.progress().say("hosts up and wired in %.1f s", (System.nanoTime() - t0) / 1e9);
      return farm;
    } catch (RuntimeException e) {
      farm.close();
      throw e;
    }
  }

  private void startHosts(List<HostSpec> specs) {
    List<NixHost> starting = specs.stream().map(s -> hosts.get(s.name())).toList();
    settings.progress().say("starting hosts: %s", starting.stream()
        .map(h -> h.name() + " (Nix " + h.version().label() + ")").collect(Collectors.joining(", ")));
    Startables.deepStart(starting.stream().map(NixHost::container)).join();
    SshMesh.wire(hosts(), allSpecs());
    Concurrently.forEach(specs, s -> {
      NixHost h = hosts.get(s.name());
      h.setRoleNixConf(s.roleNixConf());
      Map<String, String> files = new LinkedHashMap<>(s.files());
      String conf = files.remove(NixHost.SYSTEM_NIX_CONF);
      files.put(NixHost.SYSTEM_NIX_CONF, h.systemNixConf(conf == null ? NixConf.empty() : NixConf.parse(conf)));
      h.writeFiles(files);
      h.restartDaemon();
    });
  }

  private List<HostSpec> allSpecs() {
    return new ArrayList<>(spec.hosts());
  }

  /** Adds a further client host (another machine that may dispatch to the others) and rewires SSH. */
  public NixHost addClient(String name) {
    HostSpec client = HostSpec.client(name, settings.buildersNix());
    hosts.put(client.name(), new NixHost(client.name(), client.nix(),
        new HostImages(settings).imageFor(client.nix()), network, labels));
    List<HostSpec> all = allSpecs();
    all.add(client);
    Startables.deepStart(hosts.get(client.name()).container()).join();
    SshMesh.wire(hosts(), all);
    NixHost h = hosts.get(client.name());
    h.setSystemNixConf(NixConf.empty());
    return h;
  }

  public FarmSpec spec() {
    return spec;
  }

  public RunSettings settings() {
    return settings;
  }

  public AgentHost agent() {
    return agent;
  }

  /** A host by any name a machines file may use for it: {@code user@}, scheme, case do not matter. */
  public NixHost host(String name) {
    NixHost h = hosts.get(Machine.hostOf(name).toLowerCase());
    if (h == null) throw new NoSuchElementException("no host '" + name + "'; there are " + hosts.keySet());
    return h;
  }

  public List<NixHost> hosts() {
    return List.copyOf(hosts.values());
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
  public synchronized void close() {
    if (closed) return;
    closed = true;
    Concurrently.forEach(hosts(), h -> {
      try {
        h.close();
      } catch (RuntimeException e) {
        settings.progress().say("could not stop %s: %s", h.name(), e);
      }
    });
    try {
      network.close();
    } catch (RuntimeException e) {
      settings.progress().say("could not remove network: %s", e);
    }
  }
}
