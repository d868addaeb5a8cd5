package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code containers/nix-host/nix-host-channel} run here, by this machine's Perl: a
 * {@code cat FILE} it answers itself must answer as this machine's cat does, byte for byte,
 * exit status and message, and any other cat must still be cat's.
 */
class ChannelCatTest {
  private static final Path CHANNEL = Path.of("containers/nix-host/nix-host-channel");

  @TempDir
  Path dir;

  @Test
  void readsEveryByteOfAFileAsCatDoes() throws Exception {
    Path file = dir.resolve("machines");
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
    Files.write(file, bytes);
    assertSameAsCat(List.of("cat", file.toString()));
    assertThat(channel(List.of("cat", file.toString())).get(0).out).isEqualTo(bytes);
  }

  @Test
  void aMissingFileOrADirectoryFailsWithCatsMessage() throws Exception {
    assertSameAsCat(List.of("cat", dir.resolve("absent").toString()));
    assertSameAsCat(List.of("cat", dir.toString()));
    assertThat(channel(List.of("cat", dir.resolve("absent").toString())).get(0).exit).isEqualTo(1);
  }

  @Test
  void anEmptyFileAndAnyOtherUseOfCatAreCatsToo() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty"));
    Path text = Files.writeString(dir.resolve("text"), "a\tb\n");
    assertSameAsCat(List.of("cat", empty.toString()));
    assertSameAsCat(List.of("cat", "-A", text.toString()));
    assertSameAsCat(List.of("cat", text.toString(), text.toString()));
  }

  private void assertSameAsCat(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    Reply reply = channel(argv).get(0);
    assertThat(reply.exit).as("exit of %s", argv).isEqualTo(exit);
    assertThat(reply.out).as("stdout of %s", argv).isEqualTo(out);
    assertThat(reply.err.replaceFirst("^/usr/bin/cat", "cat")).as("stderr of %s", argv).isEqualTo(err);
  }

  private record Reply(int exit, byte[] out, String err) {}

  /** Sends each request to the channel, as {@link CommandChannel} does, and reads the replies. */
  @SafeVarargs
  private static List<Reply> channel(List<String>... requests) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("perl", CHANNEL.toString()).start();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (List<String> argv : requests) {
      byte[] body = String.join("\0", argv).getBytes(StandardCharsets.UTF_8);
      in.write((body.length + "\n").getBytes(StandardCharsets.US_ASCII));
      in.write(body);
    }
    p.getOutputStream().write(in.toByteArray());
    p.getOutputStream().close();
    DataInputStream replies = new DataInputStream(p.getInputStream());
    List<Reply> out = new ArrayList<>();
    for (int i = 0; i < requests.length; i++) {
      String[] header = readLine(replies).split(" ");
      byte[] stdout = replies.readNBytes(Integer.parseInt(header[1]));
      byte[] stderr = replies.readNBytes(Integer.parseInt(header[2]));
      out.add(new Reply(Integer.parseInt(header[0]), stdout, new String(stderr, StandardCharsets.UTF_8)));
    }
    p.waitFor();
    return out;
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) throw new IOException("the channel ended mid-reply: " + line);
      line.append((char) b);
    }
    return line.toString();
  }
}
