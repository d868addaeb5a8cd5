package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root's ssh_config is the farm's: whatever it holds, lint and the plan end, and every finding is one printable line. */
class SshConfigFuzzTest {
  private static final List<String> KEYWORDS = List.of("Host", "Match", "HostName", "User", "Port", "IdentityFile",
      "ProxyJump", "ProxyCommand", "Include", "CanonicalizeHostname", "host", "#");
  private static final List<String> VALUES = List.of("*", "!*", "arm?", "*.example.com", "!bastion.example.com",
      "bastion.example.com", "a.example.com", "%h", "%h.example.com", "%%", "%l", "~/.ssh/k_%h", "/etc/nix/k", "none",
      "u@b:22,c", "ssh -W %h:%p bastion.example.com", "ssh -W '[%h]:%p' agent", "host x", "user bob", "exec true",
      "final", "canonical", "all", "2222", "0", "x", "'a b'", "\"", "\\", "$(id)", "\u202e", "é", "a".repeat(300), "*/*",
      "../../etc/passwd", "ssh_config.d/*", "=", ",", "10.0.0.5", "agent", "@", "::1", "[::1]:22");

  @TempDir Path dir;

  @Test
  void randomConfigsNeverCrashLintOrThePlan() {
    Random r = new Random(21);
    for (int i = 0; i < 300; i++) {
      List<String> lines = new ArrayList<>();
      for (int j = r.nextInt(12); j >= 0; j--) {
        lines.add(KEYWORDS.get(r.nextInt(KEYWORDS.size())) + " " + VALUES.get(r.nextInt(VALUES.size()))
            + (r.nextBoolean() ? " " + VALUES.get(r.nextInt(VALUES.size())) : ""));
      }
      Farm farm = Farm.in(dir.resolve("f" + i))
          .agent("/etc/nix/machines", "ssh-ng://nix@a.example.com aarch64-linux", "ssh://arm1 aarch64-linux")
          .agent("/root/.ssh/config", lines.toArray(String[]::new))
          .agent("/etc/ssh/ssh_config.d/x.conf", "Include /etc/ssh/ssh_config.d/*", lines.get(0));
      FarmLayout layout = farm.layout();
      assertThatCode(() -> FarmPlan.of(layout)).as(String.join(" | ", lines)).doesNotThrowAnyException();
      assertThat(Lint.check(layout)).as(String.join(" | ", lines))
          .allSatisfy(f -> assertThat(f.toString()).doesNotContain("\n").doesNotContain("\u202e"));
    }
  }
}
