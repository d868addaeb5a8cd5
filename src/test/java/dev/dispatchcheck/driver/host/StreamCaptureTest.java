package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.log.Logs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A broken stream is recorded as broken, never written into what is parsed as Nix's output. */
class StreamCaptureTest {

  @Test
  void aBrokenStreamSaysNothingInTheOutput() {
    StreamCapture c = new StreamCapture();
    c.printed(utf8("building '/nix/store/a-p.drv' on 'ssh://b-1'...\n"), false);
    c.broke(new IOException("Connection refused"));
    c.finished(null);
    assertThat(c.output()).doesNotContain("Connection refused").doesNotContain("dispatchcheck");
    assertThat(c.broken()).get().hasToString("java.io.IOException: Connection refused");
    assertThat(Logs.parse(c.output(), c.stdout(), c.exitCode()).error())
        .as("the harness's own trouble is not read as an SSH failure").isEmpty();
  }

  @Test
  void stdoutIsKeptApartForTheOutputPath() {
    StreamCapture c = new StreamCapture();
    c.printed(utf8("warning: x\n"), false);
    c.printed(utf8("/nix/store/abc-p\n"), true);
    c.finished(0);
    assertThat(c.stdout()).isEqualTo("/nix/store/abc-p\n");
    assertThat(c.output()).isEqualTo("warning: x\n/nix/store/abc-p\n");
    assertThat(c.exitCode()).isEqualTo(Optional.of(0));
  }

  @Test
  void aCharacterSplitAcrossChunksArrivesWhole() {
    byte[] line = utf8("building '/nix/store/a-p.drv' on 'ssh://bücher→1'...\n");
    int arrow = indexOf(line, (byte) 0xe2);
    StreamCapture c = new StreamCapture();
    c.printed(Arrays.copyOfRange(line, 0, arrow + 1), false);
    c.printed(utf8("stdout between\n"), true);
    c.printed(Arrays.copyOfRange(line, arrow + 1, arrow + 2), false);
    c.printed(Arrays.copyOfRange(line, arrow + 2, line.length), false);
    c.finished(0);
    assertThat(c.output()).isEqualTo("building '/nix/store/a-p.drv' on 'ssh://bücherstdout between\n→1'...\n")
        .doesNotContain("\ufffd");
    assertThat(c.stdout()).isEqualTo("stdout between\n");
  }

  @Test
  void aCharacterLeftIncompleteAtTheEndIsMarked() {
    StreamCapture c = new StreamCapture();
    c.printed(new byte[] {'o', 'k', (byte) 0xc3}, true);
    assertThat(c.stdout()).isEqualTo("ok");
    c.finished(1);
    assertThat(c.stdout()).isEqualTo("ok\ufffd");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
    throw new AssertionError("no byte " + b);
  }
}
