package dev.dispatchcheck.steps;

import static dev.dispatchcheck.dispatch.verdict.DispatchRecordAssert.assertThat;

import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;

/**
 * Every expectation a scenario can state, in one place, so that the conformance steps and
 * their self-check twins run the very same assertion.
 */
public class Verdicts {
  private final World world;

  public Verdicts(World world) {
    this.world = world;
  }

  public void wentTo(String user, String builder) {
    assertThat(world.lastRecordOf(user), user + "'s build").wentTo(builder);
  }

  public void buildOnHostWentTo(String host, String builder) {
    assertThat(world.lastRecordOn(host), "the build on " + host).wentTo(builder);
  }

  public void everyWentTo(String user, String builder) {
    List<DispatchRecord> all = world.recordsOf(user);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i), user + "'s build " + (i + 1) + " of " + all.size()).wentTo(builder);
    }
  }

  public void wentToSystemBuilder(String user) {
    assertThat(world.lastRecordOf(user), user + "'s build").wentToOneOf(systemBuilders());
  }

  public void failedBecause(String user, ErrorClass cause) {
    assertThat(world.lastRecordOf(user), user + "'s build").failedBecause(cause);
  }

  public void builtLocally(String user) {
    assertThat(world.lastRecordOf(user), user + "'s build").builtLocally();
  }

  public void warned(String user, String fragment) {
    assertThat(world.lastRecordOf(user), user + "'s build").warned(fragment);
  }

  public void noWarning(String user) {
    assertThat(world.lastRecordOf(user), user + "'s build").printedNoWarning();
  }

  /**
   * What the build printed, where Nix versions differ: the row for the agent host's Nix
   * version ("none" for no warning, else a fragment of the warning).
   */
  public void warnedPerVersion(String user, Map<String, String> warningByVersion) {
    String expected = warningByVersion.get(world.farm().agent().host().version().label());
    if (expected == null) {
      throw new IllegalStateException("no row for Nix " + world.farm().agent().host().version().label()
          + " in " + warningByVersion.keySet());
    }
    if (expected.equals("none")) noWarning(user);
    else warned(user, expected);
  }

  /** A table with the columns "Nix" and "warning", as a map from version to warning. */
  static Map<String, String> byVersion(List<Map<String, String>> rows) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    rows.forEach(r -> out.put(r.get("Nix"), r.get("warning")));
    return out;
  }

  public void alreadyValid(String user) {
    assertThat(world.lastRecordOf(user), user + "'s last build").wasAlreadyValid();
  }

  /** Each build went to one of the two, and together they used both, one build each. */
  public void spreadOver(String user, String first, String second) {
    List<DispatchRecord> all = world.recordsOf(user);
    all.forEach(r -> assertThat(r, user + "'s build").wentToOneOf(List.of(first, second)));
    Assertions.assertThat(all.stream().map(r -> r.builder().orElse("-")).toList())
        .as("builders taken by %s's %d builds", user, all.size())
        .containsExactlyInAnyOrder(first, second);
  }

  public void fileIsEmpty(String host, String path) {
    Assertions.assertThat(world.farm().host(host).readFile(path))
        .as("%s on %s", path, host).hasValue("");
  }

  /** The machines file at {@code path} lists exactly one builder, {@code builder}. */
  public void fileNamesOnly(String host, String path, String builder) {
    NixHost h = world.farm().host(host);
    Assertions.assertThat(MachinesFile.parse(h.readFile(path).orElse(""), h::readFile).machines())
        .as("machines in %s on %s", path, host)
        .extracting(Machine::hostName).containsExactly(builder);
  }

  /** The builders the agent host's /etc/nix/machines names, read from the host itself. */
  private List<String> systemBuilders() {
    var host = world.farm().agent().host();
    String text = host.readFile("/etc/nix/machines")
        .orElseThrow(() -> new IllegalStateException("the agent host has no /etc/nix/machines"));
    return MachinesFile.parse(text, host::readFile).machines().stream().map(Machine::hostName).toList();
  }
}
