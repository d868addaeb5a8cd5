package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshRouteTest {

  private static SshRoute route(String config, String name, Optional<String> user) {
    return Routes.of(config, name, user);
  }

  private static SshRoute route(String config, String name) {
    return route(config, name, Optional.empty());
  }

  @Test
  void anAliasNamesBothItsNameAndItsHost() {
    SshRoute r = route("Host arm1\n  HostName aarch64-linux-1.example.com\n", "arm1");
    assertThat(r.isAlias()).isTrue();
    assertThat(r.named()).isEqualTo("arm1, that is aarch64-linux-1.example.com");
    assertThat(r.described()).isEqualTo("arm1, that is aarch64-linux-1.example.com");
  }

  @Test
  void aHostReachedByItsOwnNameIsNoAlias() {
    SshRoute r = route("Host arm1\n  HostName aarch64-linux-1.example.com\n", "aarch64-linux-1.example.com");
    assertThat(r.isAlias()).isFalse();
    assertThat(r.named()).isEqualTo("aarch64-linux-1.example.com");
    assertThat(route("", "AARCH64-linux-1.example.com").isAlias()).isFalse();
  }

  @Test
  void aProxyJumpIsPassedThroughAndTheJumpHostReadsTheSameFiles() {
    SshRoute r = route("Host bastion.example.com\n User jump\n Port 2200\n IdentityFile ~/.ssh/jump_%h\n"
        + "Host *.example.com !bastion.example.com\n ProxyJump bastion.example.com\n", "aarch64-linux-1.example.com",
        Optional.of("nixbuilder"));
    assertThat(r.failure()).isEmpty();
    assertThat(r.viaHosts()).containsExactly("bastion.example.com");
    SshRoute hop = r.via().get(0);
    assertThat(hop.user()).isEqualTo("jump");
    assertThat(hop.port()).isEqualTo(2200);
    assertThat(hop.identityFiles()).containsExactly("/root/.ssh/jump_bastion.example.com");
    assertThat(r.user()).isEqualTo("nixbuilder");
    assertThat(r.described()).isEqualTo("aarch64-linux-1.example.com via bastion.example.com");
  }

  @Test
  void aJumpHostThatMatchesItsOwnProxyJumpIsAJumphostLoop() {
    // ssh -G bastion.example.com: "jumphost loop via bastion.example.com"; every build through it fails so.
    SshRoute r = route("Host *.example.com\n ProxyJump bastion.example.com\n", "aarch64-linux-1.example.com");
    assertThat(r.failure()).contains("bastion.example.com: jumphost loop via bastion.example.com");
    assertThat(route("Host *\n ProxyJump b\n", "b").failure()).contains("jumphost loop via b");
  }

  @Test
  void aJumpHostLeftOutOfItsOwnProxyJumpIsNoLoop() {
    assertThat(route("Host * !b\n ProxyJump b\n", "h").failure()).isEmpty();
    assertThat(route("Host b\n ProxyJump none\nHost *\n ProxyJump b\n", "h").failure()).isEmpty();
  }

  @Test
  void anotherUserOrPortPassesTheFirstSshButTheJumpHostsOwnSshLoops() {
    // ssh -G b prints proxyjump u@b (no loop for root@b), but the ssh it runs, ssh -l u b, reads the same
    // ProxyJump for itself: a loop there, so the connection fails all the same.
    assertThat(route("Host *\n ProxyJump u@b\n", "b").failure()).contains("b: jumphost loop via b");
    assertThat(route("Host *\n ProxyJump b:2200\n", "b").failure()).contains("b: jumphost loop via b");
    assertThat(route("Host b\n HostName real\nHost *\n ProxyJump b\n", "b").failure())
        .hasValueSatisfying(f -> assertThat(f).contains("lead round in a loop"));
  }

  @Test
  void aChainIsReachedHopByHopTheLaterOnesThroughTheEarlier() {
    SshRoute r = route("Host h\n ProxyJump u@a:2200,c\nHost c\n ProxyJump nope\n", "h");
    assertThat(r.viaHosts()).containsExactly("a", "c");
    assertThat(r.via().get(0).user()).isEqualTo("u");
    assertThat(r.via().get(0).port()).isEqualTo(2200);
    assertThat(r.described()).isEqualTo("h via a and c");
  }

  @Test
  void aProxyCommandRunningSshDashWIsAJumpHostAndAnyOtherIsNot() {
    assertThat(route("Host h\n ProxyCommand ssh -W %h:%p bastion\n", "h").viaHosts()).containsExactly("bastion");
    assertThat(route("Host h\n ProxyCommand ssh -q -l jump -W '[%h]:%p' bastion\n", "h").via().get(0).user()).isEqualTo("jump");
    assertThat(route("Host h\n ProxyCommand nc %h %p\n", "h").via()).isEmpty();
    assertThat(route("Host h\n ProxyCommand none\n", "h").via()).isEmpty();
  }

  @Test
  void aProxyCommandThatRunsItselfNestsUntilTheLimit() {
    SshRoute r = route("Host *\n ProxyCommand ssh -W %h:%p b\n", "h");
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).contains("lead round in a loop"));
  }

  @Test
  void identityFilesExpandAsSshExpandsThemForRoot() {
    SshRoute r = route("Host arm1\n HostName a.example.com\n User nix\n IdentityFile ~/.ssh/k_%h_%r_%u_%n_%p\n"
        + " IdentityFile %d/.ssh/other\n IdentityFile none\n IdentityFile /etc/nix/%l\n", "arm1");
    assertThat(r.identityFiles()).containsExactly("/root/.ssh/k_a.example.com_nix_root_arm1_22", "/root/.ssh/other");
    assertThat(r.unexpandedIdentityFiles()).extracting(SshOptions.Value::value).containsExactly("/etc/nix/%l");
  }
}
