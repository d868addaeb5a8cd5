package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.FarmCommand.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ProxyCommand that only runs ssh -W through a jump host is ProxyJump by another name: deployed, not neutralised. */
class JumpCommandTest {
  @TempDir Path dir;

  private FarmDeployment deployed(String proxyCommand) {
    return FarmDeployment.of(Farm.in(dir).agent("/root/.ssh/config", "Host *.example.com", "  ProxyCommand " + proxyCommand)
        .layout(), false);
  }

  @Test
  void sshDashWIsDeployedAsWrittenAndAStandInBastionNamed() {
    FarmDeployment d = deployed("ssh -W %h:%p bastion.example.com");
    assertThat(d.commands()).extracting(FarmCommand::kind).containsExactly(Kind.PROXY_COMMAND_JUMP);
    assertThat(d.layout().agentFile("/root/.ssh/config").orElseThrow()).contains("ProxyCommand ssh -W %h:%p bastion.example.com");
    assertThat(d.commands().get(0).lintMessage()).isEqualTo("ProxyCommand 'ssh -W %h:%p bastion.example.com' only has ssh"
        + " reach builders through a jump host with ssh -W, as ProxyJump does; check stands in a bastion for it and deploys"
        + " it as written");
    assertThat(d.notes()).containsExactly("agent/root/.ssh/config:2: ProxyCommand 'ssh -W %h:%p bastion.example.com':"
        + " deployed as written: it only runs ssh -W through a jump host, as ProxyJump does, and the jump host is a"
        + " stand-in bastion (no other command of the farm's runs)");
  }

  @Test
  void anyOtherProxyCommandStaysNeutralised() {
    for (String command : List.of("nc %h %p", "ssh -W %h:%p bastion.example.com; touch /tmp/RAN",
        "ssh -o ProxyCommand=x -W %h:%p bastion.example.com")) {
      FarmDeployment d = deployed(command);
      assertThat(d.commands()).as(command).extracting(FarmCommand::kind).containsExactly(Kind.PROXY_COMMAND);
      assertThat(d.layout().agentFile("/root/.ssh/config").orElseThrow()).as(command).contains("ProxyCommand none")
          .doesNotContain(command);
    }
  }

  @Test
  void aRecognisedProxyCommandGivesItsJumpHostABastion() {
    FarmPlan plan = FarmPlan.of(Farm.in(dir).agent("/etc/nix/machines", "ssh-ng://a.example.com aarch64-linux")
        .agent("/root/.ssh/config", "Host *.example.com !bastion.example.com", "  ProxyCommand ssh -l jump -W '[%h]:%p' bastion.example.com")
        .layout());
    assertThat(plan.bastions()).extracting(FarmPlan.Bastion::host).containsExactly("bastion.example.com");
    assertThat(plan.bastions().get(0).sshUsers()).containsExactly("jump");
    assertThat(plan.route("ssh-ng://a.example.com").orElseThrow().described()).isEqualTo("a.example.com via bastion.example.com");
    assertThat(FarmPlan.of(Farm.in(dir).agent("/root/.ssh/config", "Host *.example.com", "  ProxyCommand nc %h %p").layout())
        .bastions()).isEmpty();
  }
}
