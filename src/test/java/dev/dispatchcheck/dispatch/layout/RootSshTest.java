package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.layout.FarmPlan.StandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root's ssh_config in a farm: the builders stand in under the host names it makes the machines lines' names. */
class RootSshTest {
  static final String AGENT_MACHINES = "/var/lib/hercules-ci-agent/.config/nix/machines";

  @TempDir Path dir;

  private Farm aliasFarm(String... sshConfig) {
    return Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "ssh-ng://nixbuilder@aarch64-linux-0.example.com aarch64-linux /etc/nix/id_builder")
        .agent("/var/lib/hercules-ci-agent/.config/nix/nix.conf", "builders = @" + AGENT_MACHINES)
        .agent(AGENT_MACHINES, "ssh-ng://arm1 aarch64-linux")
        .agent("/root/.ssh/config", sshConfig);
  }

  @Test
  void anAliasIsStoodInUnderItsHostNameWithTheUserPortAndKeySshWouldUse() {
    FarmPlan plan = FarmPlan.of(aliasFarm("Host arm1", "  HostName aarch64-linux-1.example.com", "  User nixbuilder",
        "  Port 2222", "  IdentityFile ~/.ssh/id_arm1").layout());
    assertThat(plan.standIns()).extracting(StandIn::host)
        .containsExactly("aarch64-linux-0.example.com", "aarch64-linux-1.example.com");
    StandIn arm1 = plan.standIn("aarch64-linux-1.example.com").orElseThrow();
    assertThat(arm1.aliases()).containsExactly("arm1");
    assertThat(arm1.sshUsers()).containsExactly("nixbuilder");
    assertThat(arm1.ports()).containsExactly(2222);
    assertThat(arm1.keyFiles()).containsExactly("/root/.ssh/id_arm1");
    assertThat(plan.route("ssh-ng://arm1").orElseThrow().named()).isEqualTo("arm1, that is aarch64-linux-1.example.com");
    assertThat(plan.standIn("aarch64-linux-0.example.com").orElseThrow().aliases()).isEmpty();
  }

  @Test
  void withoutSshConfigTheNameIsTheHost() {
    FarmPlan plan = FarmPlan.of(aliasFarm("# nothing").layout());
    assertThat(plan.standIns()).extracting(StandIn::host).containsExactly("aarch64-linux-0.example.com", "arm1");
    StandIn arm1 = plan.standIn("arm1").orElseThrow();
    assertThat(arm1.aliases()).isEmpty();
    assertThat(arm1.sshUsers()).containsExactly("root");
    assertThat(arm1.ports()).containsExactly(22);
    assertThat(arm1.keyFiles()).isEmpty();
  }

  @Test
  void aMachinesLinesUserWinsOverUserAsSshsDashLDoes() {
    Farm farm = aliasFarm("Host *.example.com", "  User other");
    assertThat(FarmPlan.of(farm.layout()).standIn("aarch64-linux-0.example.com").orElseThrow().sshUsers())
        .containsExactly("nixbuilder");
    farm.agent("/etc/nix/machines", "ssh-ng://aarch64-linux-0.example.com aarch64-linux");
    assertThat(FarmPlan.of(farm.layout()).standIn("aarch64-linux-0.example.com").orElseThrow().sshUsers())
        .containsExactly("other");
  }

  @Test
  void twoNamesForOneHostAreOneStandIn() {
    Farm farm = aliasFarm("Host arm0", "  HostName aarch64-linux-0.example.com");
    farm.agent(AGENT_MACHINES, "ssh-ng://nixbuilder@arm0 aarch64-linux");
    FarmPlan plan = FarmPlan.of(farm.layout());
    assertThat(plan.standIns()).extracting(StandIn::host).containsExactly("aarch64-linux-0.example.com");
    assertThat(plan.standIns().get(0).aliases()).containsExactly("arm0");
  }

  @Test
  void theSystemFilesAndTheirIncludesAreReadAfterRootsOwn() {
    Farm farm = aliasFarm("Host arm1", "  User fromroot")
        .agent("/etc/ssh/ssh_config.d/builders.conf", "Host arm1", "  HostName aarch64-linux-1.example.com", "  User fromsystem");
    SshRoute r = RootSsh.of(farm.layout()).route("arm1", Optional.empty());
    assertThat(r.host()).as("Debian's ssh_config includes ssh_config.d/*.conf").isEqualTo("aarch64-linux-1.example.com");
    assertThat(r.user()).isEqualTo("fromroot");
    farm.agent("/etc/ssh/ssh_config", "Host *", "  Port 2");
    assertThat(RootSsh.of(farm.layout()).route("arm1", Optional.empty()).host())
        .as("a farm's own ssh_config that includes nothing").isEqualTo("arm1");
  }

  @Test
  void rootsIncludesAreRelativeToRootsSshDirectory() {
    Farm farm = aliasFarm("Include builders/*").agent("/root/.ssh/builders/arm", "Host arm1", "  HostName a.example.com");
    assertThat(RootSsh.of(farm.layout()).route("arm1", Optional.empty()).host()).isEqualTo("a.example.com");
    farm.agent("/root/.ssh/config", "Include /elsewhere/*");
    assertThat(RootSsh.of(farm.layout()).route("arm1", Optional.empty()).host()).isEqualTo("arm1");
  }

  @Test
  void anotherUsersConfigIsNotRoots() {
    Farm farm = aliasFarm("# none").agent("/var/lib/hercules-ci-agent/.ssh/config", "Host arm1", "  HostName a.example.com");
    assertThat(FarmPlan.of(farm.layout()).standIn("arm1")).isPresent();
  }

  @Test
  void jumpHostsGetAStandInEach() {
    FarmPlan plan = FarmPlan.of(aliasFarm("Host bastion.example.com", "  User jump", "  IdentityFile /root/.ssh/id_jump",
        "Host *.example.com arm1 !bastion.example.com", "  ProxyJump bastion.example.com").layout());
    assertThat(plan.bastions()).extracting(FarmPlan.Bastion::host).containsExactly("bastion.example.com");
    FarmPlan.Bastion b = plan.bastions().get(0);
    assertThat(b.sshUsers()).containsExactly("jump");
    assertThat(b.ports()).containsExactly(22);
    assertThat(b.logins()).extracting(BastionLogins.Login::offered).containsExactly(List.of("/root/.ssh/id_jump"));
    assertThat(b.logins()).extracting(BastionLogins.Login::accepted).as("no authorized_keys in the farm: taken to accept it")
        .containsExactly(List.of("/root/.ssh/id_jump"));
    assertThat(plan.route("ssh-ng://arm1").orElseThrow().described()).isEqualTo("arm1 via bastion.example.com");
    assertThat(FarmPlan.of(aliasFarm("# none").layout()).bastions()).isEmpty();
  }

  @Test
  void lintSaysWhatTheStandInsCannotBeAndWhatIsNotModelled() {
    List<Finding> findings = Lint.check(aliasFarm("Host arm1", "  HostName agent", "  User 'a b'", "  Port 99999",
        "  IdentityFile /tmp/key", "  IdentityFile ~/.ssh/k_%l", "Match canonical host x", "  User y").layout());
    assertThat(findings).extracting(Finding::toString).containsExactly(
        "agent/root/.ssh/config:2: error: HostName agent of builder arm1 is the name of one of dispatchcheck's own hosts"
            + " (agent, client), so no stand-in can answer to it: dispatchcheck cannot check a farm with a builder of that name",
        "agent/root/.ssh/config:3: error: SSH user 'a b' of builder arm1 is not a login name (a letter or '_', then"
            + " letters, digits, '_' or '-', perhaps a final '$'; at most 32 characters)",
        "agent/root/.ssh/config:4: error: port '99999' of builder arm1 is not a number from 1 to 65535",
        // The path rule of secrets' throwaways (SecretPaths) holds at the same line: it is what keeps a throwaway
        // from being written anywhere on a stand-in.
        "agent/root/.ssh/config:5: error: IdentityFile '/tmp/key' lies outside the directories where dispatchcheck makes"
            + " a throwaway of a file the farm cannot hold (/etc/nix/, /root/, /var/lib/hercules-ci-agent/, /run/secrets/,"
            + " /run/agenix/, /run/keys/, /run/credentials/): it makes one at that path on a stand-in, as root, and puts a"
            + " stand-in back as it was between scenarios only there",
        "agent/root/.ssh/config:5: warning: IdentityFile /tmp/key of builder arm1 is not where dispatchcheck makes a"
            + " throwaway key (an absolute path under /etc/nix/, /root/.ssh/, /var/lib/hercules-ci-agent/, not a file ssh"
            + " or dispatchcheck uses otherwise): no key stands in for it, so ssh offers root's others",
        "agent/root/.ssh/config:6: error: IdentityFile '~/.ssh/k_%l' uses %l, which dispatchcheck does not expand (it"
            + " expands %d, %h, %n, %p, %r, %u and %%): it makes a throwaway key at that path for each stand-in ssh offers"
            + " it to",
        "agent/root/.ssh/config:6: warning: IdentityFile ~/.ssh/k_%l of builder arm1 holds a token dispatchcheck does"
            + " not expand (it expands ~, %d, %u, %h, %r, %p, %n, %i and %%): no throwaway key stands in for it, so ssh"
            + " offers root's others",
        "agent/root/.ssh/config:7: warning: Match canonical is not modelled by dispatchcheck, which takes the block as"
            + " not applying; check compares its reading with ssh -G on the agent's stand-in and stops"
            + " (exit 3) where they differ");
  }

  @Test
  void lintIsSilentOnAnAliasItCanStandIn() {
    assertThat(Lint.check(aliasFarm("Host arm1", "  HostName aarch64-linux-1.example.com", "  User nixbuilder",
        "  IdentityFile ~/.ssh/id_ed25519", "  IdentityFile /etc/nix/id_arm1").layout())).isEmpty();
  }

  @Test
  void lintNamesAnIpAddressAndAJumphostLoop() {
    assertThat(Lint.check(aliasFarm("Host arm1", "  HostName 10.0.0.5").layout())).extracting(Finding::toString)
        .containsExactly("agent/root/.ssh/config:2: error: HostName 10.0.0.5 of builder arm1 is an IP address: the"
            + " stand-ins answer to host names on the farm's own network, so dispatchcheck cannot stand in for it; name"
            + " the host in HostName");
    assertThat(Lint.check(aliasFarm("Host *.example.com", "  ProxyJump bastion.example.com").layout()))
        .extracting(Finding::toString).filteredOn(f -> f.contains("jumphost loop")).containsExactly("agent/root/.ssh/config:2: warning: ssh fails on its way to builder"
            + " aarch64-linux-0.example.com (bastion.example.com: jumphost loop via bastion.example.com): the jump host's"
            + " own name matches the Host line that gives it this ProxyJump, so ssh refuses to reach it through itself;"
            + " leave it out (Host *.example.com !bastion.example.com) or give it ProxyJump none in a block before; its"
            + " builds fail there in production as in the stand-ins");
  }

  @Test
  void aJumpHostsNameUserAndPortAreCheckedWhereTheProxyLineNamesThem() {
    assertThat(Lint.check(aliasFarm("Host *.example.com !bastion.example.com",
        "  ProxyCommand ssh -l 'a b' -W %h:%p agent").layout())).extracting(Finding::toString).filteredOn(f -> f.contains("error"))
        .containsExactly("agent/root/.ssh/config:2: error: jump host agent is the name of one of dispatchcheck's own hosts"
            + " (agent, client), so no stand-in can answer to it: dispatchcheck cannot check a farm with a builder of that name",
            "agent/root/.ssh/config:2: error: SSH user 'a b' of jump host agent is not a login name (a letter or '_', then"
                + " letters, digits, '_' or '-', perhaps a final '$'; at most 32 characters)");
    assertThat(Lint.check(aliasFarm("Host *.example.com !bastion.example.com",
        "  ProxyCommand ssh -l 'a;b' -W %h:%p agent").layout())).as("not ssh -W alone: neutralised, no jump host")
        .extracting(Finding::toString).filteredOn(f -> f.contains("error")).isEmpty();
    assertThat(Lint.check(aliasFarm("Host *.example.com !bastion.example.com", "  ProxyJump x_y@b.example.com:0").layout()))
        .extracting(Finding::toString).filteredOn(f -> f.contains("error")).containsExactly(
            "agent/root/.ssh/config:2: error: port '0' of jump host b.example.com is not a number from 1 to 65535");
    assertThat(Lint.check(aliasFarm("Host *.example.com !bastion.example.com", "  ProxyJump b.example.com,").layout()))
        .extracting(Finding::toString).filteredOn(f -> f.contains("error")).containsExactly(
            "agent/root/.ssh/config:2: error: ProxyJump b.example.com, of builder aarch64-linux-0.example.com is not a list"
                + " of [user@]host[:port]");
    assertThat(Lint.check(aliasFarm("Host *.example.com !bastion.example.com", "  ProxyJump jump@b.example.com:2200")
        .layout())).extracting(Finding::toString).filteredOn(f -> f.contains("error")).isEmpty();
  }
}
