package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentPathsTest {
  @Test
  void configurationMayBeDeployedProgramsMayNot() {
    assertThat(AgentPaths.allowed("/etc/nix/machines")).isTrue();
    assertThat(AgentPaths.allowed("/root/.ssh/config")).isTrue();
    assertThat(AgentPaths.allowed("/var/lib/hercules-ci-agent/.config/nix/nix.conf")).isTrue();
    assertThat(AgentPaths.allowed("/usr/local/bin/nix-build")).isFalse();
    assertThat(AgentPaths.allowed("/usr/local/sbin/nix-host-warm")).isFalse();
    assertThat(AgentPaths.allowed("/etc/ssh/ssh_config.evil")).isFalse();
    assertThat(AgentPaths.allowed("/etc/nixos/x")).isFalse();
  }
}
