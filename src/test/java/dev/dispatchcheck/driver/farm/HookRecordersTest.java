package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.FarmCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRecordersTest {
  @TempDir Path dir;

  /** Runs the no-op as Nix would run a post-build hook, its log at {@code log}; returns its exit code and stdout. */
  private String[] run(Path log) throws IOException, InterruptedException {
    Path hook = dir.resolve("post-build-hook");
    Files.writeString(hook, HookRecorders.RECORDER.replace(FarmCommand.RECORDER_LOG, log.toString()));
    hook.toFile().setExecutable(true);
    ProcessBuilder pb = new ProcessBuilder(hook.toString()).redirectErrorStream(true);
    pb.environment().putAll(Map.of("DRV_PATH", "/nix/store/abc-probe.drv", "OUT_PATHS", "/nix/store/abc-probe"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new String[] {String.valueOf(p.waitFor()), out};
  }

  @Test
  void theNoOpNotesTheCallPrintsNothingAndSucceeds() throws Exception {
    Path log = dir.resolve("neutralised");
    String[] r = run(log);
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).isEmpty(); // a pre-build hook's output would be read as settings
    assertThat(Files.readString(log)).matches("post-build-hook called by uid [0-9]+ for /nix/store/abc-probe\\.drv\n");
  }

  @Test
  void itSucceedsSilentlyEvenWhenItCannotNoteTheCall() throws Exception {
    String[] r = run(dir.resolve("no-such-dir/neutralised"));
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).isEmpty();
  }

  @Test
  void theInstallPutsOneNoOpForEachRecordedHookAndAnyonesLog() {
    String script = HookRecorders.script();
    for (FarmCommand.Kind k : FarmCommand.Kind.values()) {
      assertThat(script.contains("> " + FarmCommand.recorder(k) + ";")).as(k.name())
          .isEqualTo(k.deployed == FarmCommand.Deployed.RECORDED);
    }
    assertThat(script).contains("chmod 666 " + FarmCommand.RECORDER_LOG);
  }
}
