package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.layout.FarmPlan.Cell;
import dev.dispatchcheck.dispatch.layout.FarmPlan.StandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmPlanTest {

  static final String AGENT_CONF = "/var/lib/hercules-ci-agent/.config/nix/nix.conf";
  static final String AGENT_MACHINES = "/var/lib/hercules-ci-agent/.config/nix/machines";

  @TempDir Path dir;

  /** The guide's farm: system builders in /etc/nix/machines, the agent's own in its dotfile. */
  private Farm guideFarm(String trustedUsers) {
    return Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = " + trustedUsers, "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines",
            "ssh-ng://nix@aarch64-linux-1.example.com aarch64-linux /root/.ssh/id_builder 4 2 big-parallel,kvm benchmark "
                + Farm.HOST_KEY,
            "ssh://AARCH64-linux-1.example.com armv7l-linux",
            "x86-builder.example.com i686-linux")
        .agent(AGENT_CONF, "builders = @" + AGENT_MACHINES)
        .agent(AGENT_MACHINES, "ssh://agent-only.example.com riscv64-linux")
        .builder("aarch64-linux-1.example.com", "extra-platforms = aarch64-linux armv7l-linux");
  }

  @Test
  void anUntrustedAgentGetsTheSystemsBuilders() {
    ClientFacts agent = FarmPlan.of(guideFarm("root").layout()).user("hercules-ci-agent").orElseThrow();
    assertThat(agent.trusted()).isFalse();
    assertThat(agent.ownBuilders()).contains("@" + AGENT_MACHINES);
    assertThat(agent.daemonBuilders()).isEqualTo("@/etc/nix/machines");
    assertThat(agent.daemonMachines()).containsExactly(
        "aarch64-linux-1.example.com", "AARCH64-linux-1.example.com", "x86-builder.example.com");
    assertThat(agent.missingIncludes()).isEmpty();
  }

  @Test
  void aTrustedAgentGetsItsDotfilesBuilders() {
    ClientFacts agent = FarmPlan.of(guideFarm("root hercules-ci-agent").layout()).user("hercules-ci-agent").orElseThrow();
    assertThat(agent.trusted()).isTrue();
    assertThat(agent.daemonBuilders()).isEqualTo("@" + AGENT_MACHINES);
    assertThat(agent.daemonMachines()).containsExactly("agent-only.example.com");
  }

  @Test
  void trustComesFromExtraTrustedUsersGroupsAndTheWildcard() {
    Farm farm = guideFarm("root");
    farm.agent("/etc/nix/nix.conf", "trusted-users = root", "extra-trusted-users = hercules-ci-agent");
    assertThat(FarmPlan.of(farm.layout()).user("hercules-ci-agent").orElseThrow().trusted()).isTrue();

    farm.agent("/etc/nix/nix.conf", "trusted-users = root @ci").agent("/etc/group", "ci:x:900:hercules-ci-agent");
    FarmPlan byGroup = FarmPlan.of(farm.layout());
    assertThat(byGroup.user("hercules-ci-agent").orElseThrow().trusted()).isTrue();
    assertThat(byGroup.user("alice").orElseThrow().trusted()).isFalse();

    farm.agent("/etc/nix/nix.conf", "trusted-users = *");
    assertThat(FarmPlan.of(farm.layout()).user("alice").orElseThrow().trusted()).isTrue();
  }

  @Test
  void aLaterTrustedUsersReplacesAnEarlierExtra() {
    Farm farm = guideFarm("root");
    farm.agent("/etc/nix/nix.conf", "extra-trusted-users = hercules-ci-agent", "trusted-users = root");
    assertThat(FarmPlan.of(farm.layout()).user("hercules-ci-agent").orElseThrow().trusted()).isFalse();
  }

  @Test
  void rootIsAlwaysTrustedAndWithoutABuildersSettingNixUsesEtcNixMachines() {
    FarmPlan plan = FarmPlan.of(Farm.in(dir).agent("/etc/nix/nix.conf", "trusted-users = alice").layout());
    ClientFacts root = plan.user("root").orElseThrow();
    assertThat(root.trusted()).isTrue();
    assertThat(root.daemonBuilders()).isEqualTo("@/etc/nix/machines");
    assertThat(root.missingIncludes()).containsExactly("/etc/nix/machines");
    assertThat(plan.users()).extracting(ClientFacts::user).containsExactly("hercules-ci-agent", "alice", "root");
  }

  @Test
  void aStandInPerHostFromEveryReachableLineEvenAnUntrustedAgentsOwn() {
    FarmPlan plan = FarmPlan.of(guideFarm("root").layout());
    assertThat(plan.standIns()).extracting(StandIn::host).containsExactly(
        "aarch64-linux-1.example.com", "agent-only.example.com", "x86-builder.example.com");

    StandIn aarch64 = plan.standIn("aarch64-linux-1.example.com").orElseThrow();
    assertThat(aarch64.sshUsers()).containsExactly("nix", "root");
    assertThat(aarch64.protocols()).containsExactly("ssh", "ssh-ng");
    assertThat(aarch64.systems()).containsExactly("aarch64-linux", "armv7l-linux");
    assertThat(aarch64.features()).containsExactly("benchmark", "big-parallel", "kvm");
    assertThat(aarch64.keyFiles()).containsExactly("/root/.ssh/id_builder");
    assertThat(aarch64.hostKeys()).containsExactly(new HostKey(Farm.HOST_KEY, true, true));
    assertThat(aarch64.ownNixConf()).isTrue();

    StandIn x86 = plan.standIn("x86-builder.example.com").orElseThrow();
    assertThat(x86.sshUsers()).containsExactly("root");
    assertThat(x86.protocols()).containsExactly("ssh");
    assertThat(x86.keyFiles()).isEmpty();
    assertThat(x86.hostKeys()).isEmpty();
    assertThat(x86.ownNixConf()).isFalse();
  }

  @Test
  void aHostKeyThatIsNotBase64IsRecordedAsSuch() {
    Farm farm = Farm.in(dir).agent("/etc/nix/machines", "ssh://b.example.com aarch64-linux - - - - - not*base64");
    StandIn b = FarmPlan.of(farm.layout()).standIn("b.example.com").orElseThrow();
    assertThat(b.hostKeys()).containsExactly(new HostKey("not*base64", false, false));
  }

  @Test
  void onlySshBuildersGetAStandIn() {
    // Nix prepends ssh:// to a bare host name, but not to a path or the words local, daemon, auto
    Farm farm = Farm.in(dir).agent("/etc/nix/machines",
        "local x86_64-linux", "daemon?root=/x aarch64-linux", "/nix/other aarch64-linux",
        "http://cache.example.com x86_64-linux", "b.example.com aarch64-linux", "ssh-ng://c aarch64-linux");
    assertThat(FarmPlan.of(farm.layout()).standIns()).extracting(StandIn::host).containsExactly("b.example.com", "c");
  }

  @Test
  void cellsCoverTheNativeSystemAndEachLinesSystemsWithTheirFeatures() {
    Farm farm = Farm.in(dir).agent("/etc/nix/machines",
        "ssh://a.example.com aarch64-linux - - - big-parallel,kvm benchmark",
        "ssh://b.example.com aarch64-linux,i686-linux",
        "ssh://c.example.com");
    List<Cell> cells = FarmPlan.of(farm.layout()).cells();
    List<Cell> agent = cells.stream().filter(c -> c.user().equals("hercules-ci-agent")).toList();
    assertThat(agent).containsExactly(
        new Cell("hercules-ci-agent", "aarch64-linux", List.of()),
        new Cell("hercules-ci-agent", "aarch64-linux", List.of("benchmark")),
        new Cell("hercules-ci-agent", "aarch64-linux", List.of("big-parallel")),
        new Cell("hercules-ci-agent", "aarch64-linux", List.of("kvm")),
        new Cell("hercules-ci-agent", "i686-linux", List.of()),
        new Cell("hercules-ci-agent", "x86_64-linux", List.of()));
    assertThat(cells).hasSize(3 * agent.size());
    assertThat(cells).extracting(Cell::user).containsSubsequence("alice", "hercules-ci-agent", "root");
  }

  @Test
  void aCellThatABuilderWithoutAStandInCouldTakeIsNotProbedAndSaysWhichScheme() {
    Farm farm = Farm.in(dir).agent("/etc/nix/machines",
        "http://cache.example.com aarch64-linux", "https://c2.example.com riscv64-linux", "file:///srv/store armv7l-linux",
        "daemon i686-linux", "local?root=/x mips-linux", "unix:///run/nix.sock powerpc-linux", "s3://bucket sparc-linux",
        "/nix/other m68k-linux", "ssh://b.example.com aarch64-linux,s390-linux");
    Map<String, Optional<String>> agent = FarmPlan.of(farm.layout()).cells().stream()
        .filter(c -> c.user().equals("hercules-ci-agent"))
        .collect(Collectors.toMap(Cell::system, Cell::unsimulated));
    assertThat(agent).containsEntry("aarch64-linux", Optional.of("http"))
        .containsEntry("riscv64-linux", Optional.of("https")).containsEntry("armv7l-linux", Optional.of("file"))
        .containsEntry("i686-linux", Optional.of("daemon")).containsEntry("mips-linux", Optional.of("local"))
        .containsEntry("powerpc-linux", Optional.of("unix")).containsEntry("sparc-linux", Optional.of("s3"))
        .containsEntry("m68k-linux", Optional.of("local"))
        .as("only SSH lines take these").containsEntry("s390-linux", Optional.empty())
        .containsEntry("x86_64-linux", Optional.empty());
  }

  @Test
  void aBuilderWithoutAStandInCountsOnlyWhereTheDaemonUsesItAndItsFeaturesFit() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "ssh://a.example.com aarch64-linux - - - kvm", "https://big.example.com aarch64-linux - - - - big")
        .agent(AGENT_CONF, "builders = ssh://a.example.com aarch64-linux");
    List<Cell> cells = FarmPlan.of(farm.layout()).cells();
    assertThat(cells).filteredOn(c -> c.user().equals("alice") && c.system().equals("aarch64-linux"))
        .extracting(c -> c.features() + " " + c.unsimulated().orElse("probed"))
        .as("a mandatory feature keeps the https line from the plain and the kvm build")
        .containsExactlyInAnyOrder("[] probed", "[big] https", "[kvm] probed");
    assertThat(cells).filteredOn(c -> c.user().equals("hercules-ci-agent"))
        .as("the trusted agent's own builders are SSH only").allMatch(c -> c.unsimulated().isEmpty());
  }

  @Test
  void aLineTakesABuildByNixsFeatureRules() {
    Machine m = MachinesFile.parse("ssh://b aarch64-linux - 1 1 big-parallel benchmark").machines().get(0);
    assertThat(FarmPlan.takes(m, "aarch64-linux", Set.of("benchmark"))).isTrue();
    assertThat(FarmPlan.takes(m, "aarch64-linux", Set.of("benchmark", "big-parallel"))).isTrue();
    assertThat(FarmPlan.takes(m, "aarch64-linux", Set.of())).as("mandatory feature not required").isFalse();
    assertThat(FarmPlan.takes(m, "aarch64-linux", Set.of("benchmark", "kvm"))).isFalse();
    assertThat(FarmPlan.takes(m, "x86_64-linux", Set.of("benchmark"))).isFalse();
    Machine native_ = MachinesFile.parse("ssh://c - - 1 1").machines().get(0);
    assertThat(FarmPlan.takes(native_, FarmPlan.NATIVE_SYSTEM, Set.of())).as("a line naming no system builds the native one").isTrue();
  }
}
