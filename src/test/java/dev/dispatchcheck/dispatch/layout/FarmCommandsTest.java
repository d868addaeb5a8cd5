package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.FarmCommand.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmCommandsTest {
  @TempDir Path dir;

  private List<FarmCommand> commands(Farm farm) {
    return FarmCommands.of(farm.layout());
  }

  /** "file:line kind command" for each. */
  private static List<String> found(List<FarmCommand> commands) {
    return commands.stream().map(c -> c.file() + ":" + c.line() + " " + c.kind() + " " + c.command()).toList();
  }

  @Test
  void eachHookOfTheSystemNixConfAndItsIncludesIsACommand() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "max-jobs = 1", "post-build-hook = /etc/nix/upload.sh", "pre-build-hook = /etc/nix/pre",
            "include hooks.conf")
        .agent("/etc/nix/hooks.conf", "diff-hook = /etc/nix/diff", "build-hook = /etc/nix/hook --flag",
            "extra-build-hook = --more", "plugin-files = /etc/nix/p.so", "extra-plugin-files = /etc/nix/q.so");
    assertThat(found(commands(farm))).containsExactly(
        "agent/etc/nix/hooks.conf:1 DIFF_HOOK /etc/nix/diff",
        "agent/etc/nix/hooks.conf:2 BUILD_HOOK /etc/nix/hook --flag",
        "agent/etc/nix/hooks.conf:3 BUILD_HOOK --more",
        "agent/etc/nix/hooks.conf:4 PLUGIN_FILES /etc/nix/p.so",
        "agent/etc/nix/hooks.conf:5 PLUGIN_FILES /etc/nix/q.so",
        "agent/etc/nix/nix.conf:2 POST_BUILD_HOOK /etc/nix/upload.sh",
        "agent/etc/nix/nix.conf:3 PRE_BUILD_HOOK /etc/nix/pre");
  }

  @Test
  void hooksInDotfilesBuildersAndNixSettingsAreCommandsTooButAnEmptyHookIsNot() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "post-build-hook =", "build-hook = ")
        .agent(FarmUser.AGENT.dotfile(), "post-build-hook = /var/lib/hercules-ci-agent/h")
        .agent(FarmUser.ROOT.dotfile(), "# none", "pre-build-hook = /root/pre")
        .builder("b.example.com", "post-build-hook = /bin/upload")
        .file("hercules-ci-agent.toml", "[nixSettings]", "post-build-hook = \"/etc/nix/agent-hook\"", "build-hook = \"x\"");
    List<FarmCommand> c = commands(farm);
    assertThat(found(c)).containsExactly(
        "agent/root/.config/nix/nix.conf:2 PRE_BUILD_HOOK /root/pre",
        "agent/var/lib/hercules-ci-agent/.config/nix/nix.conf:1 POST_BUILD_HOOK /var/lib/hercules-ci-agent/h",
        "builders/b.example.com/etc/nix/nix.conf:1 POST_BUILD_HOOK /bin/upload",
        "hercules-ci-agent.toml:2 POST_BUILD_HOOK /etc/nix/agent-hook",
        "hercules-ci-agent.toml:3 BUILD_HOOK x");
    assertThat(c.get(3).lintMessage()).startsWith("nixSettings.post-build-hook runs '/etc/nix/agent-hook' as hercules-ci-agent");
  }

  @Test
  void aNixConfNixDoesNotReadRunsNothing() {
    Farm farm = Farm.in(dir).agent("/etc/nix/unused.conf", "post-build-hook = /x");
    assertThat(commands(farm)).isEmpty();
  }

  @Test
  void eachCommandRunningSshOptionInEverySshConfigIsNamedWhateverItsCase() {
    Farm farm = Farm.in(dir)
        .agent("/root/.ssh/config", "Host *", "  proxycommand nc %h %p", "  LOCALCOMMAND=touch /tmp/LOCAL-RAN",
            "  PermitLocalCommand yes")
        .agent("/etc/ssh/ssh_config", "KnownHostsCommand = /usr/bin/keys %H", "ProxyCommand none", "RemoteCommand none")
        .agent("/etc/ssh/ssh_config.d/20-builders.conf", "Host b", "  RemoteCommand nix-daemon --stdio", "  ProxyJump bastion")
        .agent("/var/lib/hercules-ci-agent/.ssh/config", "Match exec 'true'", "PKCS11Provider /etc/nix/p11.so",
            "SecurityKeyProvider internal", "Host x", "  securitykeyprovider /etc/nix/sk.so");
    assertThat(found(commands(farm))).containsExactly(
        "agent/etc/ssh/ssh_config:1 KNOWN_HOSTS_COMMAND /usr/bin/keys %H",
        "agent/etc/ssh/ssh_config.d/20-builders.conf:2 REMOTE_COMMAND nix-daemon --stdio",
        "agent/etc/ssh/ssh_config.d/20-builders.conf:3 PROXY_JUMP bastion",
        "agent/root/.ssh/config:2 PROXY_COMMAND nc %h %p",
        "agent/root/.ssh/config:3 LOCAL_COMMAND touch /tmp/LOCAL-RAN",
        "agent/var/lib/hercules-ci-agent/.ssh/config:1 MATCH_EXEC true",
        "agent/var/lib/hercules-ci-agent/.ssh/config:2 PKCS11_PROVIDER /etc/nix/p11.so",
        "agent/var/lib/hercules-ci-agent/.ssh/config:5 SECURITY_KEY_PROVIDER /etc/nix/sk.so");
  }

  @Test
  void aLibraryNixOrSshLoadsIsNamedAsCodeTheyLoad() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "plugin-files = /etc/nix/p.so")
        .agent("/root/.ssh/config", "PKCS11Provider /etc/nix/p11.so");
    assertThat(commands(farm)).extracting(FarmCommand::lintMessage).containsExactly(
        "plugin-files has Nix load '/etc/nix/p.so' as code, as root, into every Nix command and the daemon; check"
            + " deploys it neutralised (the setting dropped) unless --run-farm-commands",
        "PKCS11Provider has ssh load '/etc/nix/p11.so' as code, as root, for each connection to a builder (a PKCS#11"
            + " library); check deploys it as 'PKCS11Provider none' unless --run-farm-commands");
  }

  @Test
  void aMatchExecIsNamedWithItsQuotedCommandAndWhatItsBlockSets() {
    Farm farm = Farm.in(dir).agent("/root/.ssh/config", "Host x", "  User nix",
        "Match host X exec \"test ! -d /opt/dispatchcheck\"", "  HostName elsewhere", "  hostname again", "  Port 2222",
        "Host y", "  User other");
    List<FarmCommand> c = commands(farm);
    assertThat(found(c)).containsExactly("agent/root/.ssh/config:3 MATCH_EXEC test ! -d /opt/dispatchcheck");
    assertThat(c.get(0).blockSets()).containsExactly("HostName", "Port");
  }

  @Test
  void sshConfigFilesAnIncludeReachesAreReadButOthersAreNot() {
    Farm farm = Farm.in(dir)
        .agent("/root/.ssh/config", "Include conf.d/*.conf ~/.ssh/other", "Host *", "  User nix")
        .agent("/root/.ssh/conf.d/a.conf", "ProxyCommand a")
        .agent("/root/.ssh/conf.d/b.txt", "ProxyCommand b")
        .agent("/root/.ssh/other", "LocalCommand c", "Include /root/.ssh/config")
        .agent("/root/.ssh/known_hosts", "ProxyCommand d");
    assertThat(found(commands(farm))).containsExactly(
        "agent/root/.ssh/conf.d/a.conf:1 PROXY_COMMAND a",
        "agent/root/.ssh/other:1 LOCAL_COMMAND c");
  }

  @Test
  void includesOfTheSystemConfigAreUnderEtcSsh() {
    Farm farm = Farm.in(dir)
        .agent("/etc/ssh/ssh_config", "Include extra/[a-c]?.conf")
        .agent("/etc/ssh/extra/b1.conf", "ProxyCommand b")
        .agent("/etc/ssh/extra/d1.conf", "ProxyCommand d");
    assertThat(found(commands(farm))).containsExactly("agent/etc/ssh/extra/b1.conf:1 PROXY_COMMAND b");
  }

  @Test
  void globsMatchWithinOneComponentAndNeverBacktrackForLong() {
    assertThat(SshConfigFiles.globMatches("/root/.ssh/*.conf", "/root/.ssh/a.conf")).isTrue();
    assertThat(SshConfigFiles.globMatches("/root/.ssh/*.conf", "/root/.ssh/d/a.conf")).isFalse();
    assertThat(SshConfigFiles.globMatches("/r?ot/[!x]/[a-c-]", "/root/y/-")).isTrue();
    assertThat(SshConfigFiles.globMatches("/r?ot/[!x]/[a-c]", "/root/x/a")).isFalse();
    String stars = "/" + "*a".repeat(2000) + "b";
    assertThat(SshConfigFiles.globMatches(stars, "/" + "a".repeat(5000))).isFalse();
  }

  @Test
  void lintWarnsOfEachAtItsLineWithWhatCheckDoes() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders =", "", "", "", "", "", "post-build-hook = /etc/nix/upload.sh")
        .agent("/root/.ssh/config", "Host *", "  PermitLocalCommand yes", "Match host X exec \"test ! -d /opt/dispatchcheck\"",
            "  HostName elsewhere");
    List<String> lint = Lint.check(farm.layout()).stream().map(Finding::toString).toList();
    assertThat(lint).containsExactly(
        "agent/etc/nix/nix.conf:7: warning: post-build-hook runs '/etc/nix/upload.sh' as root after each build; check"
            + " deploys it neutralised (a recorded no-op) unless --run-farm-commands",
        "agent/root/.ssh/config:3: warning: Match exec runs 'test ! -d /opt/dispatchcheck' as root whenever ssh reads"
            + " this file, and the block applies only if it exits 0: it can change where builds go in production (the"
            + " block sets HostName), while the stand-ins, which are not production's hosts, cannot evaluate it the same"
            + " way; check deploys the block as never applying unless --run-farm-commands");
  }

  @Test
  void aLongOrControlCharacterCommandIsQuotedEscapedAndShort() {
    Farm farm = Farm.in(dir).agent("/root/.ssh/config", "ProxyCommand " + "x".repeat(500));
    String message = commands(farm).get(0).lintMessage();
    assertThat(message).contains("'" + "x".repeat(117) + "...'").doesNotContain("x".repeat(118));
    assertThat(FarmCommand.shown("a\u001b[31mb")).isEqualTo("a\\x1b[31mb");
  }

  @Test
  void everyKindHasAMessageAndANote() {
    for (Kind k : Kind.values()) {
      FarmCommand c = new FarmCommand(k, FarmCommand.Source.AGENT_FILE, "/root/.ssh/config", "agent/root/.ssh/config", 3,
          k.keyword, "cmd", List.of());
      assertThat(c.lintMessage()).as(k.name()).contains("'cmd'");
      assertThat(c.note(false)).as(k.name()).startsWith("agent/root/.ssh/config:3: ").contains("'cmd'");
      assertThat(c.note(true)).as(k.name()).contains(k.deployed == FarmCommand.Deployed.AS_WRITTEN
          ? "deployed as written" : "ran as written (--run-farm-commands)");
    }
  }
}
