package dev.dispatchcheck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class ShellTest {

  static final List<String> HOSTILE = List.of(
      "a$(touch${IFS}pwned).example.com", "`touch pwned`", "it's", "'; touch pwned; '", "\"$(touch pwned)\"",
      "${IFS}", "a\nb", "line\ntouch pwned", "*", "~root", "-rf", "", "\\'", "a\\", "$((1+1))", "!!", "a;b|c&d>e<f",
      "\u001b[31mred\u001b[0m", "caf\u00e9 \u65e5\u672c", "x=1", "a{b,c}", "?", "[a]", "#a", "a#b", "%", "-n");

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      hercules-ci-agent | hercules-ci-agent
      /root/.ssh/id_b   | /root/.ssh/id_b
      x=1               | 'x=1'
      a b               | 'a b'
      it's              | 'it'\\''s'
      ""                | ''
      """)
  void aPlainWordStaysAsItIsAndAnyOtherIsSingleQuoted(String value, String quoted) {
    assertThat(Shell.quote(value)).isEqualTo(quoted);
  }

  /** The real test: a shell given the quoted word prints the value back, and runs nothing in it. */
  @ParameterizedTest
  @FieldSource("HOSTILE")
  void theShellReadsBackEveryHostileValueExactlyAndRunsNothing(String value) throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", "printf '%s' " + Shell.quote(value)).directory(dir.toFile()).start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).isZero();
    assertThat(out).isEqualTo(value);
    try (var left = Files.list(dir)) {
      assertThat(left).as("files the value would have made, had it run").isEmpty();
    }
  }

  @Test
  void aWordCannotHoldNul() {
    assertThatThrownBy(() -> Shell.quote("a\u0000b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a\\x00b");
  }
}
