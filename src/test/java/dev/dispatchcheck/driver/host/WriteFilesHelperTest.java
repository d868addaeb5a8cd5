package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code containers/nix-host/nix-host-write-files} run here, by this machine's Perl, as the
 * user running the tests (the owner whose uid it already has: no change of user needed).
 * That it makes another user's directories as that user is shown by the suite, on hosts.
 */
class WriteFilesHelperTest {
  private static final Path HELPER = Path.of("containers/nix-host/nix-host-write-files");
  private static final String ME = System.getProperty("user.name");

  @TempDir
  Path dir;

  @Test
  void writesEveryByteAndMakesTheDirectoriesAboveAsTheOwner() throws Exception {
    Path file = dir.resolve("a/b/c/nix.conf");
    String content = "builders = $(rm -rf /) ü\n\0end";
    Run run = run(HostScripts.writeFile(file.toString(), content, ME));
    assertThat(run.exit).as(run.err).isZero();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(owner(file)).isEqualTo(ME);
    assertThat(owner(dir.resolve("a/b"))).isEqualTo(ME);
  }

  @Test
  void withoutAnOwnerTheNearestExistingDirectoryAboveOwnsTheFile() throws Exception {
    Run run = run(HostScripts.writeFiles(Map.of(dir.resolve("x/y/z").toString(), "1", dir.resolve("w").toString(), "")));
    assertThat(run.exit).as(run.err).isZero();
    assertThat(Files.readString(dir.resolve("x/y/z"))).isEqualTo("1");
    assertThat(Files.size(dir.resolve("w"))).isZero();
    assertThat(owner(dir.resolve("x/y/z"))).isEqualTo(owner(dir));
  }

  @Test
  void anExistingFileIsTruncatedAndASymlinkFollowedAsTheShellsRedirectionDid() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "a much longer old content\n");
    Files.createSymbolicLink(dir.resolve("link"), target);
    Run run = run(HostScripts.writeFile(dir.resolve("link").toString(), "new\n", ME));
    assertThat(run.exit).as(run.err).isZero();
    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(Files.isSymbolicLink(dir.resolve("link"))).isTrue();
  }

  @Test
  void aFailureNamesTheFileAndStopsThere() throws Exception {
    Files.writeString(dir.resolve("plain"), "not a directory");
    Map<String, String> files = new LinkedHashMap<>();
    files.put(dir.resolve("before").toString(), "1");
    files.put(dir.resolve("plain/inside").toString(), "x");
    files.put(dir.resolve("after").toString(), "2");
    Run run = run(HostScripts.writeFiles(files));
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).contains("nix-host-write-files:").contains(dir.resolve("plain").toString());
    assertThat(dir.resolve("before")).hasContent("1");
    assertThat(dir.resolve("after")).doesNotExist();

    Run unknown = run(HostScripts.writeFile(dir.resolve("f").toString(), "x", "no-such-user-here"));
    assertThat(unknown.exit).isEqualTo(1);
    assertThat(unknown.err).contains("unknown user: 'no-such-user-here'");
    assertThat(dir.resolve("f")).doesNotExist();

    Run relative = run(HostScripts.writeFile("etc/nix/machines", "x", ME));
    assertThat(relative.exit).isEqualTo(1);
    assertThat(relative.err).contains("not an absolute path: 'etc/nix/machines'");
  }

  @Test
  void argumentsNotInThreesAreAUsageError() throws Exception {
    Run run = run(List.of(HostScripts.WRITE_FILES, ME, dir.resolve("f").toString()));
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("usage:");
  }

  private record Run(int exit, String err) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("perl", HELPER.toString()));
    argv.addAll(command.subList(1, command.size()));
    Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), err);
  }

  private static String owner(Path p) throws IOException {
    return Files.getFileAttributeView(p, PosixFileAttributeView.class).readAttributes().owner().getName();
  }
}
