package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each case as ssh -G prints it for the same file (OpenSSH 9.2p1 and 10.0p2, Debian's). */
class SshOptionsTest {

  private static SshOptions read(String config, String destination) {
    return read(config, destination, Optional.empty());
  }

  private static SshOptions read(String config, String destination, Optional<String> user) {
    return SshOptions.read(List.of(new SshOptions.ConfigFile("/root/.ssh/config", SshConfig.parse(config))),
        (arg, from) -> List.of(), destination, user, Optional.empty());
  }

  @Test
  void anAliasIsTheHostItsHostNameNames() {
    SshOptions o = read("Host arm1\n  HostName aarch64-linux-1.example.com\n  User nixbuilder\n  Port 2222\n", "arm1");
    assertThat(o.host()).isEqualTo("aarch64-linux-1.example.com");
    assertThat(o.userName()).isEqualTo("nixbuilder");
    assertThat(o.portNumber()).isEqualTo(2222);
  }

  @Test
  void aNameNoHostLineMatchesIsItselfAsRootOnPort22() {
    SshOptions o = read("Host arm1\n  HostName aarch64-linux-1.example.com\n  User nixbuilder\n  Port 2222\n", "arm2");
    assertThat(o.host()).isEqualTo("arm2");
    assertThat(o.userName()).isEqualTo("root");
    assertThat(o.portNumber()).isEqualTo(22);
  }

  @Test
  void hostPatternsCountCaseAndTheHostIsLowered() {
    assertThat(read("Host ARM1\n HostName x.example.com\n", "arm1").host()).isEqualTo("arm1");
    assertThat(read("Host arm1\n HostName x.example.com\n", "ARM1").host()).isEqualTo("arm1");
    assertThat(read("Host h\n HostName H.Example.COM\n", "h").host()).isEqualTo("h.example.com");
  }

  @Test
  void theFirstValueObtainedWinsButIdentityFilesAddUp() {
    SshOptions o = read("Host arm1\n User a\n IdentityFile /etc/nix/k1\nHost *\n User b\n IdentityFile /etc/nix/k2\n", "arm1");
    assertThat(o.userName()).isEqualTo("a");
    assertThat(o.identityFiles()).extracting(SshOptions.Value::value).containsExactly("/etc/nix/k1", "/etc/nix/k2");
  }

  @Test
  void theCommandLinesUserWinsOverUser() {
    SshOptions o = read("Host arm1\n User a\n", "arm1", Optional.of("nixbuilder"));
    assertThat(o.userName()).isEqualTo("nixbuilder");
    assertThat(o.user().orElseThrow().fromCommandLine()).isTrue();
    assertThat(read("Host arm1\n User a\n", "arm1").user().orElseThrow().fromCommandLine()).isFalse();
  }

  @Test
  void percentHInHostNameIsTheNameGiven() {
    assertThat(read("Host arm1\n HostName %h.example.com\n", "arm1").host()).isEqualTo("arm1.example.com");
    assertThat(read("Host arm1\n HostName 100%%.example.com\n", "arm1").host()).isEqualTo("100%.example.com");
  }

  @Test
  void aNegatedHostPatternKeepsTheBlockOff() {
    String config = "Host * !arm1\n User u2\nHost arm?\n Port 2222\n";
    assertThat(read(config, "arm1").userName()).isEqualTo("root");
    assertThat(read(config, "arm1").portNumber()).isEqualTo(2222);
    assertThat(read(config, "arm2").userName()).isEqualTo("u2");
  }

  @Test
  void matchHostSeesTheHostNameSoFarAndOriginalHostTheNameGiven() {
    assertThat(read("Host arm1\n HostName y\nMatch host y\n User my\n", "arm1").userName()).isEqualTo("my");
    assertThat(read("Host arm1\n HostName y\nMatch originalhost y\n User my\n", "arm1").userName()).isEqualTo("root");
    assertThat(read("Host arm1\n HostName y\nMatch originalhost arm1\n User my\n", "arm1").userName()).isEqualTo("my");
  }

  @Test
  void matchUserSeesTheUserSoFarAndNegationAndAllWork() {
    String config = "Match user bob\n Port 1\nHost *\n User bob\nMatch user bob\n Port 2\n";
    assertThat(read(config, "h", Optional.of("bob")).portNumber()).isEqualTo(1);
    assertThat(read(config, "h").portNumber()).isEqualTo(2);
    assertThat(read("Match host h,!x\n Port 5\n", "h").portNumber()).isEqualTo(5);
    assertThat(read("Match host h,!h\n Port 5\n", "h").portNumber()).isEqualTo(22);
    assertThat(read("Match !host x\n Port 6\n", "h").portNumber()).isEqualTo(6);
    assertThat(read("Match !host h\n Port 6\n", "h").portNumber()).isEqualTo(22);
    assertThat(read("Match all\n Port 7\n", "h").portNumber()).isEqualTo(7);
    assertThat(read("Match localuser root\n Port 8\n", "h").portNumber()).isEqualTo(8);
    assertThat(read("Match localuser alice\n Port 8\n", "h").portNumber()).isEqualTo(22);
  }

  @Test
  void aMatchExecBlockNeverAppliesAsCheckDeploysIt() {
    assertThat(read("Match host h exec true\n Port 5\n", "h").portNumber()).isEqualTo(22);
    assertThat(read("Match host h !exec false\n Port 5\n", "h").portNumber()).isEqualTo(22);
    assertThat(read("Match host h exec true\n Port 5\n", "h").unmodelled()).isEmpty();
  }

  @Test
  void whatIsNotModelledIsTakenAsNotApplyingAndListed() {
    SshOptions o = read("CanonicalizeHostname yes\nMatch canonical host h\n Port 5\nMatch tagged x\n Port 6\n", "h");
    assertThat(o.portNumber()).isEqualTo(22);
    assertThat(o.unmodelled()).extracting(SshOptions.Value::keyword)
        .containsExactly("CanonicalizeHostname", "Match canonical", "Match tagged");
    assertThat(read("CanonicalizeHostname no\nMatch host h\n Port 5\n", "h").unmodelled()).isEmpty();
  }

  @Test
  void proxyJumpAndProxyCommandAreOneSettingTheFirstWins() {
    assertThat(read("Host h\n ProxyJump b\n ProxyCommand ssh -W %h:%p c\n", "h").proxy().orElseThrow().value()).isEqualTo("b");
    assertThat(read("Host h\n ProxyCommand none\n ProxyJump b\n", "h").proxy().orElseThrow().value()).isEqualTo("none");
    assertThat(read("Host *\n ProxyJump none\nHost h\n ProxyJump b\n", "h").proxy().orElseThrow().value()).isEqualTo("none");
  }

  @Test
  void anIncludeIsReadWhereItStandsAndOnlyInABlockThatApplies() {
    Map<String, String> files = Map.of("/root/.ssh/arm", "Host arm1\n HostName a.example.com\n", "/root/.ssh/other",
        "Port 9\n");
    SshOptions.Includes includes = (arg, from) -> List.of(new SshOptions.ConfigFile(arg, SshConfig.parse(files.get(arg))));
    String main = "Include /root/.ssh/arm\nHost arm1\n HostName b.example.com\nHost nomatch\n Include /root/.ssh/other\n";
    SshOptions o = SshOptions.read(List.of(new SshOptions.ConfigFile("/root/.ssh/config", SshConfig.parse(main))), includes,
        "arm1", Optional.empty(), Optional.empty());
    assertThat(o.host()).isEqualTo("a.example.com");
    assertThat(o.portNumber()).isEqualTo(22);
  }

  @Test
  void filesThatIncludeEachOtherEnd() {
    SshOptions.Includes includes = (arg, from) -> List.of(new SshOptions.ConfigFile("/etc/ssh/ssh_config.d/a.conf",
        SshConfig.parse("Include a\nInclude a\nInclude a\n")));
    SshOptions o = SshOptions.read(List.of(new SshOptions.ConfigFile("/etc/ssh/ssh_config", SshConfig.parse("Include a\n"))),
        includes, "h", Optional.empty(), Optional.empty());
    assertThat(o.unmodelled()).extracting(SshOptions.Value::value).containsExactly("more than 256 files");
  }

  @Test
  void aPortThatIsNoPortIsMinusOne() {
    assertThat(read("Port 0\n", "h").portNumber()).isEqualTo(-1);
    assertThat(read("Port x\n", "h").portNumber()).isEqualTo(-1);
    assertThat(read("Port 65535\n", "h").portNumber()).isEqualTo(65535);
  }
}
