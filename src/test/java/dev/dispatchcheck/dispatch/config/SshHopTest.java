package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshHopTest {

  @Test
  void proxyJumpIsAListOfUserHostPort() {
    assertThat(SshHop.proxyJump("u@b:2200,ssh://c").orElseThrow()).containsExactly(
        new SshHop(Optional.of("u"), "b", Optional.of("2200")), new SshHop(Optional.empty(), "c", Optional.empty()));
    assertThat(SshHop.proxyJump("none").orElseThrow()).isEmpty();
  }

  @Test
  void aMalformedProxyJumpIsNone() {
    assertThat(SshHop.proxyJump("b,")).isEmpty();
    assertThat(SshHop.proxyJump("@b")).isEmpty();
    assertThat(SshHop.proxyJump("b:")).isEmpty();
  }

  @Test
  void theSshDashWFormsAreRecognised() {
    for (String c : List.of("ssh -W %h:%p bastion", "ssh -W [%h]:%p bastion", "ssh -W '[%h]:%p' bastion",
        "exec ssh -q -W %h:%p bastion", "/usr/bin/ssh bastion -W %h:%p", "ssh -4 -T -W \"%h:%p\" bastion")) {
      assertThat(SshHop.sshW(c)).as(c).contains(new SshHop(Optional.empty(), "bastion", Optional.empty()));
    }
    assertThat(SshHop.sshW("ssh -l jump -p 2200 -W %h:%p bastion"))
        .contains(new SshHop(Optional.of("jump"), "bastion", Optional.of("2200")));
    assertThat(SshHop.sshW("ssh -W %h:%p jump@bastion")).contains(new SshHop(Optional.of("jump"), "bastion", Optional.empty()));
  }

  @Test
  void anyOtherCommandIsNotRecognised() {
    for (String c : List.of("nc %h %p", "ssh bastion nc %h %p", "ssh -W %h:%p bastion; rm -rf /", "ssh -W %h:%p $(hostname)",
        "ssh -o ProxyCommand=x -W %h:%p bastion", "ssh -W %h:22 bastion", "ssh -W %h:%p", "ssh -W %h:%p a b",
        "ssh -W %h:%p %h", "sh -c 'ssh -W %h:%p bastion'", "ssh -i /etc/nix/k -W %h:%p bastion", "ssh -W %h:%p b`x`",
        "ssh -W %h:%p bastion:22")) {
      assertThat(SshHop.sshW(c)).as(c).isEmpty();
    }
  }
}
