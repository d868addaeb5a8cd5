package dev.dispatchcheck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTest {

  static final List<String> HOSTILE = List.of(
      "a$(touch${IFS}pwned).example.com", "`touch pwned`", "it's", "'; touch pwned; '", "\"$(touch pwned)\"",
      "${IFS}", "a\nb", "line\ntouch pwned", "*", "~root", "-rf", "", "\\'", "a\\", "$((1+1))", "!!", "a;b|c&d>e<f",
      "\u001b[31mred\u001b[0m", "caf\u00e9 \u65e5\u672c", "x=1", "a{b,c}", "?", "[a]", "#a", "a#b", "%", "-n");

  @TempDir Path dir;

  @Test
  void aPlainWordStaysAsItIsAndAnyOtherIsSingleQuoted() {
    assertThat(Shell.quote("hercules-ci-agent")).isEqualTo("hercules-ci-agent");
    assertThat(Shell.quote("/root/.ssh/id_b")).isEqualTo("/root/.ssh/id_b");
    assertThat(Shell.quote("x=1")).isEqualTo("'x=1'");
    assertThat(Shell.quote("a b")).isEqualTo("'a b'");
    assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(Shell.quote("")).isEqualTo("''");
  }

  /** The real test: a shell given the quoted word prints the value back, and runs nothing in it. */
  @Test
  void theShellReadsBackEveryHostileValueExactlyAndRunsNothing() throws Exception {
    for (String value : HOSTILE) {
      Process sh = new ProcessBuilder("sh", "-c", "printf '%s' " + Shell.quote(value)).directory(dir.toFile()).start();
      String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sh.waitFor()).as(value).isZero();
      assertThat(out).as(value).isEqualTo(value);
    }
    try (var left = Files.list(dir)) {
      assertThat(left).as("files the values would have made, had they run").isEmpty();
    }
  }

  @Test
  void aWordCannotHoldNul() {
    assertThatThrownBy(() -> Shell.quote("a\u0000b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a\\x00b");
  }
}
