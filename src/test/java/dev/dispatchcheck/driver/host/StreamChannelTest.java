package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream channel's frames reach each command's capture, however the engine cuts them. */
class StreamChannelTest {
  private static StreamChannel channel() throws Exception {
    Constructor<StreamChannel> c = StreamChannel.class.getDeclaredConstructor(String.class);
    c.setAccessible(true);
    return c.newInstance("agent");
  }

  private static void feed(StreamChannel ch, String wire, int cut) {
    byte[] all = wire.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < all.length; i += cut) {
      ch.received(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + cut)));
    }
  }

  @Test
  void framesReachTheirCommandsWhateverTheCuts() throws Exception {
    for (int cut : new int[] {1, 3, 7, 1000}) {
      StreamChannel ch = channel();
      StreamCapture first = ch.start(List.of("sh", "-c", "a"));
      StreamCapture second = ch.start(List.of("sh", "-c", "b"));
      feed(ch, "1 o 6\nout 1\n2 e 4\nerr\n2 x 3\n1 o 4\nx\nyz1 x 0\n", cut);
      assertThat(first.stdout()).isEqualTo("out 1\nx\nyz");
      assertThat(first.exitCode()).contains(0);
      assertThat(second.stderr()).isEqualTo("err\n");
      assertThat(second.exitCode()).contains(3);
      assertThat(first.broken()).isEmpty();
    }
  }

  /** The negative twin: a channel that ends under a running command breaks its stream, never ends it well. */
  @Test
  void aChannelThatEndsBreaksWhatStillRuns() throws Exception {
    StreamChannel ch = channel();
    StreamCapture done = ch.start(List.of("true"));
    StreamCapture running = ch.start(List.of("sleep", "9"));
    feed(ch, "1 x 0\n2 o 3\nhal", 1000);
    ch.end(null);
    assertThat(done.broken()).isEmpty();
    assertThat(running.broken()).isPresent();
    assertThat(running.isFinished()).isTrue();
    assertThat(running.exitCode()).isEmpty();
    assertThat(ch.usable()).isFalse();
  }
}
