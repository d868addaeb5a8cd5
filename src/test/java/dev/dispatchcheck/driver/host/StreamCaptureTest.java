package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.log.Logs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.log.DispatchLogParser;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A broken stream is recorded as broken, never written into what is parsed as Nix's output. */
class StreamCaptureTest {

  @Test
  void aBrokenStreamSaysNothingInTheOutput() {
    StreamCapture c = new StreamCapture();
    c.printed("building '/nix/store/a-p.drv' on 'ssh://b-1'...\n", false);
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
    c.printed("warning: x\n", false);
    c.printed("/nix/store/abc-p\n", true);
    c.finished(0);
    assertThat(c.stdout()).isEqualTo("/nix/store/abc-p\n");
    assertThat(c.output()).isEqualTo("warning: x\n/nix/store/abc-p\n");
    assertThat(c.exitCode()).isEqualTo(Optional.of(0));
  }
}
