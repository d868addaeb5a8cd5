package dev.dispatchcheck.dispatch.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lines as a stand-in's sshd (OpenSSH 10.0p2, LogLevel DEBUG1) wrote them. */
class SshdLogTest {
  static final String BASTION = """
      Connection from 172.30.0.2 port 40412 on 172.30.0.3 port 2222 rdomain ""
      Accepted key ED25519 SHA256:iTxl found at /home/jump/.ssh/authorized_keys:1
      Accepted publickey for jump from 172.30.0.2 port 40412 ssh2: ED25519 SHA256:iTxl
      debug1: server_request_direct_tcpip: originator 127.0.0.1 port 65535, target aarch64-linux-1.example.com port 22
      Accepted publickey for jump from 172.30.0.2 port 40418 ssh2: ED25519 SHA256:iTxl
      debug1: server_request_direct_tcpip: originator 127.0.0.1 port 65535, target aarch64-linux-0.example.com port 22
      """;
  static final String REFUSING = """
      Connection from 172.30.0.2 port 40412 on 172.30.0.3 port 2222 rdomain ""
      Connection closed by authenticating user jump 172.30.0.2 port 40412 [preauth]
      drop connection #0 from [172.30.0.2]:40420 on [172.30.0.3]:2222 penalty: failed authentication
      """;

  @Test
  void loginsAndConnectionsOnwardAreCounted() {
    assertThat(SshdLog.accepted(BASTION, a -> a.equals("172.30.0.2") ? "agent" : a)).isEqualTo(Map.of("jump from agent", 2));
    assertThat(SshdLog.onward(BASTION)).isEqualTo(Map.of("aarch64-linux-1.example.com:22", 1, "aarch64-linux-0.example.com:22", 1));
    assertThat(SshdLog.logins(BASTION, "jump", Set.of("172.30.0.2"))).isEqualTo(2);
    assertThat(SshdLog.refusals(BASTION, "jump", Set.of("172.30.0.2"))).isZero();
  }

  @Test
  void aRefusalIsCountedForItsUserAndSourceOnly() {
    assertThat(SshdLog.refusals(REFUSING, "jump", Set.of("172.30.0.2"))).isEqualTo(1);
    assertThat(SshdLog.refusals(REFUSING, "root", Set.of("172.30.0.2"))).isZero();
    assertThat(SshdLog.refusals(REFUSING, "jump", Set.of("172.30.0.9"))).isZero();
    assertThat(SshdLog.logins(REFUSING, "jump", Set.of("172.30.0.2"))).isZero();
    assertThat(SshdLog.onward(REFUSING)).isEmpty();
  }
}
