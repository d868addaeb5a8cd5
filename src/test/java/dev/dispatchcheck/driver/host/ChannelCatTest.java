package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command channel ({@link ChannelScript}) run here, by this machine's Perl: a
 * {@code cat FILE} it answers itself (run with no cat on its PATH, so nothing else can)
 * must answer as this machine's cat does in the C locale, byte for byte, exit status and
 * message; any other cat must still be cat's.
 */
class ChannelCatTest {
  @TempDir
  Path dir;

  @Test
  void readsEveryByteOfAFileAsCatDoes() throws Exception {
    Path file = dir.resolve("machines");
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
    Files.write(file, bytes);
    assertAnsweredAsCat(List.of("cat", file.toString()));
    assertThat(channel(NO_CAT, List.of("cat", file.toString())).out()).isEqualTo(bytes);
  }

  @Test
  void aMissingFileOrADirectoryFailsWithCatsMessage() throws Exception {
    assertAnsweredAsCat(List.of("cat", dir.resolve("absent").toString()));
    assertAnsweredAsCat(List.of("cat", dir.toString()));
    assertThat(channel(NO_CAT, List.of("cat", dir.resolve("absent").toString())).exit()).isEqualTo(1);
  }

  @Test
  void anEmptyFileAndAnyOtherUseOfCatAreCatsToo() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty"));
    Path text = Files.writeString(dir.resolve("text"), "a\tb\n");
    assertAnsweredAsCat(List.of("cat", empty.toString()));
    assertSameAsCat(List.of("cat", "-A", text.toString()), WITH_CAT);
    assertSameAsCat(List.of("cat", text.toString(), text.toString()), WITH_CAT);
    assertThat(channel(NO_CAT, List.of("cat", "-A", text.toString())).exit())
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
    ChannelScript.Reply reply = channel(channelPath, argv);
    assertThat(reply.exit()).as("exit of %s", argv).isEqualTo(exit);
    assertThat(reply.out()).as("stdout of %s", argv).isEqualTo(out);
    assertThat(reply.err()).as("stderr of %s", argv).isEqualTo(err);
  }

  /** A PATH with no cat on it, and this machine's. */
  private static final String NO_CAT = "/nonexistent";
  private static final String WITH_CAT = ChannelScript.PATH;

  private static ChannelScript.Reply channel(String path, List<String> argv) throws Exception {
    return ChannelScript.run(path, argv);
  }
}
