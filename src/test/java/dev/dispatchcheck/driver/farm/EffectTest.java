package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectTest {
  private final Probe probe = Probe.salted("aarch64-linux");
  private final String dir = Effect.directoryFor(probe.salt());

  @Test
  void theProxyRunsAsTheAgentWithTheServicesEnvironmentAndNixSettingsInKeyOrder() {
    var path = EffectPath.of(Map.of("substituters", "", "builders", "ssh://b aarch64-linux; ssh://c x"), Optional.empty());
    List<String> cmd = Effect.proxyCommand(dir, path, false);
    assertThat(cmd).startsWith("sudo", "-u", "hercules-ci-agent", "env", "-i", "HOME=/var/lib/hercules-ci-agent")
        .endsWith("/usr/local/sbin/nix-effect-proxy", "start", dir,
            "--option", "builders", "ssh://b aarch64-linux; ssh://c x", "--option", "substituters", "");
    assertThat(dir).startsWith("/var/lib/hercules-ci-agent/work/effect-");
  }

  @Test
  void theClientHasTheEffectsEnvironmentAndNothingElse() {
    List<String> cmd = Effect.clientCommand(dir, EffectPath.of(Map.of(), Optional.empty()), probe, false);
    assertThat(cmd).contains("HOME=/homeless-shelter", "NIX_REMOTE=daemon",
        "NIX_DAEMON_SOCKET_PATH=" + dir + "/nix-daemon-socket", "NIX_CONF_DIR=" + dir + "/etc/nix")
        .doesNotContain("--builders").noneMatch(a -> a.startsWith("HOME=/var"));
    assertThat(cmd.subList(0, 5)).containsExactly("sudo", "-u", "hercules-ci-agent", "env", "-i");
    assertThat(cmd.subList(cmd.indexOf("nix-build"), cmd.size())).isEqualTo(probe.nixBuildArgs(List.of()));
  }

  @Test
  void theEffectsOwnBuildersAreOneArgumentEvenWhenEmpty() {
    List<String> cmd = Effect.clientCommand(dir, EffectPath.of(Map.of(), Optional.of("")), probe, false);
    int i = cmd.indexOf("--builders");
    assertThat(cmd.get(i + 1)).isEmpty();
    assertThat(cmd.get(i + 2)).isEqualTo("--expr");
  }

  @Test
  void theShownCommandQuotesEveryValue() {
    assertThat(Effect.shown(List.of("env", "HOME=/x", "a b", "it's"))).isEqualTo("env 'HOME=/x' 'a b' 'it'\\''s'");
  }

  @Test
  void aSaltThatIsNotPlainIsRefused() {
    assertThatThrownBy(() -> Effect.directoryFor("../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAnEmptyOwnBuildersValueCounts() {
    assertThat(EffectPath.of(Map.of(), Optional.of("")).ownBuildersEmpty()).isTrue();
    assertThat(EffectPath.of(Map.of(), Optional.of("ssh://x y")).ownBuildersEmpty()).isFalse();
    assertThat(EffectPath.of(Map.of("builders", "n"), Optional.empty()).agentBuilders(Optional.of("d"))).contains("n");
    assertThat(EffectPath.of(Map.of(), Optional.empty()).agentBuilders(Optional.of("d"))).contains("d");
  }
}
