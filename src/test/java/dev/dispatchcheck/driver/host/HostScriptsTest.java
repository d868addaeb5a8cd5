package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostScriptsTest {
  @Test
  void rootRunsAScriptDirectlyAndAUserThroughSudo() {
    assertThat(HostScripts.asUser("root", "id")).containsExactly("sh", "-c", "id");
    assertThat(HostScripts.asUser("alice", "id")).containsExactly("sudo", "-u", "alice", "-H", "sh", "-c", "id");
  }

  @Test
  void aFileTravelsAsArgumentsNoShellParsesWithItsContentInBase64() {
    String path = "/home/o'brien/$(touch x)/nix.conf";
    String content = "builders = $(rm -rf /)\n";
    assertThat(HostScripts.writeFile(path, content, "o'brien")).containsExactly(HostScripts.WRITE_FILES, "o'brien",
        path, base64(content));
  }

  @Test
  void filesWithoutAnOwnerGoToTheOwnerOfTheNearestDirectoryAboveEach() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("/etc/nix/machines", "ssh://b x86_64-linux\n");
    files.put("/var/lib/hercules-ci-agent/.config/nix/nix.conf", "");
    assertThat(HostScripts.writeFiles(files)).containsExactly(HostScripts.WRITE_FILES,
        "", "/etc/nix/machines", base64("ssh://b x86_64-linux\n"),
        "", "/var/lib/hercules-ci-agent/.config/nix/nix.conf", "");
    assertThat(HostScripts.writeFiles(Map.of())).containsExactly(HostScripts.WRITE_FILES);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
