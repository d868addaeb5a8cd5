package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code containers/nix-host/nix-host-channel} run here, by this machine's Perl: a
 * {@code cat FILE} it answers itself (run with no cat on its PATH, so nothing else can)
 * must answer as this machine's cat does in the C locale, byte for byte, exit status and
 * message; any other cat must still be cat's.
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
    assertAnsweredAsCat(List.of("cat", file.toString()));
    assertThat(channel(NO_CAT, List.of("cat", file.toString())).out).isEqualTo(bytes);
  }

  @Test
  void aMissingFileOrADirectoryFailsWithCatsMessage() throws Exception {
    assertAnsweredAsCat(List.of("cat", dir.resolve("absent").toString()));
    assertAnsweredAsCat(List.of("cat", dir.toString()));
    assertThat(channel(NO_CAT, List.of("cat", dir.resolve("absent").toString())).exit).isEqualTo(1);
  }

  @Test
  void anEmptyFileAndAnyOtherUseOfCatAreCatsToo() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty"));
    Path text = Files.writeString(dir.resolve("text"), "a\tb\n");
    assertAnsweredAsCat(List.of("cat", empty.toString()));
    assertSameAsCat(List.of("cat", "-A", text.toString()), WITH_CAT);
    assertSameAsCat(List.of("cat", text.toString(), text.toString()), WITH_CAT);
    assertThat(channel(NO_CAT, List.of("cat", "-A", text.toString())).exit)
        .as("cat with an option is cat's to run: with none on the PATH, nothing runs").isEqualTo(127);
  }

  /** What the channel answers itself: with no cat it could start. */
  private void assertAnsweredAsCat(List<String> argv) throws Exception {
    assertSameAsCat(argv, NO_CAT);
  }

  private void assertSameAsCat(List<String> argv, String channelPath) throws Exception {
    ProcessBuilder cat = new ProcessBuilder(argv);
    cat.environment().put("LC_ALL", "C");
    Process p = cat.start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    Reply reply = channel(channelPath, argv);
    assertThat(reply.exit).as("exit of %s", argv).isEqualTo(exit);
    assertThat(reply.out).as("stdout of %s", argv).isEqualTo(out);
    assertThat(reply.err).as("stderr of %s", argv).isEqualTo(err);
  }

  /** A PATH with no cat on it, and this machine's. */
  private static final String NO_CAT = "/nonexistent";
  private static final String WITH_CAT = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

  private record Reply(int exit, byte[] out, String err) {}

  /** Sends one request to the channel, as {@link CommandChannel} does, and reads its reply. */
  private static Reply channel(String path, List<String> argv) throws IOException, InterruptedException {
    ProcessBuilder channel = new ProcessBuilder(perl(), CHANNEL.toString());
    channel.environment().put("PATH", path);
    channel.environment().put("LC_ALL", "C");
    Process p = channel.start();
    byte[] body = String.join("\0", argv).getBytes(StandardCharsets.UTF_8);
    p.getOutputStream().write((body.length + "\n").getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().write(body);
    p.getOutputStream().close();
    DataInputStream reply = new DataInputStream(p.getInputStream());
    String[] header = readLine(reply).split(" ");
    byte[] stdout = reply.readNBytes(Integer.parseInt(header[1]));
    byte[] stderr = reply.readNBytes(Integer.parseInt(header[2]));
    p.waitFor();
    return new Reply(Integer.parseInt(header[0]), stdout, new String(stderr, StandardCharsets.UTF_8));
  }

  /** This machine's perl, found on its own PATH: the channel's PATH may have none. */
  private static String perl() {
    for (String dir : WITH_CAT.split(":")) {
      if (Files.isExecutable(Path.of(dir, "perl"))) return Path.of(dir, "perl").toString();
    }
    return "/usr/bin/perl";
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
