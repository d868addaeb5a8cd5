package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmLayoutTest {

  @TempDir Path dir;
  /** Outside the farm: what a hostile farm would like to read. */
  @TempDir Path elsewhere;

  private static final String TOKEN = "ci-secret-7f3a9c";

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

  @Test
  void aLinkOutOfTheFarmIsRefusedNamingTheFileAndNeverItsTargetsContent() throws Exception {
    Path secret = Files.writeString(elsewhere.resolve("secret"), TOKEN + "\n");
    Farm.in(dir);
    Files.createSymbolicLink(dir.resolve("agent/etc/nix/machines"), secret);
    assertThatThrownBy(() -> FarmLayout.read(dir)).isInstanceOf(FarmInputException.class)
        .hasMessageContaining("agent/etc/nix/machines: is a symbolic link (it points outside the farm)")
        .message().doesNotContain(TOKEN).doesNotContain(secret.toString());
  }

  @Test
  void everyLinkIsRefusedWhereverItPointsAndWhateverItIs() throws Exception {
    Farm.in(dir).agent("/etc/nix/machines.real", "ssh://b aarch64-linux");
    Files.createSymbolicLink(dir.resolve("agent/etc/nix/machines"), Path.of("machines.real"));
    assertThatThrownBy(() -> FarmLayout.read(dir)).hasMessageContaining("points within the farm");

    Files.delete(dir.resolve("agent/etc/nix/machines"));
    Files.createSymbolicLink(dir.resolve("agent/root"), elsewhere);
    assertThatThrownBy(() -> FarmLayout.read(dir)).hasMessageContaining("agent/root: is a symbolic link");

    Files.delete(dir.resolve("agent/root"));
    Files.createSymbolicLink(dir.resolve("notes.txt"), dir.resolve("no-such-file"));
    assertThatThrownBy(() -> FarmLayout.read(dir)).hasMessageContaining("notes.txt: is a symbolic link (it points nowhere)");
  }

  @Test
  void aLinkedNixConfIsRefusedRatherThanRead() throws Exception {
    Files.writeString(elsewhere.resolve("nix.conf"), "builders = ssh://" + TOKEN + " x86_64-linux\n");
    Files.createDirectories(dir.resolve("agent/etc/nix"));
    Files.createSymbolicLink(dir.resolve("agent/etc/nix/nix.conf"), elsewhere.resolve("nix.conf"));
    assertThatThrownBy(() -> FarmLayout.read(dir)).isInstanceOf(FarmInputException.class)
        .hasMessageContaining("agent/etc/nix/nix.conf: is a symbolic link").message().doesNotContain(TOKEN);
  }

  @Test
  void theFarmDirectoryItselfMayBeReachedThroughALink() throws Exception {
    Farm.in(dir).agent("/etc/nix/machines", "ssh://b aarch64-linux");
    Path link = Files.createSymbolicLink(elsewhere.resolve("farm"), dir);
    assertThat(FarmLayout.read(link).agentFile("/etc/nix/machines")).contains("ssh://b aarch64-linux\n");
  }

  @Test
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Farm.in(dir);
    Path fifo = dir.resolve("agent/etc/nix/machines");
    int made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    } catch (java.io.IOException noMkfifo) {
      made = -1;
    }
    Assumptions.assumeTrue(made == 0, "mkfifo is needed to make a fifo");
    // Opening a fifo with no writer blocks for ever: the refusal must come before any open.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> FarmLayout.read(dir)).isInstanceOf(FarmInputException.class)
            .hasMessageContaining("agent/etc/nix/machines: is not a regular file"));
  }

  @Test
  void aFileTooLargeToReadIsRefusedWithItsSize() throws Exception {
    Farm.in(dir);
    Files.write(dir.resolve("agent/etc/nix/machines"), new byte[FarmFiles.MAX_BYTES + 1]);
    assertThatThrownBy(() -> FarmLayout.read(dir)).isInstanceOf(FarmInputException.class)
        .hasMessageContaining("agent/etc/nix/machines: " + (FarmFiles.MAX_BYTES + 1) + " bytes; a farm file may be at most");

    Files.delete(dir.resolve("agent/etc/nix/machines"));
    Files.write(dir.resolve("huge.feature"), new byte[FarmFiles.MAX_BYTES + 1]);
    assertThatThrownBy(() -> FarmLayout.read(dir)).hasMessageContaining("huge.feature: ");
  }

  @Test
  void bytesThatAreNotUtf8AreReadWithoutFailingAndNamesAreShownEscaped() throws Exception {
    Farm.in(dir);
    Files.write(dir.resolve("agent/etc/nix/machines"), new byte[] {'a', (byte) 0xff, 0x1b, '\n'});
    assertThat(FarmLayout.read(dir).agentFile("/etc/nix/machines")).contains("a\uFFFD\u001b\n");

    Path odd = Files.createDirectories(dir.resolve("agent/etc/\u001b[31mred"));
    Files.createSymbolicLink(odd.resolve("x"), elsewhere);
    assertThatThrownBy(() -> FarmLayout.read(dir)).message().contains("agent/etc/\\x1b[31mred/x").doesNotContain("\u001b");
  }

  @Test
  void anAgentFileIsFoundByThePathNixWouldOpen() {
    FarmLayout layout = Farm.in(dir).agent("/etc/nix/machines", "ssh://b aarch64-linux").layout();
    assertThat(layout.agentFile("/etc/nix/../nix/./machines")).isPresent();
    assertThat(layout.agentFile("/../../../../etc/nix/machines")).isPresent();
    assertThat(layout.agentFile("/etc/nix/machines\u0000")).isEmpty();
    assertThat(FarmLayout.normalize("/../etc//passwd")).isEqualTo("/etc/passwd");
    assertThat(FarmLayout.normalize("machines")).isEqualTo("machines");
  }
}
