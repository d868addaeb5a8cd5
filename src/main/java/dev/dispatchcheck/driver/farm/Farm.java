package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.config.StoreUri;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.driver.probe.BuildRun;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.PhaseClock;
import dev.dispatchcheck.run.NixVersion;
import dev.dispatchcheck.run.RunSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario's farm: the hosts of a {@link FarmSpec}, configured for their roles. Its
 * hosts come warm from the run's {@link FarmPool} (reset, and checked at hand-over) or are
 * started fresh when warm hosts are off; {@link #close()} hands them back or removes them.
 */
public final class Farm implements AutoCloseable {
  private final RunSettings settings;
  private final FarmSpec spec;
  private final FarmHosts hosts;
  private final Optional<FarmPool> pool;
  private final AgentHost agent;
  private final FactsCache facts = new FactsCache();
  private boolean closed;

  private Farm(FarmSpec spec, RunSettings settings, FarmHosts hosts, Optional<FarmPool> pool) {
    this.settings = settings;
    this.spec = spec;
    this.hosts = hosts;
    this.pool = pool;
    this.agent = new AgentHost(hosts.host(spec.agent().name()));
  }

  /**
   * Gets hosts for the spec (warm from the run's pool, or fresh), then configures each in
   * one exec: its SSH users, its files, its nix.conf, and a daemon restart.
   */
  public static Farm start(FarmSpec spec, RunSettings settings) {
    WarmHosts.Shape shape = WarmHosts.Shape.of(spec);
    Optional<FarmPool> pool = settings.warmHosts() ? Optional.of(FarmPool.of(settings)) : Optional.empty();
    WarmHosts hosts = pool.map(p -> p.acquire(shape, settings)).orElseGet(() -> WarmHosts.start(shape, settings));
    Farm farm;
    try {
      farm = new Farm(spec, settings, hosts, pool);
    } catch (RuntimeException e) {
      hosts.close();
      throw e;
    }
    try {
      long t0 = System.nanoTime();
      settings.run().phases().time(PhaseClock.Phase.CONFIGURE, farm::configure);
      settings.progress().say("hosts configured in %.2f s", (System.nanoTime() - t0) / 1e9);
      return farm;
    } catch (RuntimeException e) {
      farm.close();
      throw e;
    }
  }

  /** The live farm: its agent host over SSH, read-only ({@link LiveFarm}); nothing to configure, nothing pooled. */
  static Farm live(FarmSpec spec, RunSettings settings, LiveHosts hosts) {
    return new Farm(spec, settings, hosts, Optional.empty());
  }

  /** The live farm's hosts, when this is one: its builders' stores are asked through the agent host. */
  Optional<LiveHosts> live() {
    return hosts instanceof LiveHosts l ? Optional.of(l) : Optional.empty();
  }

  /** The hosts as containers; a live farm has none, and what would change its hosts is refused. */
  private WarmHosts containers(String what) {
    if (hosts instanceof WarmHosts w) return w;
    throw new IllegalStateException("refused on the live farm: " + what + " (live only builds probes and reads)");
  }

  private void configure() {
    // The agent host's channel for builds opens beside the configuration: on fresh hosts it
    // is a container exec the first build would otherwise wait for (warm hosts keep theirs).
    Concurrently.forEach(List.<Runnable>of(this::configureHosts, () -> agent.host().prepareStreams()), Runnable::run);
  }

  private void configureHosts() {
    Concurrently.forEach(spec.hosts(), s -> {
      NixHost h = hosts.host(s.name());
      h.setRoleNixConf(s.roleNixConf());
      Map<String, String> files = new LinkedHashMap<>(s.files());
      String conf = files.remove(NixHost.SYSTEM_NIX_CONF);
      files.put(NixHost.SYSTEM_NIX_CONF, h.systemNixConf(conf == null ? NixConf.empty() : NixConf.parse(conf)));
      h.configure(SshMesh.usersScript(s.sshUsers(), containers("configure its hosts").authorizedKeys()), files);
    });
  }

  /** Adds a further client host (another machine that may dispatch to the others) and rewires SSH. */
  public NixHost addClient(String name) {
    return addClient(name, settings.buildersNix());
  }

  /**
   * The same, running {@code nix}: a client of the agent host's version and image evaluates a
   * probe to the very derivation the agent host does (each image has its own busybox).
   */
  public NixHost addClient(String name, NixVersion nix) {
    WarmHosts containers = containers("add a client host");
    NixHost h = containers.add(name, nix, settings.progress());
    h.setSystemNixConf(NixConf.empty());
    // The machines lines' SSH users accept the new host's root key too.
    Concurrently.forEach(spec.hosts().stream().filter(s -> !s.sshUsers().isEmpty()).toList(), s ->
        hosts.host(s.name()).shellOrFail("root", "set -e\n" + SshMesh.usersScript(s.sshUsers(), containers.authorizedKeys())));
    return h;
  }

  /**
   * Puts every host back to its pristine state now, as happens between scenarios, so that
   * a scenario can show what the hand-over check then sees.
   */
  public void reset() {
    containers("reset its hosts").reset();
  }

  /**
   * Hands the hosts over now, as the pool does between scenarios: every host reset and
   * checked, and where some fail the check while others pass, the failed ones replaced by
   * fresh hosts. The names of the hosts replaced; a check every host failed is a harness
   * error here, as the pool would have removed the farm.
   */
  public java.util.Set<String> handOver() {
    WarmHosts w = containers("hand its hosts over");
    // The pool brings an added, stopped or paused host back first; a scenario's hand-over does not.
    if (!w.intact()) throw new IllegalStateException("a hand-over needs the farm's hosts as its shape started them");
    var done = w.handOver(settings.progress());
    facts.clear();
    if (!done.problems().isEmpty()) {
      throw new IllegalStateException("every host failed the hand-over check:\n  " + String.join("\n  ", done.problems()));
    }
    // This farm holds its agent host: a replaced one would leave it a container that is gone.
    if (done.replaced().contains(agent.host().name())) {
      throw new IllegalStateException("the hand-over replaced the agent host, which this scenario can no longer reach");
    }
    return done.replaced();
  }

  /** What the hand-over check finds on {@code name}: every way it differs from its pristine state. */
  public List<String> handOverProblems(String name) {
    return containers("check a hand-over").handOverProblems(host(name).name());
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
    NixHost h = hosts.host(new StoreUri(name).host().toLowerCase());
    if (h == null) {
      throw new NoSuchElementException("no host '" + name + "'; there are " + hosts().stream().map(NixHost::name).toList());
    }
    return h;
  }

  public List<NixHost> hosts() {
    return hosts.hosts();
  }

  /** The client's account of {@code run}, cross-checked against the other hosts. */
  public DispatchRecord investigate(BuildRun run) {
    return DispatchInvestigator.investigate(this, run);
  }

  /** The daemon's view of {@code user}'s builds on host {@code hostName}. */
  public ClientFacts facts(String hostName, String user) {
    return facts(hostName, user, Optional.empty());
  }

  /** The same for a build an effect started, when {@code effect} is present. */
  public ClientFacts facts(String hostName, String user, Optional<EffectPath> effect) {
    return facts.get(host(hostName), user, effect);
  }

  /** The settings Nix uses for {@code user} on {@code hostName}, as {@code nix show-config} prints them. */
  public String effectiveSettings(String hostName, String user) {
    return facts.settingsAsUser(host(hostName), user);
  }

  /** An effect of the agent's builds {@code probe}: see {@link Effect}. */
  public BuildRun effectBuild(EffectPath path, Probe probe) {
    return Effect.build(agent, path, probe, settings.progress());
  }

  /** Each host's name and what its Nix says of its version, every host asked at once (a fresh host's first ask is a command). */
  public List<String> nixVersions() {
    return Concurrently.map(hosts(), h -> h.name() + ": " + h.nixVersionText());
  }

  /** Every host's logs, for a timeout or a harness error. */
  public String diagnostics() {
    return hosts().stream().map(NixHost::diagnostics).collect(Collectors.joining("\n"));
  }

  /** Hands the hosts back to the pool (which resets or removes them), or removes them. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    pool.ifPresentOrElse(p -> p.release(containers("hand its hosts back"), settings), hosts::close);
  }
}
