package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.layout.FarmPlan.Cell;
import dev.dispatchcheck.dispatch.layout.FarmPlan.StandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder lines a stand-in cannot answer for, as Nix reads them (NixReadings says why): an
 * IPv6 address, a store URI without '//', a Lix TOML machines file. Their cells are not
 * stood in, and none of them becomes a stand-in of a made-up name.
 */
class NotStoodInTest {

  static final String AGENT_CONF = "/var/lib/hercules-ci-agent/.config/nix/nix.conf";

  @TempDir Path dir;

  private Farm farm(String... machines) {
    return Farm.in(dir).agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", machines);
  }

  /** Each of alice's cells as "system [features]: not stood in kind", or "probed". */
  private static List<String> alice(FarmPlan plan) {
    return plan.cells().stream().filter(c -> c.user().equals("alice"))
        .map(c -> c.system() + " " + c.features() + ": " + c.unsimulated().orElse("probed")).toList();
  }

  @Test
  void anIpv6BuilderHasNoStandInAndItsCellsAreNotStoodIn() {
    FarmPlan plan = FarmPlan.of(farm("ssh://[fd00::1] aarch64-linux", "ssh-ng://nix@fd00::2 riscv64-linux",
        "ssh-ng://nix@[2001:db8::5]:2222 i686-linux", "ssh://b.example.com armv7l-linux").layout());
    assertThat(plan.standIns()).extracting(StandIn::host).containsExactly("b.example.com");
    assertThat(alice(plan)).containsExactly("aarch64-linux []: IPv6 ssh", "armv7l-linux []: probed",
        "i686-linux []: IPv6 ssh-ng", "riscv64-linux []: IPv6 ssh-ng", "x86_64-linux []: probed");
    assertThat(plan.user("alice").orElseThrow().daemonMachines()).as("named whole, as Nix and the live host's reading name them")
        .containsExactly("[fd00::1]", "fd00::2", "[2001:db8::5]", "b.example.com");
  }

  @Test
  void aStoreUriWithoutSlashesHasNoStandInNamedSshOrAfterItsHost() {
    FarmPlan plan = FarmPlan.of(farm("ssh:b.example.com aarch64-linux", "ssh-ng:c.example.com?ssh-key=/root/.ssh/id i686-linux",
        "ssh://d.example.com armv7l-linux").layout());
    assertThat(plan.standIns()).extracting(StandIn::host).containsExactly("d.example.com");
    assertThat(alice(plan)).containsExactly("aarch64-linux []: ssh:HOST", "armv7l-linux []: probed",
        "i686-linux []: ssh-ng:HOST", "x86_64-linux []: probed");
  }

  @Test
  void ordinaryBuildersAreStoodInUnderTheirHostNames() {
    FarmPlan plan = FarmPlan.of(farm("ssh://b.example.com:2222 aarch64-linux", "d.example.com i686-linux",
        "ssh-ng://nix@c.example.com aarch64-linux - 1 1 kvm").layout());
    assertThat(plan.standIns()).extracting(StandIn::host).containsExactly("b.example.com", "c.example.com", "d.example.com");
    assertThat(plan.cells()).allMatch(c -> c.unsimulated().isEmpty());
    assertThat(plan.standIn("c.example.com").orElseThrow().features()).containsExactly("kvm");
  }

  @Test
  void everyCellOfAUserWhoseBuildersReachALixTomlFileIsNotStoodIn() {
    Farm farm = farm("version = 1", "[machines.andesite]", "uri = \"ssh://lix@andesite.lix.systems\"",
        "system-types = [\"aarch64-linux\"]", "supported-features = [\"kvm\", \"benchmark\"]")
        .agent(AGENT_CONF, "builders = ssh://b.example.com aarch64-linux");
    FarmPlan plan = FarmPlan.of(farm.layout());
    assertThat(plan.standIns()).extracting(StandIn::host).as("none from the TOML file").containsExactly("b.example.com");
    assertThat(plan.cells()).filteredOn(c -> !c.user().equals("hercules-ci-agent")).isNotEmpty()
        .allMatch(c -> c.unsimulated().equals(Optional.of(FarmPlan.LIX_TOML)));
    assertThat(plan.cells()).filteredOn(c -> c.user().equals("hercules-ci-agent"))
        .as("the trusted agent's own builders do not reach it").extracting(Cell::unsimulated).containsOnly(Optional.empty());
    assertThat(plan.user("root").orElseThrow().daemonMachines()).as("no garbage machine lines").isEmpty();
  }

  @Test
  void aLixTomlFileIsSkippedWholeByTheMachinesParse() {
    MachinesFile f = MachinesFile.parse("@/etc/nix/machines ; ssh://b x86_64-linux",
        p -> Optional.of("version = 1\n[machines.a]\nsupported-features = [\"kvm\", \"benchmark\"]\n"));
    assertThat(f.lixTomlFiles()).containsExactly("/etc/nix/machines");
    assertThat(f.machines()).extracting(m -> m.hostName()).containsExactly("b");
    assertThat(MachinesFile.parse("@/etc/nix/machines", p -> Optional.of("ssh://a x86_64-linux\n")).lixTomlFiles())
        .isEmpty();
  }
}
