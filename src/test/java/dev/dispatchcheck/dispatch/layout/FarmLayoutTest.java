package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmLayoutTest {

  @TempDir Path dir;

  @Test
  void readsAgentFilesAtTheirDeployedPathsInPathOrder() {
    FarmLayout layout = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "ssh://b aarch64-linux")
        .agent("/var/lib/hercules-ci-agent/.config/nix/nix.conf", "builders = ")
        .agent("/root/.ssh/config", "Host b")
        .layout();
    assertThat(layout.dir()).isEqualTo(dir);
    assertThat(layout.agentFiles().keySet()).containsExactly(
        "/etc/nix/machines", "/etc/nix/nix.conf", "/root/.ssh/config",
        "/var/lib/hercules-ci-agent/.config/nix/nix.conf");
    assertThat(layout.systemNixConf()).isEqualTo("builders = @/etc/nix/machines\n");
    assertThat(layout.agentFile("/root/.ssh/config")).contains("Host b\n");
    assertThat(layout.agentFile("/etc/nix/absent")).isEmpty();
  }

  @Test
  void readsEachBuildersOwnNixConfByHostName() {
    FarmLayout layout = Farm.in(dir)
        .builder("aarch64-linux-1.example.com", "extra-platforms = aarch64-linux")
        .file("builders/no-conf.example.com/etc/ssh/sshd_config", "x")
        .layout();
    assertThat(layout.builderNixConfs()).containsOnlyKeys("aarch64-linux-1.example.com");
    assertThat(layout.builderNixConf("AARCH64-linux-1.example.com")).contains("extra-platforms = aarch64-linux\n");
  }

  @Test
  void listsTheFeatureFilesAtTheTopOnly() {
    FarmLayout layout = Farm.in(dir)
        .file("b.feature", "Feature: b").file("a.feature", "Feature: a")
        .file("notes.txt", "x").file("sub/c.feature", "Feature: c")
        .layout();
    assertThat(layout.features()).containsExactly(dir.resolve("a.feature"), dir.resolve("b.feature"));
  }

  @Test
  void aMissingAgentNixConfIsRejectedNamingThePath() {
    new Farm(dir).agent("/etc/nix/machines", "ssh://b aarch64-linux");
    assertThatThrownBy(() -> FarmLayout.read(dir))
        .isInstanceOf(FarmInputException.class)
        .hasMessageContaining(dir.resolve("agent/etc/nix/nix.conf").toString());
  }

  @Test
  void aMissingFarmDirectoryIsRejectedNamingThePath() {
    Path absent = dir.resolve("no-such-farm");
    assertThatThrownBy(() -> FarmLayout.read(absent))
        .isInstanceOf(FarmInputException.class)
        .hasMessageContaining(absent.toString());
  }

  @Test
  void aFileWhereTheFarmDirectoryShouldBeIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("farm"), "x");
    assertThatThrownBy(() -> FarmLayout.read(file)).isInstanceOf(FarmInputException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void farmPathsNameTheFileAsTheOperatorWroteIt() {
    assertThat(FarmLayout.farmPathOfAgentFile("/etc/nix/machines")).isEqualTo("agent/etc/nix/machines");
    assertThat(FarmLayout.farmPathOfBuilderNixConf("b.example.com")).isEqualTo("builders/b.example.com/etc/nix/nix.conf");
  }
}
