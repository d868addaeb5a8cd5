package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshGCheckTest {

  private static final String CONFIG = "Host arm1\n  HostName aarch64-linux-1.example.com\n  User nixbuilder\n"
      + "Host *.example.com !bastion.example.com\n  ProxyJump jump@bastion.example.com\n";

  private static SshRoute route(String config, String name, Optional<String> user) {
    return Routes.of(config, name, user);
  }

  /** ssh -G's output for an alias (trimmed; the real one has a line per option). */
  private static final String SSH_G_ARM1 = "host arm1\nuser nixbuilder\nhostname aarch64-linux-1.example.com\nport 22\n"
      + "identityfile ~/.ssh/id_rsa\n";

  @Test
  void theCommandIsSshDashGWithTheCommandLinesUser() {
    List<SshGCheck> checks = SshGCheck.of(route(CONFIG, "aarch64-linux-0.example.com", Optional.of("nix")));
    assertThat(checks).extracting(SshGCheck::command).containsExactly(
        List.of("ssh", "-G", "-l", "nix", "--", "aarch64-linux-0.example.com"),
        List.of("ssh", "-G", "-l", "jump", "--", "bastion.example.com"));
  }

  @Test
  void sshDashGAgreeingIsNoDifference() {
    SshGCheck c = SshGCheck.of(route(CONFIG, "arm1", Optional.empty())).get(0);
    assertThat(c.differences(0, SSH_G_ARM1, "")).isEmpty();
    assertThat(c.agreement()).isEqualTo("arm1: hostname aarch64-linux-1.example.com, user nixbuilder, port 22");
  }

  @Test
  void sshDashGDisagreeingIsNamedFieldByField() {
    SshGCheck c = SshGCheck.of(route(CONFIG, "arm1", Optional.empty())).get(0);
    assertThat(c.differences(0, SSH_G_ARM1.replace("aarch64-linux-1", "aarch64-linux-0").replace("port 22", "port 2222")
        + "proxyjump bastion.example.com\n", "")).containsExactly(
        "hostname: dispatchcheck reads aarch64-linux-1.example.com, ssh -G says aarch64-linux-0.example.com",
        "port: dispatchcheck reads 22, ssh -G says 2222",
        "jump host: dispatchcheck reads none, ssh -G says bastion.example.com");
    assertThat(c.differences(255, "", "some error\n")).containsExactly(
        "ssh -G fails (some error) where dispatchcheck expects it to reach aarch64-linux-1.example.com");
  }

  @Test
  void theJumpHostIsComparedAsEitherFormWritesIt() {
    SshGCheck c = SshGCheck.of(route(CONFIG, "aarch64-linux-1.example.com", Optional.of("nixbuilder"))).get(0);
    String out = "user nixbuilder\nhostname aarch64-linux-1.example.com\nport 22\n";
    assertThat(c.differences(0, out + "proxyjump jump@bastion.example.com\n", "")).isEmpty();
    assertThat(c.differences(0, out + "proxycommand ssh -l jump -W %h:%p bastion.example.com\n", "")).isEmpty();
    assertThat(c.differences(0, out + "proxycommand ssh -W %h:%p bastion.example.com\n", "")).hasSize(1);
  }

  @Test
  void aJumphostLoopTheModelPredictsIsAgreement() {
    SshRoute looping = route("Host *\n ProxyJump b\n", "b", Optional.empty());
    SshGCheck c = SshGCheck.of(looping).get(0);
    assertThat(c.differences(255, "", "jumphost loop via b\n")).isEmpty();
    assertThat(c.differences(0, "user root\nhostname b\nport 22\nproxyjump b\n", ""))
        .contains("ssh -G succeeds where dispatchcheck expects 'jumphost loop via b'");
    assertThat(SshGCheck.of(route("", "b", Optional.empty())).get(0).differences(255, "", "jumphost loop via b\n"))
        .hasSize(1);
    // The first ssh passes (another user), the jump host's own ssh loops: ssh -G says so for it alone.
    List<SshGCheck> viaLoop = SshGCheck.of(route("Host *\n ProxyJump u@b\n", "b", Optional.empty()));
    assertThat(viaLoop.get(0).differences(0, "user root\nhostname b\nport 22\nproxyjump u@b\n", "")).isEmpty();
    assertThat(viaLoop.get(1).differences(255, "", "jumphost loop via b\n")).isEmpty();
  }
}
