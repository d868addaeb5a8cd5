package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include and @file chains: followed to a stated depth, each file once, never as deep as the input goes. */
class IncludeChainTest {
  static final String SYSTEM = "agent/etc/nix/nix.conf";
  static final String TOO_DEEP = " files deep, dispatchcheck's limit for include and @file chains"
      + " (raise it with --max-include-depth); that file is not read";

  @TempDir Path dir;

  /** nix.conf includes c1.conf, which includes c2.conf, …, down to c{depth}.conf, which sets max-jobs. */
  private Farm confChain(int depth) {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "include c1.conf");
    for (int i = 1; i < depth; i++) farm.agent("/etc/nix/c" + i + ".conf", "# link " + i, "include c" + (i + 1) + ".conf");
    return farm.agent("/etc/nix/c" + depth + ".conf", "max-jobs = 1");
  }

  /** builders names m1, which names m2, …, down to m{depth}, which holds a builder. */
  private Farm machinesChain(int depth) {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "builders = @/etc/nix/m1");
    for (int i = 1; i < depth; i++) farm.agent("/etc/nix/m" + i, "# link " + i, "@/etc/nix/m" + (i + 1));
    return farm.agent("/etc/nix/m" + depth, "ssh://b.example.com aarch64-linux");
  }

  private static List<String> errors(List<Finding> findings) {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::toString).toList();
  }

  @Test
  void aChainAsDeepAsTheLimitIsFollowedToItsEnd() {
    FarmLayout layout = confChain(16).layout();
    assertThat(Lint.check(layout)).isEmpty();
    assertThat(new AgentView(layout, FarmLimits.DEFAULT).system().last("max-jobs")).isPresent();
    FarmLayout machines = machinesChain(16).layout();
    assertThat(errors(Lint.check(machines))).isEmpty();
    assertThat(FarmPlan.of(machines).standIns()).extracting(FarmPlan.StandIn::host).containsExactly("b.example.com");
  }

  @Test
  void anIncludeOneDeeperIsAnErrorAtThatIncludeNamingTheLimitAndItsOption() {
    assertThat(errors(Lint.check(confChain(17).layout()))).containsExactly(
        "agent/etc/nix/c16.conf:2: error: include '/etc/nix/c17.conf' nests more than 16" + TOO_DEEP);
    assertThat(errors(Lint.check(machinesChain(17).layout()))).containsExactly(
        "agent/etc/nix/m16:2: error: @/etc/nix/m17 nests more than 16" + TOO_DEEP);
  }

  @Test
  void anEndlessChainEndsAtTheLimitNotInAStackOverflow() {
    // In memory, as the farm's files reach the readers: each file names one more, without end.
    Function<String, Optional<String>> confs = path -> Optional.of("include c" + (number(path) + 1) + ".conf");
    NixConfChain chain = NixConfChain.read("/etc/nix/c0.conf", confs, true);
    assertThat(chain.problems()).singleElement().extracting(NixConfChain.Problem::file).isEqualTo("/etc/nix/c16.conf");
    assertThat(chain.files()).hasSize(17);
    Function<String, Optional<String>> machines = path -> Optional.of("@/etc/nix/m" + (number(path) + 1));
    MachineEntries walk = MachineEntries.walk("@/etc/nix/m1", new MachineEntries.Origin("/etc/nix/nix.conf", 1), machines, true);
    assertThat(walk.problems()).singleElement().extracting(p -> p.origin().file()).isEqualTo("/etc/nix/m16");
    assertThatThrownBy(() -> MachinesFile.parse("@/etc/nix/m1", machines)).isInstanceOf(MachinesFileException.class)
        .hasMessage("line 1: @/etc/nix/m17 nests machines files more than 16 deep (a file that includes itself, or a chain too long)");
  }

  @Test
  void machinesFilesDefaultDepthIsTheFarmsDefaultLimit() {
    // MachinesFile (dispatch.config) cannot name FarmLimits; the harness reading a live host uses its default.
    assertThat(MachinesFile.DEFAULT_MAX_DEPTH).isEqualTo(FarmLimits.DEFAULT.includeDepth());
  }

  private static int number(String path) {
    return Integer.parseInt(path.replaceAll("\\D", ""));
  }

  @Test
  void theLimitIsTheOneGiven() {
    FarmLimits two = new FarmLimits(48, 600, 200, 20, 8, 16_384, 2);
    assertThat(errors(Lint.check(confChain(3).layout(), two))).containsExactly(
        "agent/etc/nix/c2.conf:2: error: include '/etc/nix/c3.conf' nests more than 2" + TOO_DEEP);
    assertThat(errors(Lint.check(confChain(2).layout(), two))).isEmpty();
    assertThat(errors(Lint.check(machinesChain(3).layout(), two))).containsExactly(
        "agent/etc/nix/m2:2: error: @/etc/nix/m3 nests more than 2" + TOO_DEEP);
  }

  @Test
  void aFileIncludedTwiceIsReadOnceSoThatIncludesCannotMultiply() {
    // Each file includes the next twice: read as Nix reads it, 2^40 files.
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "include d1.conf", "include d1.conf");
    for (int i = 1; i < 40; i++) farm.agent("/etc/nix/d" + i + ".conf", "include d" + (i + 1) + ".conf", "include d" + (i + 1) + ".conf");
    List<String> found = errors(Lint.check(farm.agent("/etc/nix/d40.conf", "max-jobs = 1").layout()));
    assertThat(found).contains(SYSTEM + ":2: error: '/etc/nix/d1.conf' is included a second time in this chain of"
        + " includes: Nix reads it again, dispatchcheck reads each file of a chain once (so that includes cannot"
        + " multiply); include it from one place");
    // The second include in nix.conf and d1 … d15, then both of d16's past the limit: linear, not 2^40.
    assertThat(found).hasSize(18);
  }

  @Test
  void aMachinesFileNamedTwiceIsReadOnce() {
    List<String> found = errors(Lint.check(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines ; @/etc/nix/more")
        .agent("/etc/nix/machines", "ssh://a.example.com aarch64-linux")
        .agent("/etc/nix/more", "@/etc/nix/machines").layout()));
    assertThat(found).containsExactly("agent/etc/nix/more:1: error: machines file '/etc/nix/machines' is named a second"
        + " time in this builders value: Nix reads it again, dispatchcheck reads each machines file of a value once (so"
        + " that @file lines cannot multiply); name it in one place");
  }

  @Test
  void theSameFileInTwoChainsIsNoRepeat() {
    // The system's value and the agent's own each name /etc/nix/machines: two values, each reads it once.
    assertThat(Lint.check(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "ssh://a.example.com aarch64-linux")
        .agent(LintTest.AGENT_CONF, "builders = @/etc/nix/machines").layout())).isEmpty();
  }

  @Test
  void aChainInTheAgentsNixSettingsIsBoundedToo() {
    Farm farm = machinesChain(40).file(AgentConfig.TOML, "[nixSettings]", "builders = \"@/etc/nix/m1\"");
    List<Finding> found = Lint.check(farm.layout());
    assertThat(found).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::file, Finding::line)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("agent/etc/nix/m16", 2));
  }

  @Test
  void aLongFlatConfIsReadInLinearTime() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) lines.add("max-jobs = " + i);
    assertThat(Lint.check(Farm.in(dir).agent("/etc/nix/nix.conf", lines.toArray(String[]::new)).layout())).isEmpty();
  }
}
