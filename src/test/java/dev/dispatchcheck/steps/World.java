package dev.dispatchcheck.steps;

import dev.dispatchcheck.run.Progress;

import dev.dispatchcheck.driver.build.BuildRun;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.driver.farm.BuilderSpec;
import dev.dispatchcheck.driver.farm.Topology;
import dev.dispatchcheck.driver.Waiter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scenario's state, injected into every step class by picocontainer. It owns the
 * scenario's farm and disposes of it ({@link #dispose()}, from {@link Hooks}).
 */
public class World {
  private final Waiter waiter = new Waiter();
  private final List<BuildRun> builds = new ArrayList<>();
  /** Each build's record, cross-checked once, when it finished: later faults must not rewrite evidence. */
  private final Map<BuildRun, DispatchRecord> records = new HashMap<>();
  private Topology topology;
  private io.cucumber.java.Scenario scenario;

  void setScenario(io.cucumber.java.Scenario scenario) {
    this.scenario = scenario;
  }

  /** A figure or fact for the report, attached to the scenario and printed. */
  public void note(String text) {
    dev.dispatchcheck.run.Progress.say("note: %s", text);
    if (scenario != null) scenario.attach(text, "text/plain", "Note");
  }

  public void startFarm(List<BuilderSpec> builders) {
    if (topology != null) throw new IllegalStateException("the farm is already started");
    topology = Topology.start(builders);
  }

  public Topology farm() {
    if (topology == null) throw new IllegalStateException("no farm yet: start with the remote builders step");
    return topology;
  }

  public boolean hasFarm() {
    return topology != null;
  }

  /** A build that was asked for: who, where, what. */
  public record Request(String host, String user, Probe probe) {}

  /** Starts every request at once, then waits for each to finish. */
  public void build(List<Request> requests) {
    List<BuildRun> started = requests.stream()
        .map(r -> BuildRun.start(farm().host(r.host()), r.user(), r.probe())).toList();
    for (BuildRun run : started) {
      builds.add(run);
      run.awaitCompletion(waiter, farm()::diagnostics);
    }
    for (BuildRun run : started) records.put(run, farm().investigate(run));
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
    if (topology != null) topology.close();
    topology = null;
  }
}
