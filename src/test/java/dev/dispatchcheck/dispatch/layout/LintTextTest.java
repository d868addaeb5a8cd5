package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text a farm's expectations deploy meets the rules of the farm file it stands for: the
 * same errors, at the same lines (counted in the text), as that file would get from lint.
 */
class LintTextTest {
  @TempDir Path dir;

  /** The errors as "line: message", the file left out. */
  private static List<String> errors(List<Finding> findings) {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.line() + ": " + f.message()).toList();
  }

  private List<String> asFarmFile(String path, String... lines) {
    return errors(Lint.check(Farm.in(dir).agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines")
        .agent(path, lines).layout()).stream().filter(f -> f.file().equals("agent" + path)).toList());
  }

  @Test
  void machinesTextGetsTheErrorsOfAMachinesFile() {
    String[] lines = {"ssh://a aarch64-linux # fine", "ssh-ng://-oProxyCommand=sh@b aarch64-linux - 1 1 - - -",
        "ssh://c x - many", "@relative/machines ; ssh://d aarch64-linux - 1 1 - - - not=base64", "ssh://e\u0007 aarch64-linux"};
    List<String> asFile = asFarmFile("/etc/nix/machines", lines);
    assertThat(asFile).hasSize(6);
    assertThat(errors(Lint.machinesText(String.join("\n", lines)))).isEqualTo(asFile);
  }

  @Test
  void nixConfTextGetsTheErrorsOfANixConf() {
    String[] lines = {"max-jobs=0", "builders = ssh://bad_host aarch64-linux", "trusted-users = root", "!include other.conf"};
    List<String> asFile = asFarmFile("/etc/nix/nix.conf", lines);
    assertThat(asFile).hasSize(2);
    assertThat(errors(Lint.nixConfText(String.join("\n", lines)))).isEqualTo(asFile);
    assertThat(errors(Lint.nixConfText("# a comment\njust-a-word"))).isEqualTo(asFarmFile("/etc/nix/nix.conf", "# a comment",
        "just-a-word")).hasSize(1);
  }

  /** A hook in a farm file is the farm's, which lint names and check neutralises; from an expectation it is refused. */
  @Test
  void aHookIsTheOneErrorAFarmFileWouldNotGet() {
    assertThat(errors(Lint.nixConfText("max-jobs = 1\nbuild-hook = /tmp/x"))).containsExactly("2: build-hook is not for a"
        + " farm's expectations: it runs a command (or loads code) as root on the hosts; put it in the farm's files, where lint names"
        + " it and check neutralises it");
    assertThat(asFarmFile("/etc/nix/nix.conf", "max-jobs = 1", "build-hook = /tmp/x")).isEmpty();
    assertThat(errors(Lint.nixSettingsText("extra-build-hook = /tmp/x"))).singleElement().asString()
        .startsWith("1: extra-build-hook is not for a farm's expectations");
    assertThat(errors(Lint.nixConfText("run-diff-hook = true\nbuilders-use-substitutes = true"))).isEmpty();
  }

  @Test
  void aBuildersRowIsALoginAHostAndSystems() {
    assertThat(errors(Lint.builderRow("nix@aarch64-linux-1.example.com", "aarch64-linux, x86_64-linux"))).isEmpty();
    assertThat(errors(Lint.builderRow("aarch64-linux-1:22", "aarch64-linux"))).singleElement().asString()
        .startsWith("0: builder host name 'aarch64-linux-1:22' is not an RFC 1123 host name");
    assertThat(errors(Lint.builderRow("b", ""))).singleElement().asString()
        .isEqualTo("0: system '' is not an arch-os system name such as aarch64-linux");
  }
}
