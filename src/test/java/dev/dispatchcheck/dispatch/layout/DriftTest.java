package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live host's files beside the farm's: what differs is named with both files; what only a harness adds is not. */
class DriftTest {
  private static final String CONF = "builders = @/etc/nix/machines\ntrusted-users = root hercules-ci-agent\n";
  private static final String MACHINES = "ssh-ng://nixbuilder@b1 aarch64-linux /etc/nix/id_builder 4 1 big-parallel - -\n";
  private static final String DOT = "/var/lib/hercules-ci-agent/.config/nix/nix.conf";

  @TempDir Path dir;

  private FarmLayout farm() throws IOException {
    Files.createDirectories(dir.resolve("agent/etc/nix"));
    Files.writeString(dir.resolve("agent/etc/nix/nix.conf"), CONF);
    Files.writeString(dir.resolve("agent/etc/nix/machines"), MACHINES);
    return FarmLayout.read(dir);
  }

  private static Map<String, Optional<String>> live(String conf, String machines) {
    Map<String, Optional<String>> files = new HashMap<>();
    files.put("/etc/nix/nix.conf", Optional.of(conf));
    files.put("/etc/nix/machines", Optional.of(machines));
    return files;
  }

  @Test
  void theSameSettingsAndLinesAreNoDriftWhateverElseTheHostAdds() throws IOException {
    String withBasics = "# configuration\n" + CONF + "sandbox = false\nsubstituters =\n";
    assertThat(Drift.of(farm(), live(withBasics, "# a comment\n\n" + MACHINES.replace(" ", "  ")))).isEmpty();
  }

  @Test
  void aChangedSettingAMovedLineAndAFileOnlyOnTheHostAreDrift() throws IOException {
    Map<String, Optional<String>> files = live("builders = @/etc/nix/machines\ntrusted-users = root\nmax-jobs = 0\n",
        MACHINES.replace("b1", "b0"));
    files.put(DOT, Optional.of("builders = \u001b[31m\n"));
    assertThat(Drift.of(farm(), files)).containsExactly(
        "/etc/nix/nix.conf: trusted-users is 'root' on the live host, 'root hercules-ci-agent' in agent/etc/nix/nix.conf",
        "/etc/nix/nix.conf: max-jobs is '0' on the live host, not set in agent/etc/nix/nix.conf",
        "/etc/nix/machines: only on the live host: ssh-ng://nixbuilder@b0 aarch64-linux /etc/nix/id_builder 4 1"
            + " big-parallel - - (not in agent/etc/nix/machines)",
        "/etc/nix/machines: only in agent/etc/nix/machines: ssh-ng://nixbuilder@b1 aarch64-linux /etc/nix/id_builder 4 1"
            + " big-parallel - -",
        DOT + " is on the live host, and the farm has no agent" + DOT);
  }

  @Test
  void aFarmFileMissingOnTheHostIsDrift() throws IOException {
    Map<String, Optional<String>> files = live(CONF, MACHINES);
    files.put("/etc/nix/machines", Optional.empty());
    assertThat(Drift.of(farm(), files)).containsExactly("agent/etc/nix/machines is not on the live host (/etc/nix/machines is missing)");
  }
}
