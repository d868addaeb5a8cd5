package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code containers/nix-host/nix-host-streams} run here, by this machine's Perl, with the
 * wire format {@link StreamChannel} reads: what each command is given (/dev/null, a pipe each
 * for stdout and stderr, no other descriptor of the channel's), what it printed framed by
 * its number, and its exit once that is read.
 */
class StreamsScriptTest {
  private static final Path STREAMS = Path.of("containers/nix-host/nix-host-streams");

  /** What one command printed, and how it ended. */
  private static final class Command {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer exit;

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void eachCommandsOutputAndExitComeUnderItsNumber() throws Exception {
    Map<Integer, Command> commands = run(List.of(
        List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
        List.of("/nonexistent/program", "a"),
        List.of("sh", "-c", "kill -9 $$")));
    assertThat(commands.get(1).out()).isEqualTo("out\n");
    assertThat(commands.get(1).err()).isEqualTo("err\n");
    assertThat(commands.get(1).exit).isEqualTo(3);
    assertThat(commands.get(2).exit).isEqualTo(127);
    assertThat(commands.get(2).err()).isEqualTo("/nonexistent/program: No such file or directory\n");
    assertThat(commands.get(3).exit).isEqualTo(137);
  }

  @Test
  void aCommandHoldsStdinStdoutAndStderrOnly() throws Exception {
    Command c = run(List.of(List.of("perl", "-e",
        "opendir(my $d, '/proc/self/fd'); my $own = fileno($d);"
            + " print join(' ', map { \"$_=\" . readlink(\"/proc/self/fd/$_\") } sort grep { /^\\d+$/ && $_ != $own } readdir $d)")))
        .get(1);
    assertThat(c.exit).as(c.err()).isZero();
    assertThat(c.out()).matches("0=/dev/null 1=pipe:\\[(\\d+)] 2=pipe:\\[(?!\\1])\\d+]");
  }

  /** A bound on a hang, not on speed: the process left behind sleeps ten times as long. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void whatACommandLeavesBehindHoldingItsPipesIsNotWaitedFor() throws Exception {
    Command c = run(List.of(List.of("sh", "-c", "sleep 300 & echo left"))).get(1);
    assertThat(c.out()).isEqualTo("left\n");
    assertThat(c.exit).isZero();
  }

  /** Sends every request, ends the input, and reads frames until the script ends. */
  private static Map<Integer, Command> run(List<List<String>> requests) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(ChannelScript.perl(), STREAMS.toString()).start();
    ChannelScript.send(p, requests);
    Map<Integer, Command> commands = new TreeMap<>();
    DataInputStream frames = new DataInputStream(p.getInputStream());
    for (String header = ChannelScript.readLine(frames); header != null; header = ChannelScript.readLine(frames)) {
      String[] f = header.split(" ");
      Command c = commands.computeIfAbsent(Integer.parseInt(f[0]), n -> new Command());
      switch (f[1]) {
        case "o" -> c.out.write(frames.readNBytes(Integer.parseInt(f[2])));
        case "e" -> c.err.write(frames.readNBytes(Integer.parseInt(f[2])));
        case "x" -> c.exit = Integer.parseInt(f[2]);
        default -> throw new IOException("not a frame: " + header);
      }
    }
    assertThat(p.waitFor()).as("the script's own exit").isZero();
    return commands;
  }
}
