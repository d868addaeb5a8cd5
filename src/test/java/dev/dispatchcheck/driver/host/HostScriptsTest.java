package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.Shell;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostScriptsTest {
  @Test
  void rootRunsAScriptDirectlyAndAUserThroughSudo() {
    assertThat(HostScripts.asUser("root", "id")).containsExactly("sh", "-c", "id");
    assertThat(HostScripts.asUser("alice", "id")).containsExactly("sudo", "-u", "alice", "-H", "sh", "-c", "id");
  }

  @Test
  void pathsAndOwnersAreQuotedAndContentTravelsAsBase64() {
    String path = "/home/o'brien/$(touch x)/nix.conf";
    String content = "builders = $(rm -rf /)\n";
    String script = HostScripts.writeFile(path, content, "o'brien");
    assertThat(script).contains(Shell.quote(path)).contains("chown " + Shell.quote("o'brien") + ": ")
        .contains(Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain("rm -rf");
    assertThat(HostScripts.writeFiles(Map.of(path, content))).contains("dirname " + Shell.quote(path))
        .doesNotContain("rm -rf");
    assertThat(HostScripts.configure("useradd bob\n", Map.of())).isEqualTo("set -e\nuseradd bob\n");
    assertThat(HostScripts.writeFiles(Map.of())).isEqualTo("set -e\n");
  }
}
