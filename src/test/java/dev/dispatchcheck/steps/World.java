package dev.dispatchcheck.steps;

import dev.dispatchcheck.build.BuildRun;
import dev.dispatchcheck.build.DispatchRecord;
import dev.dispatchcheck.farm.BuilderSpec;
import dev.dispatchcheck.farm.Topology;
import dev.dispatchcheck.wait.Waiter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's state, injected into every step class by picocontainer. It owns the
 * scenario's farm and disposes of it ({@link #dispose()}, from {@link Hooks}).
 */
public class World {
  private final Waiter waiter = new Waiter();
  private final List<BuildRun> builds = new ArrayList<>();
  private Topology topology;

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

  /** Runs the guide's check as {@code user} and waits for it to finish. */
  public BuildRun build(String user, dev.dispatchcheck.build.Probe probe) {
    BuildRun run = farm().agent().build(user, probe).awaitCompletion(waiter, farm()::diagnostics);
    builds.add(run);
    return run;
  }

  public List<BuildRun> builds() {
    return List.copyOf(builds);
  }

  /** The builds {@code user} ran, in order, each cross-checked against the builders' stores. */
  public Map<BuildRun, DispatchRecord> recordsOf(String user) {
    Map<BuildRun, DispatchRecord> out = new LinkedHashMap<>();
    builds.stream().filter(b -> b.user().equals(user)).forEach(b -> out.put(b, farm().investigate(b)));
    if (out.isEmpty()) throw new IllegalStateException(user + " has run no build in this scenario");
    return out;
  }

  /** The last build {@code user} ran. */
  public DispatchRecord lastRecordOf(String user) {
    List<DispatchRecord> all = List.copyOf(recordsOf(user).values());
    return all.get(all.size() - 1);
  }

  public void dispose() {
    if (topology != null) topology.close();
    topology = null;
  }
}
