package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.config.SshConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmDeploymentTest {
  static final String RECORDER = "/usr/local/libexec/dispatchcheck/neutralised/";

  @TempDir Path dir;

  private Farm hooked() {
    return Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines", "  post-build-hook = /etc/nix/upload.sh",
            "build-hook = /etc/nix/hook", "include more.conf")
        .agent("/etc/nix/more.conf", "pre-build-hook = /etc/nix/pre # why", "diff-hook = /etc/nix/diff",
            "extra-plugin-files = /etc/nix/p.so", "post-build-hook =")
        .agent("/etc/nix/upload.sh", "touch /tmp/HOOK-RAN", "exit 1")
        .builder("b.example.com", "max-jobs = 1", "post-build-hook = /bin/upload")
        .file("hercules-ci-agent.toml", "[nixSettings]", "post-build-hook = \"/etc/nix/upload.sh\"",
            "build-hook = \"/etc/nix/hook\"", "max-jobs = \"2\"")
        .agent("/root/.ssh/config", "Host *", "  LocalCommand touch /tmp/LOCAL-RAN", "  PermitLocalCommand yes",
            "  proxycommand=nc %h %p", "Match host X !exec \"test ! -d /opt/dispatchcheck\"", "  HostName elsewhere",
            "Host b", "  KnownHostsCommand /etc/nix/upload.sh %H", "  ProxyJump bastion", "  RemoteCommand x",
            "  PKCS11Provider /etc/nix/p11.so", "  SecurityKeyProvider=/etc/nix/sk.so");
  }

  @Test
  void nixConfHooksPointAtTheRecorderOrAreDroppedLineForLine() {
    FarmLayout deployed = FarmDeployment.of(hooked().layout(), false).layout();
    assertThat(deployed.agentFile("/etc/nix/nix.conf").orElseThrow()).isEqualTo(String.join("\n",
        "builders = @/etc/nix/machines",
        "post-build-hook = " + RECORDER + "post-build-hook # neutralised by dispatchcheck",
        "# neutralised by dispatchcheck: build-hook = /etc/nix/hook",
        "include more.conf", ""));
    assertThat(deployed.agentFile("/etc/nix/more.conf").orElseThrow()).isEqualTo(String.join("\n",
        "pre-build-hook = " + RECORDER + "pre-build-hook # neutralised by dispatchcheck",
        "diff-hook = " + RECORDER + "diff-hook # neutralised by dispatchcheck",
        "# neutralised by dispatchcheck: extra-plugin-files = /etc/nix/p.so",
        "post-build-hook =", ""));
    assertThat(deployed.builderNixConf("B.example.com").orElseThrow()).isEqualTo(String.join("\n",
        "max-jobs = 1", "post-build-hook = " + RECORDER + "post-build-hook # neutralised by dispatchcheck", ""));
    assertThat(deployed.agentFile("/etc/nix/upload.sh")).contains("touch /tmp/HOOK-RAN\nexit 1\n");
  }

  @Test
  void theDeployedNixConfsParseAndHoldNoneOfTheFarmsCommands() {
    FarmLayout deployed = FarmDeployment.of(hooked().layout(), false).layout();
    NixConf system = NixConf.parse(deployed.systemNixConf());
    NixConf more = NixConf.parse(deployed.agentFile("/etc/nix/more.conf").orElseThrow());
    assertThat(system.get("post-build-hook")).contains(RECORDER + "post-build-hook");
    assertThat(more.get("pre-build-hook")).contains(RECORDER + "pre-build-hook");
    assertThat(system.get("build-hook")).isEmpty();
    assertThat(more.get("extra-plugin-files")).isEmpty();
    assertThat(FarmCommands.of(deployed)).allMatch(c -> c.command().startsWith(RECORDER)
        || c.kind().deployed == FarmCommand.Deployed.AS_WRITTEN);
  }

  @Test
  void nixSettingsHooksAreNeutralisedAsANixConfs() {
    FarmLayout deployed = FarmDeployment.of(hooked().layout(), false).layout();
    assertThat(deployed.nixSettings().asMap()).containsExactly(
        Map.entry("max-jobs", "2"), Map.entry("post-build-hook", RECORDER + "post-build-hook"));
  }

  @Test
  void sshCommandsSayNoneAndAMatchExecBlockNeverApplies() {
    FarmLayout deployed = FarmDeployment.of(hooked().layout(), false).layout();
    assertThat(deployed.agentFile("/root/.ssh/config").orElseThrow()).isEqualTo(String.join("\n",
        "Host *",
        "  LocalCommand none",
        "  PermitLocalCommand yes",
        "  proxycommand none",
        "Match host \"!*\"",
        "  HostName elsewhere",
        "Host b",
        "  KnownHostsCommand none",
        "  ProxyJump bastion",
        "  RemoteCommand x",
        "  PKCS11Provider none",
        "  SecurityKeyProvider internal", ""));
    SshConfig.Line match = SshConfig.parse(deployed.agentFile("/root/.ssh/config").orElseThrow()).lines().get(4);
    assertThat(match.args()).containsExactly("host", "!*");
    assertThat(SshConfig.execs(match)).isEmpty();
  }

  @Test
  void withRunFarmCommandsEveryFileIsDeployedAsWritten() {
    FarmLayout layout = hooked().layout();
    FarmDeployment run = FarmDeployment.of(layout, true);
    assertThat(run.layout()).isEqualTo(layout);
    assertThat(run.recorded()).isFalse();
    assertThat(run.executables()).containsExactly("/etc/nix/upload.sh");
    assertThat(run.notes()).contains("agent/etc/nix/nix.conf:2: post-build-hook '/etc/nix/upload.sh' ran as written"
        + " (--run-farm-commands)");
  }

  @Test
  void neutralisedTheNotesNameEachAndWhatItMeansForTheAnswers() {
    FarmDeployment d = FarmDeployment.of(hooked().layout(), false);
    assertThat(d.recorded()).isTrue();
    assertThat(d.executables()).isEmpty();
    List<String> notes = d.notes();
    assertThat(notes).hasSize(16);
    assertThat(notes).contains(
        "agent/etc/nix/nix.conf:2: post-build-hook '/etc/nix/upload.sh' neutralised (" + RECORDER + "post-build-hook,"
            + " which notes each call in /var/log/dispatchcheck/neutralised): a recorded no-op ran in its place, so the"
            + " farm's did not: it would have run after each build, remote ones included once their outputs are back,"
            + " with the outputs in $OUT_PATHS (to upload them to a cache, say). A post-build hook runs after a build and"
            + " never decides where it goes: no cell's answer depends on it",
        "agent/etc/nix/nix.conf:3: build-hook '/etc/nix/hook' neutralised: the setting was dropped, so Nix's stock hook"
            + " ran in its place. The build hook decides where builds go: every cell is the stock hook's answer, which"
            + " the farm's hook may not give",
        "agent/root/.ssh/config:2: LocalCommand 'touch /tmp/LOCAL-RAN' neutralised (deployed as 'LocalCommand none'):"
            + " it would run once ssh has connected (Nix 2.26 runs its own instead) and never decides where a build"
            + " goes: no cell's answer depends on it, unless it prints, as its output would reach Nix's connection",
        "agent/root/.ssh/config:5: Match exec 'test ! -d /opt/dispatchcheck' neutralised: the block never applied: each"
            + " cell is the answer without it. In production the command may succeed, and the block could send builds"
            + " elsewhere, which no cell shows (the block sets HostName)",
        "agent/root/.ssh/config:9: ProxyJump 'bastion': deployed as written: ssh reaches builders through these hosts,"
            + " each a stand-in bastion (ssh runs ssh; no command of the farm's runs)");
  }

  @Test
  void aFarmWithoutCommandsIsDeployedAsItIs() {
    FarmLayout layout = Farm.in(dir).agent("/etc/nix/nix.conf", "builders =").agent("/root/.ssh/config", "Host *",
        "  ProxyCommand none").layout();
    FarmDeployment d = FarmDeployment.of(layout, false);
    assertThat(d.layout()).isEqualTo(layout);
    assertThat(d.notes()).isEmpty();
    assertThat(d.recorded()).isFalse();
  }
}
