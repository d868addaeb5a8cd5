package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a program started by the command channel ({@link ChannelScript}, this machine's Perl)
 * is given and what comes back of it: /dev/null for stdin and a pipe each for stdout and
 * stderr, and no other descriptor of the channel's; its exit status as a shell has it; a
 * program that cannot be started answered with 127 and a message.
 */
class ChannelProgramTest {
  private static final String PATH = ChannelScript.PATH;

  @Test
  void stdoutStderrAndTheExitStatusComeBackApartAndInStepWithTheNextCommand() throws Exception {
    List<ChannelScript.Reply> replies = ChannelScript.runAll(PATH,
        List.of(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), List.of("sh", "-c", "echo next")));
    assertThat(replies.get(0).exit()).isEqualTo(3);
    assertThat(replies.get(0).outText()).isEqualTo("out\n");
    assertThat(replies.get(0).err()).isEqualTo("err\n");
    assertThat(replies.get(1).exit()).isZero();
    assertThat(replies.get(1).outText()).isEqualTo("next\n");
    assertThat(replies.get(1).err()).isEmpty();
  }

  @Test
  void aProgramHoldsStdinStdoutAndStderrOnly() throws Exception {
    ChannelScript.Reply reply = ChannelScript.run(PATH, List.of("perl", "-e",
        "opendir(my $d, '/proc/self/fd'); my $own = fileno($d);"
            + " print join(' ', map { \"$_=\" . readlink(\"/proc/self/fd/$_\") } sort grep { /^\\d+$/ && $_ != $own } readdir $d)"));
    assertThat(reply.exit()).as(reply.err()).isZero();
    assertThat(reply.outText()).matches("0=/dev/null 1=pipe:\\[(\\d+)] 2=pipe:\\[(?!\\1])\\d+]");
  }

  @Test
  void aSignalIs128AndItsNumberAndAMissingProgramIs127WithAMessage() throws Exception {
    assertThat(ChannelScript.run(PATH, List.of("sh", "-c", "kill -9 $$")).exit()).isEqualTo(137);
    ChannelScript.Reply missing = ChannelScript.run(PATH, List.of("/nonexistent/program", "a"));
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(missing.err()).isEqualTo("/nonexistent/program: No such file or directory\n");
  }

  /** A bound on a hang, not on speed: the process left behind sleeps ten times as long. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void whatAProgramLeavesBehindHoldingItsPipesIsNotWaitedFor() throws Exception {
    ChannelScript.Reply reply = ChannelScript.run(PATH, List.of("sh", "-c", "sleep 300 & echo left"));
    assertThat(reply.exit()).isZero();
    assertThat(reply.outText()).isEqualTo("left\n");
  }
}
