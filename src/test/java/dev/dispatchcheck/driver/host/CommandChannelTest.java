package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandChannelTest {
  @Test
  void aChannelWhoseExecEndedIsNotUsable() {
    CommandChannel channel = new CommandChannel("builder-0");
    assertThat(channel.usable()).isTrue();
    channel.execEnded();
    assertThat(channel.usable()).as("the exec ended (its container restarted): the next command needs another channel")
        .isFalse();
  }

  @Test
  void aClosedOrAbandonedChannelIsNotUsable() {
    CommandChannel closed = new CommandChannel("builder-0");
    closed.close();
    assertThat(closed.usable()).isFalse();
    CommandChannel abandoned = new CommandChannel("builder-0");
    abandoned.abandon();
    assertThat(abandoned.usable()).isFalse();
  }
}
