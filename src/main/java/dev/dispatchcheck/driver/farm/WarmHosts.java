package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.driver.host.HostImages;
import dev.dispatchcheck.driver.host.HostState;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.NixVersion;
import dev.dispatchcheck.run.PhaseClock;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.testcontainers.containers.Network;

/**
 * Started hosts on a network of their own, wired for root's SSH, each with its pristine
 * state recorded: what a scenario's farm is made of, and what it hands back to the
 * {@link FarmPool} for the next scenario of the same {@link Shape}. No reaper container
 * runs here, so {@link #close()} removes everything; every container and network carries
 * the run's labels, so a {@link Sweeper} can remove what an interrupted run left.
 */
final class WarmHosts implements FarmHosts {
  /**
   * The hosts' names and Nix versions, and the hosts behind bastions: scenarios of the same
   * shape can share hosts.
   *
   * @param behind builders ssh reaches only through a bastion: on a second network, which the
   *     bastions join and the agent host does not, so that no build can reach them directly
   * @param bastions on both networks
   */
  record Shape(Map<String, NixVersion> hosts, Set<String> behind, Set<String> bastions) {
    Shape(Map<String, NixVersion> hosts) {
      this(hosts, Set.of(), Set.of());
    }

    static Shape of(FarmSpec spec) {
      Map<String, NixVersion> m = new java.util.TreeMap<>();
      spec.hosts().forEach(h -> m.put(h.name(), h.nix()));
      Set<String> bastions = spec.hosts().stream().filter(h -> h.role() == HostSpec.Role.BASTION).map(HostSpec::name)
          .collect(Collectors.toCollection(java.util.TreeSet::new));
      Set<String> behind = new java.util.TreeSet<>();
      spec.hosts().stream().filter(h -> h.role() == HostSpec.Role.BUILDER).map(HostSpec::name).forEach(name -> {
        var routes = spec.routes().values().stream().filter(r -> r.host().equals(name)).toList();
        if (!routes.isEmpty() && routes.stream().noneMatch(r -> r.via().isEmpty())) behind.add(name);
      });
      return new Shape(Map.copyOf(m), Set.copyOf(behind), Set.copyOf(bastions));
    }

    /** Whether the shape has a second network, behind its bastions. */
    boolean split() {
      return !behind.isEmpty();
    }
  }

  private final Shape shape;
  private final RunSettings settings;
  private final Network network;
  /** The network behind the bastions, when the shape has one. */
  private final Network inner;
  private final Map<String, String> labels;
  private final Map<String, NixHost> hosts = new LinkedHashMap<>();
  private final Map<String, HostState> pristine = new ConcurrentHashMap<>();
  private String authorizedKeys = "";
  /** Every root's key as the shape's hosts were wired, before any host was added. */
  private String shapeAuthorizedKeys = "";
  /** Hosts a scenario added: not the shape's, so they go before the others are reset. */
  private final List<String> added = new ArrayList<>();
  private boolean closed;

  private WarmHosts(Shape shape, RunSettings settings) {
    this.shape = shape;
    this.settings = settings;
    this.labels = Sweeper.labels(settings);
    // Internal: the hosts need nothing outside (no substituters; the harness reaches them by
    // exec), and what a farm's own files run in them (an ssh ProxyCommand, a nix.conf hook)
    // must not reach the runner's network, a cloud's metadata service or a TCP engine API.
    this.network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels).withInternal(true)).build();
    this.inner = shape.split()
        ? Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels).withInternal(true)).build() : null;
  }

  /** A host's networks: the builders behind bastions on the inner one alone, the bastions on both, the rest outside. */
  private List<Network> networksOf(String name) {
    if (inner == null) return List.of(network);
    if (shape.behind().contains(name)) return List.of(inner);
    return shape.bastions().contains(name) ? List.of(network, inner) : List.of(network);
  }

  /** Starts the shape's hosts together, wires root's SSH and records each host's pristine state. */
  static WarmHosts start(Shape shape, RunSettings settings) {
    return settings.run().phases().time(PhaseClock.Phase.START_HOSTS, () -> startGated(shape, settings));
  }

  private static WarmHosts startGated(Shape shape, RunSettings settings) {
    StartGate.enter();
    WarmHosts warm = null;
    try {
      warm = new WarmHosts(shape, settings);
      long t0 = System.nanoTime();
      warm.startHosts(shape.hosts(), settings.progress());
      warm.shapeAuthorizedKeys = warm.authorizedKeys;
      settings.progress().say("hosts up and wired in %.1f s", (System.nanoTime() - t0) / 1e9);
      return warm;
    } catch (RuntimeException e) {
      if (warm != null) warm.close();
      throw e;
    } finally {
      StartGate.exit();
    }
  }

  /** Starts {@code members}, wires root's SSH between every host, records the new ones' state; says so to {@code progress}. */
  private List<NixHost> startHosts(Map<String, NixVersion> members, Progress progress) {
    HostImages images = new HostImages(settings);
    List<NixHost> started = new ArrayList<>();
    members.forEach((name, nix) -> {
      NixHost h = new NixHost(name, nix, images.imageFor(nix), networksOf(name), labels);
      hosts.put(name, h);
      started.add(h);
    });
    progress.say("starting hosts: %s", started.stream()
        .map(h -> h.name() + " (Nix " + h.version().label() + ")").collect(Collectors.joining(", ")));
    // One command a host once it runs: the hook recorders (part of the pristine state, as
    // the probe's busybox is of the image) and root's key, which SSH's wiring then reads.
    Map<String, String> keys = new ConcurrentHashMap<>();
    Concurrently.forEach(started, h -> {
      h.start();
      keys.put(h.name(), h.shellOrFail("root", HookRecorders.script() + SshMesh.keysScript(h)));
    });
    authorizedKeys = SshMesh.wire(hosts(), keys);
    Concurrently.forEach(started, h -> pristine.put(h.name(), h.snapshot()));
    return started;
  }

  Shape shape() {
    return shape;
  }

  @Override
  public List<NixHost> hosts() {
    return List.copyOf(hosts.values());
  }

  @Override
  public NixHost host(String name) {
    return hosts.get(name);
  }

  /** Every root's public key, for the SSH users a scenario adds. */
  String authorizedKeys() {
    return authorizedKeys;
  }

  /** Adds a host that is not part of the shape (it is removed when the farm is handed back), and rewires root's SSH. */
  synchronized NixHost add(String name, NixVersion nix, Progress progress) {
    added.add(name);
    StartGate.enter();
    try {
      return startHosts(Map.of(name, nix), progress).get(0);
    } finally {
      StartGate.exit();
    }
  }

  /**
   * Resets every host and runs the hand-over check on it, in one exec a host: each host's
   * name, and every way it then differs from its pristine state. None anywhere means the
   * next scenario gets exactly what a fresh start gives.
   */
  private Map<String, List<String>> resetAndCheck() {
    Concurrently.forEach(hosts(), NixHost::stopProcesses);
    return eachHost(h -> h.resetAndState().differencesFrom(pristine.get(h.name())));
  }

  /**
   * What a hand-over left: the problems still there, each line naming its host (none means
   * the next scenario gets exactly what a fresh start gives), and the hosts replaced alone.
   */
  record HandOver(List<String> problems, Set<String> replaced) {}

  /**
   * Resets every host and runs the hand-over check on it. Where some hosts fail it while
   * the others pass, the failed ones are replaced ({@link #replace}), after saying why to
   * {@code progress}; where every host fails it, the problems are left to the caller, as
   * is a reset or a replacement that throws.
   */
  HandOver handOver(Progress progress) {
    Map<String, List<String>> byHost = resetAndCheck();
    List<String> problems = named(byHost);
    Set<String> failed = new TreeSet<>();
    byHost.forEach((name, p) -> {
      if (!p.isEmpty()) failed.add(name);
    });
    if (failed.isEmpty() || failed.size() == byHost.size()) return new HandOver(problems, Set.of());
    progress.sayLines("hosts failed the hand-over check after their reset, so " + String.join(", ", failed)
        + (failed.size() == 1 ? " is" : " are") + " replaced by a fresh host and the others kept:", problems);
    replace(failed, progress);
    return new HandOver(List.of(), Set.copyOf(failed));
  }

  /**
   * What may differ in a kept host's state once its farm's failed hosts were replaced: root's
   * SSH files, which now hold the new hosts' keys, and sshd's own log (a line more, from the
   * restart that recording a state ends with).
   */
  private static final Pattern REWIRED =
      Pattern.compile("[-+] content (root/\\.ssh/(authorized_keys|known_hosts)|var/log/sshd\\.log) \\S+");

  /**
   * Replaces {@code names}, hosts of the shape that failed their hand-over check while the
   * others passed it, with fresh ones of the same names, versions and networks; wires
   * root's SSH anew between all of them and records the others' pristine state again, which
   * may differ from what they had only as {@link #REWIRED} says (as a start of the whole
   * farm would have it), or the replacement fails and the caller removes the farm.
   */
  private synchronized void replace(Set<String> names, Progress progress) {
    StartGate.enter();
    try {
      Map<String, NixVersion> members = new LinkedHashMap<>();
      RuntimeException closing = null;
      for (String name : names) {
        members.put(name, shape.hosts().get(name));
        pristine.remove(name);
        try {
          // Gone before its successor starts: the network's alias must name one container.
          hosts.get(name).close();
        } catch (RuntimeException e) {
          if (closing == null) closing = e;
        }
      }
      if (closing != null) throw closing;
      startHosts(members, progress);
    } finally {
      StartGate.exit();
    }
    shapeAuthorizedKeys = authorizedKeys;
    Concurrently.forEach(hosts().stream().filter(h -> !names.contains(h.name())).toList(), h -> {
      HostState now = h.snapshot();
      List<String> beyond = beyondRewiring(pristine.get(h.name()), now);
      if (!beyond.isEmpty()) {
        throw new IllegalStateException(h.name() + " changed beyond root's SSH files while its farm's failed hosts were"
            + " replaced: " + String.join("; ", beyond));
      }
      pristine.put(h.name(), now);
    });
  }

  /** How a kept host's state {@code now} differs from {@code before} other than as {@link #REWIRED} allows. */
  static List<String> beyondRewiring(HostState before, HostState now) {
    return now.differencesFrom(before).stream().filter(line -> !REWIRED.matcher(line).matches()).toList();
  }

  /** What is wrong with the containers now, as Docker sees them (taken from the pool). */
  List<String> containerProblems() {
    return named(eachHost(NixHost::containerProblems));
  }

  /** {@code step} on every host at once, each result under its host's name, in the hosts' order. */
  private <R> Map<String, R> eachHost(Function<NixHost, R> step) {
    List<NixHost> all = hosts();
    List<R> results = Concurrently.map(all, step);
    Map<String, R> out = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) out.put(all.get(i).name(), results.get(i));
    return out;
  }

  /** Each problem as a line that names its host. */
  private static List<String> named(Map<String, List<String>> byHost) {
    List<String> out = new ArrayList<>();
    byHost.forEach((name, problems) -> problems.forEach(p -> out.add(name + ": " + p)));
    return out;
  }

  /** What {@code name} differs in from its pristine state now. */
  List<String> handOverProblems(String name) {
    return host(name).state().differencesFrom(pristine.get(name));
  }

  /** Whether the hosts are as the shape started them: none added, every container running unpaused, on its network. */
  synchronized boolean intact() {
    return added.isEmpty() && hosts().stream().allMatch(h -> h.isRunning() && h.isOnline());
  }

  /**
   * Undoes what a scenario did to the farm itself: added hosts are removed, stopped,
   * frozen or disconnected ones brought back up. The reset and the hand-over check then
   * decide, as for any farm, whether the hosts can be used again.
   */
  synchronized void revive() {
    for (String name : added) {
      NixHost h = hosts.remove(name);
      pristine.remove(name);
      if (h != null) h.close();
    }
    added.clear();
    authorizedKeys = shapeAuthorizedKeys;
    Concurrently.forEach(hosts(), NixHost::revive);
  }

  /** Puts every host back to its pristine state. */
  void reset() {
    Concurrently.forEach(hosts(), NixHost::stopProcesses);
    Concurrently.forEach(hosts(), NixHost::reset);
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
    for (Network n : inner == null ? List.of(network) : List.of(network, inner)) {
      try {
        Engine.lifecycle("remove a farm's network", n::close);
      } catch (RuntimeException e) {
        settings.progress().say("could not remove network: %s", e);
      }
    }
  }
}
