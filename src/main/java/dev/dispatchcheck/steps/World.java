package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.driver.probe.BuildRun;
import dev.dispatchcheck.driver.farm.Farm;
import dev.dispatchcheck.driver.farm.FarmSpec;
import dev.dispatchcheck.driver.farm.LiveFarm;
import dev.dispatchcheck.driver.farm.StandInFarm;
import dev.dispatchcheck.run.PhaseClock;
import dev.dispatchcheck.run.RunSettings;
import io.cucumber.java.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One scenario's state, injected into every step class by picocontainer, with the pair's
 * {@link RunSettings} ({@link RunSettingsProvider}). It owns the scenario's farm and disposes of it ({@link #dispose()},
 * from {@link Hooks}).
 */
public class World {
  private final RunSettings settings;
  private final Waiter waiter;
  private final List<BuildRun> builds = new ArrayList<>();
  /** Each build's record, cross-checked once, when it finished: later faults must not rewrite evidence. */
  private final Map<BuildRun, DispatchRecord> records = new HashMap<>();
  private Farm farm;
  /** The hosts a hand-over of this scenario's replaced, as their own host keys show; null before one. */
  private Set<String> replacedAtHandOver;
  private Scenario scenario;
  /** Where the scenario's time went, for the benchmark: starting and wiring hosts, and builds. */

  public World(RunSettings pair) {
    this.settings = pair.forScenario();
    this.waiter = new Waiter(settings.buildTimeout());
  }

  public RunSettings settings() {
    return settings;
  }

  void setScenario(Scenario scenario) {
    this.scenario = scenario;
  }

  /** A figure or fact for the report, attached to the scenario and printed. */
  public void note(String text) {
    settings.progress().say("note: %s", text);
    if (scenario != null) scenario.attach(text, "text/plain", "Note");
  }

  public void startFarm(FarmSpec spec) {
    if (farm != null) throw new IllegalStateException("the farm is already started");
    farm = Farm.start(spec, settings);
    if (!spec.notes().isEmpty() && scenario != null) {
      scenario.attach(String.join("\n", spec.notes()) + "\n", "text/plain", "What the harness assumed or overrode");
    }
  }

  /** The operator's farm that {@code check} names, with stand-ins for its builders; under {@code live}, its live agent host. */
  public void startFarmUnderCheck() {
    if (farm != null) throw new IllegalStateException("the farm is already started");
    var underCheck = settings.farm().orElseThrow(() -> new IllegalStateException(
        "no farm under check: this step runs under './dispatchcheck check FARM_DIR'"));
    List<String> notes = new ArrayList<>();
    farm = underCheck.live().isPresent() ? LiveFarm.connect(underCheck, underCheck.live().get(), settings, notes)
        : StandInFarm.start(underCheck, settings, notes);
    if (scenario != null) scenario.attach(String.join("\n", notes) + "\n", "text/plain", "What the harness assumed or overrode");
  }

  public Farm farm() {
    if (farm == null) throw new IllegalStateException("no farm yet: start with the remote builders step");
    return farm;
  }

  public boolean hasFarm() {
    return farm != null;
  }

  /**
   * Hands the farm over now, as between scenarios, and notes which hosts came back as fresh
   * ones: those whose host key, made at a container's start and put back by a reset,
   * changed. That must be what the hand-over says it replaced; otherwise the harness erred.
   */
  public void handOver() {
    Map<String, String> before = hostKeys();
    Set<String> said = farm().handOver();
    Map<String, String> after = hostKeys();
    Set<String> fresh = new TreeSet<>();
    after.forEach((name, key) -> {
      if (!key.equals(before.get(name))) fresh.add(name);
    });
    if (!fresh.equals(new TreeSet<>(said))) {
      throw new HarnessError("the hand-over says it replaced " + new TreeSet<>(said) + ", but the host keys changed on "
          + fresh);
    }
    replacedAtHandOver = fresh;
  }

  /** The hosts the scenario's hand-over replaced ({@link #handOver}). */
  public Set<String> replacedAtHandOver() {
    if (replacedAtHandOver == null) throw new IllegalStateException("no hand-over yet in this scenario");
    return replacedAtHandOver;
  }

  private Map<String, String> hostKeys() {
    Map<String, String> keys = new HashMap<>();
    farm().hosts().forEach(h -> keys.put(h.name(), h.readFile("/etc/ssh/ssh_host_ed25519_key.pub").orElse("")));
    return keys;
  }

  /** A build that was asked for: who, where, what. */
  public record Request(String host, String user, Probe probe) {}

  /** Starts every request at once, then waits for each to finish. */
  public void build(List<Request> requests) {
    awaitAll(() -> requests.stream()
        .map(r -> BuildRun.start(farm().host(r.host()), r.user(), r.probe(), settings.progress())).toList());
  }

  /** Starts builds another way (an effect's), then waits for and records each, as {@link #build} does. */
  public void awaitAll(java.util.function.Supplier<List<BuildRun>> start) {
    PhaseClock phases = settings.run().phases();
    List<BuildRun> started = phases.time(PhaseClock.Phase.BUILDS, () -> {
      List<BuildRun> runs = start.get();
      for (BuildRun run : runs) {
        builds.add(run);
        run.awaitCompletion(waiter, farm()::diagnostics);
      }
      return runs;
    });
    phases.time(PhaseClock.Phase.EVIDENCE, () -> started.forEach(run -> records.put(run, farm().investigate(run))));
  }

  /** Starts a build and returns at once: for builds that may never end (a frozen builder). */
  public BuildRun startBuild(String host, String user, Probe probe) {
    BuildRun run = BuildRun.start(farm().host(host), user, probe, settings.progress());
    builds.add(run);
    return run;
  }

  /** Waits until {@code run} runs on {@code builder}, for a fault to come while it does. */
  public void awaitStartOn(BuildRun run, String builder) {
    run.awaitStartOn(builder, waiter, farm()::diagnostics);
  }

  /**
   * Interrupts a build as Ctrl-C does (SIGINT to its nix-build) and waits for it to end: the
   * client goes away cleanly, and its daemon closes the link to the builder.
   */
  public void interrupt(BuildRun run) {
    var r = farm().host(run.host()).exec(List.of("pkill", "-INT", "-f", "^nix-build .*" + run.probe().name()));
    if (r.exitCode() != 0) throw new IllegalStateException(run.who() + "'s build had no nix-build left to interrupt");
    run.awaitCompletion(waiter, farm()::diagnostics);
  }

  public Waiter waiter() {
    return waiter;
  }

  public void build(String host, String user, Probe probe) {
    build(List.of(new Request(host, user, probe)));
  }

  public List<BuildRun> builds() {
    return List.copyOf(builds);
  }

  /** The matching builds, in order, each cross-checked against the other hosts' stores. */
  public List<DispatchRecord> records(Predicate<BuildRun> which, String what) {
    List<DispatchRecord> out = builds.stream().filter(which).map(this::recordOf).toList();
    if (out.isEmpty()) throw new IllegalStateException("no build of " + what + " in this scenario");
    return out;
  }

  public DispatchRecord recordOf(BuildRun run) {
    return records.computeIfAbsent(run, farm()::investigate);
  }

  public List<DispatchRecord> recordsOf(String user) {
    return records(b -> b.user().equals(user), user);
  }

  public List<DispatchRecord> recordsOf(String user, String system) {
    return records(b -> b.user().equals(user) && b.probe().system().equals(system), user + " for " + system);
  }

  public BuildRun lastBuildOf(String user) {
    return builds.stream().filter(b -> b.user().equals(user)).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException(user + " has built nothing yet"));
  }

  public DispatchRecord lastRecordOf(String user) {
    List<DispatchRecord> all = recordsOf(user);
    return all.get(all.size() - 1);
  }

  public DispatchRecord lastRecordOn(String host) {
    List<DispatchRecord> all = records(b -> b.host().equals(host), "any user on " + host);
    return all.get(all.size() - 1);
  }

  public Probe lastProbeOf(String user) {
    return lastBuildOf(user).probe();
  }

  public void dispose() {
    if (farm != null) farm.close();
    farm = null;
  }
}
