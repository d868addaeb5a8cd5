package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Nix versions read differently in a machines line (issue 21, item 5): each a warning at its line, never an error. */
class NixReadingsTest {

  static final String SYSTEM = "agent/etc/nix/nix.conf";
  static final String MACHINES = "agent/etc/nix/machines";

  @TempDir Path dir;

  private List<Finding> lintMachines(String... lines) {
    return Lint.check(Farm.in(dir).agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", lines).layout());
  }

  private static List<String> where(List<Finding> findings) {
    return findings.stream().map(f -> f.file() + ":" + f.line() + ":" + f.severity()).toList();
  }

  @Test
  void anIpv6AddressWithoutBracketsIsAWarningThatNix2311RejectsIt() {
    List<Finding> f = lintMachines("ssh://fd00.example.com x86_64-linux", "ssh://fd00::1 aarch64-linux", "nix@2001:db8::5");
    assertThat(where(f)).containsExactly(MACHINES + ":2:WARNING", MACHINES + ":3:WARNING");
    assertThat(f.get(0).message()).startsWith("builder 'fd00::1' of ssh://fd00::1 is an IPv6 address without brackets:")
        .contains("Nix 2.31.0 and 2.31.1 reject it (`Cannot parse Nix store 'ssh://fd00::1'`", "NixOS/nix#13937",
            "Nix 2.31.2 and later accept it", "cannot stand in", "not stood in");
    assertThat(f.get(0).versions()).isEqualTo("Nix 2.31.0, 2.31.1");
    assertThat(f.get(1).message()).as("Nix prepends ssh:// before it parses")
        .contains("`Cannot parse Nix store 'ssh://nix@2001:db8::5'`");
  }

  @Test
  void anIpv6AddressInBracketsIsAWarningThatItIsNotStoodIn() {
    List<Finding> f = lintMachines("ssh://[fd00::1] aarch64-linux", "ssh-ng://nix@[2001:db8::5]:2222 aarch64-linux");
    assertThat(where(f)).containsExactly(MACHINES + ":1:WARNING", MACHINES + ":2:WARNING");
    assertThat(f.get(0).message()).startsWith("builder [fd00::1] of ssh://[fd00::1] is an IPv6 address in brackets, which"
        + " Nix 2.4 and later accept (NixOS/nix#13937").endsWith("so the cells it could take are not stood in");
    assertThat(f.get(0).versions()).isEmpty();
    assertThat(f.get(1).message()).contains("the port counts from Nix 2.31 on, older Nix hands ssh '[2001:db8::5]:2222'");
    assertThat(f.get(1).versions()).isEqualTo("Nix < 2.31");
  }

  /** The negative twins: host names, ports, schemes with their '//', other features, machines lines naming machines. */
  @ParameterizedTest
  @ValueSource(strings = {"ssh://fd00.example.com aarch64-linux", "ssh://b:2222 aarch64-linux", "beef:22",
      "ssh-ng://nix@10.0.0.7 aarch64-linux", "ssh://b.example.com aarch64-linux", "ssh-ng://c aarch64-linux",
      "ssh:22 aarch64-linux", "b.example.com:22 aarch64-linux", "ssh://c aarch64-linux - 1 1 big-parallel,nixos-test,benchmark",
      "ssh://d aarch64-linux - 1 1 kvm-less kvmx", "ssh://machines.example.com aarch64-linux",
      "machines.example.com aarch64-linux", "ssh://version aarch64-linux"})
  void anOrdinaryLineGetsNoSuchWarning(String line) {
    assertThat(lintMachines(line)).isEmpty();
  }

  @Test
  void buildersInlineInNixConfOrNixSettingsAreWarnedOfAtTheirLine() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "trusted-users = root", "builders = ssh://[fd00::1] aarch64-linux")
        .file("hercules-ci-agent.toml", "[nixSettings]", "builders = \"ssh:b.example.com aarch64-linux\"");
    List<Finding> f = Lint.check(farm.layout()).stream().filter(x -> x.message().contains("NixOS/nix#")).toList();
    assertThat(where(f)).containsExactly(SYSTEM + ":2:WARNING", "hercules-ci-agent.toml:2:WARNING");
  }

  @Test
  void aStoreUriWithoutSlashesIsAWarningThatNixReadsItAsTheHostSsh() {
    List<Finding> f = lintMachines("ssh:b.example.com aarch64-linux", "ssh-ng:c aarch64-linux");
    assertThat(where(f)).containsExactly(MACHINES + ":1:WARNING", MACHINES + ":2:WARNING");
    assertThat(f.get(0).message()).startsWith("store URI 'ssh:b.example.com' has no '//': Nix takes a machines line's URI"
        + " without '://' for a host and prepends ssh://, so this is ssh://ssh:b.example.com, the host 'ssh' at port"
        + " 'b.example.com'").contains("Nix 2.31 and later reject it (`Cannot parse Nix store 'ssh://ssh:b.example.com'`",
            "older Nix hands ssh the host '//ssh:b.example.com'", "NixOS/nix#14000", "not stood in");
    assertThat(f.get(1).message()).contains("this is ssh://ssh-ng:c,", "Write ssh-ng://…");
  }

  @Test
  void aStoreUriWithoutSlashesButWithASlashIsOpenedAsWrittenNotAsAPath() {
    List<Finding> f = lintMachines("ssh-ng:b.example.com?ssh-key=/root/.ssh/id_b aarch64-linux");
    assertThat(where(f)).as("a warning, not the relative path's error").containsExactly(MACHINES + ":1:WARNING");
    assertThat(f.get(0).message()).contains("every Nix version reads it as ssh-ng://b.example.com?ssh-key=/root/.ssh/id_b"
        + " without a word (NixOS/nix#14000)");
  }

  @Test
  void aBuilderClaimingKvmIsAWarningOfWhatThatMeans() {
    List<Finding> f = lintMachines("ssh://a aarch64-linux - 1 1 kvm", "ssh://b aarch64-linux - 1 1 big-parallel kvm");
    assertThat(where(f)).containsExactly(MACHINES + ":1:WARNING", MACHINES + ":2:WARNING");
    assertThat(f.get(0).message()).startsWith("ssh://a claims the feature kvm: Nix matches kvm against a build's"
        + " requiredSystemFeatures like any feature name").contains("only where /dev/kvm is accessible",
            "a builder that claims kvm must have /dev/kvm", "not that it runs with KVM");
    assertThat(f.get(1).message()).as("a mandatory feature is claimed too").startsWith("ssh://b claims the feature kvm");
  }

  @Test
  void aLixTomlMachinesFileIsOneWarningNotAnErrorPerLine() {
    List<Finding> f = lintMachines("# Lix's format", "version = 1", "", "[machines.andesite]",
        "uri = \"ssh://lix@andesite.lix.systems\" # a comment", "system-types = [\"aarch64-linux\"]",
        "supported-features = [\"kvm\", \"benchmark\"]", "jobs = 8");
    assertThat(where(f)).containsExactly(MACHINES + ":2:WARNING");
    assertThat(f.get(0).message()).startsWith("a machines file in Lix's TOML format (Lix 2.95 and later")
        .contains("Nix does not read", "dispatchcheck runs Nix, not Lix", "not stood in");
  }

  @Test
  void aLixTomlFileIsKnownByItsTablesWithoutAVersion() {
    List<Finding> f = lintMachines("[machines.andesite]", "uri = \"ssh://lix@andesite.lix.systems\"");
    assertThat(where(f)).containsExactly(MACHINES + ":1:WARNING");
    assertThat(lintMachines("machines.andesite = { uri = \"ssh://a\" }")).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("Lix's TOML format"));
  }
}
