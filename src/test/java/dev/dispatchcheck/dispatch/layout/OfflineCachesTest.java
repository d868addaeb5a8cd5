package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.NixConf;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No cache the stand-ins cannot reach is asked for: every substituter setting is left out, wherever it is. */
class OfflineCachesTest {
  static final String MARK = "# neutralised by dispatchcheck (no binary cache is reachable offline): ";
  static final String AGENT_CONF = "/var/lib/hercules-ci-agent/.config/nix/nix.conf";

  @TempDir Path dir;

  private Farm cached() {
    return Farm.in(dir)
        .agent("/etc/nix/nix.conf", "max-jobs = 4", "extra-substituters = https://nix-cache.example.com",
            "include caches.conf")
        .agent("/etc/nix/caches.conf", "trusted-substituters = https://other.example.com")
        .agent(AGENT_CONF, "builders = @/etc/nix/machines", "substituters = http://10.1.2.3/")
        .builder("b.example.com", "extra-trusted-substituters = s3://x", "max-jobs = 1")
        .file("hercules-ci-agent.json", "{\"nixSettings\": {\"extra-substituters\": \"https://n.example.com\","
            + " \"max-jobs\": \"2\"}}");
  }

  @Test
  void everySubstituterSettingIsFoundAtItsLine() {
    List<String> found = OfflineCaches.of(cached().layout(), FarmLimits.DEFAULT).stream()
        .map(c -> c.file() + ":" + c.line() + ": " + c.name()).toList();
    assertThat(found).containsExactlyInAnyOrder(
        "agent/etc/nix/nix.conf:2: extra-substituters",
        "agent/etc/nix/caches.conf:1: trusted-substituters",
        "agent" + AGENT_CONF + ":2: substituters",
        "builders/b.example.com/etc/nix/nix.conf:1: extra-trusted-substituters",
        "hercules-ci-agent.json:1: extra-substituters");
  }

  @Test
  void eachIsDeployedCommentedOutLineForLineAndLeftOutOfNixSettings() {
    FarmLayout layout = cached().layout();
    FarmLayout deployed = OfflineCaches.deployed(layout, OfflineCaches.of(layout, FarmLimits.DEFAULT));
    assertThat(deployed.systemNixConf()).isEqualTo(String.join("\n", "max-jobs = 4",
        MARK + "extra-substituters = https://nix-cache.example.com", "include caches.conf", ""));
    assertThat(deployed.agentFile(AGENT_CONF).orElseThrow()).isEqualTo(String.join("\n",
        "builders = @/etc/nix/machines", MARK + "substituters = http://10.1.2.3/", ""));
    assertThat(NixConf.parse(deployed.builderNixConf("b.example.com").orElseThrow()).entries())
        .containsExactly(new NixConf.Setting("max-jobs", "1"));
    assertThat(NixConf.parse(deployed.agentFile("/etc/nix/caches.conf").orElseThrow()).entries()).isEmpty();
    assertThat(deployed.nixSettings().asMap()).containsExactly(Map.entry("max-jobs", "2"));
    assertThat(OfflineCaches.of(deployed, FarmLimits.DEFAULT)).isEmpty();
  }

  @Test
  void whetherOrNotTheFarmsCommandsRunTheStandInsAskNoCache() {
    FarmLayout layout = cached().layout();
    FarmStandIns standIns = FarmStandIns.of(layout, FarmLimits.DEFAULT);
    for (boolean run : List.of(false, true)) {
      FarmLayout deployed = FarmDeployment.of(standIns.deployed(layout), run).layout();
      assertThat(OfflineCaches.of(deployed, FarmLimits.DEFAULT)).as("run farm commands: " + run).isEmpty();
    }
  }

  @Test
  void aFarmWithoutCachesIsDeployedAsItIs() {
    FarmLayout layout = Farm.in(dir).agent("/etc/nix/nix.conf", "max-jobs = 4", "builders-use-substitutes = true")
        .layout();
    assertThat(OfflineCaches.of(layout, FarmLimits.DEFAULT)).isEmpty();
    assertThat(OfflineCaches.deployed(layout, List.of())).isSameAs(layout);
  }

  @Test
  void theNoteSaysTheStandInsHadNoCacheAndWhyNoAnswerDependsOnOne() {
    OfflineCaches.Cache c = OfflineCaches.of(cached().layout(), FarmLimits.DEFAULT).get(0);
    assertThat(c.note()).isEqualTo("agent/etc/nix/nix.conf:2: extra-substituters 'https://nix-cache.example.com':"
        + " deployed commented out, as the stand-ins are offline and reach no binary cache: nothing was substituted,"
        + " and no build waited for a cache. The probes are new derivations, in no cache, so no cell's answer depends"
        + " on one");
  }
}
