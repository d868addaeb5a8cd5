package dev.dispatchcheck.dispatch.log;

import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.Placement;

import static dev.dispatchcheck.dispatch.log.Logs.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real internal-json logs from Nix 2.8, read as structure and as text. */
class InternalJsonLogTest {

  @Test
  void remoteBuildActivityNamesTheMachine() {
    assertThat(InternalJsonLog.activities(fixture("dispatched-remote.json.log"))).containsExactly(new BuildActivity(
        "/nix/store/yzhfrqyvl96vna1r1ykillbrwy044ggc-probe-1.drv", "ssh://aarch64-linux-0"));
  }

  @Test
  void renderingReadsLikeThePlainLog() {
    String text = InternalJsonLog.render(fixture("dispatched-remote.json.log"));
    assertThat(text).contains("this derivation will be built:\n")
        .contains("building '/nix/store/yzhfrqyvl96vna1r1ykillbrwy044ggc-probe-1.drv' on 'ssh://aarch64-linux-0'...\n")
        .contains("checking host... aarch64-linux-0\n")
        .doesNotContain("querying info about missing paths")
        .doesNotContain("@nix");
  }

  @Test
  void bothReadingsAgreeOnARemoteBuild() {
    String raw = fixture("dispatched-remote.json.log");
    DispatchRecord r = Logs.parseInternalJson(raw, "/nix/store/6j67kb62fxv0d615zqh97nr6fa18hxbg-probe-1\n",
        Optional.of(0));
    assertThat(r.builder()).contains("aarch64-linux-0");
    assertThat(r.logReadingsAgree()).isTrue();
  }

  @Test
  void localBuildHasAnEmptyMachine() {
    DispatchRecord r = Logs.parseInternalJson(fixture("built-locally.json.log"), "", Optional.of(0));
    assertThat(r.placement()).isEqualTo(Placement.LOCAL);
    assertThat(r.activities()).hasSize(1).allMatch(BuildActivity::isLocal);
    assertThat(r.logReadingsAgree()).isTrue();
  }

  @Test
  void errorLoseItsColoursAndIsClassified() {
    DispatchRecord r = Logs.parseInternalJson(fixture("no-builder.json.log"), "", Optional.of(1));
    assertThat(r.error()).contains(ErrorClass.NO_MACHINE_FOR_SYSTEM);
    assertThat(r.errorLine().orElseThrow()).startsWith("error: a 'riscv64-linux' with features {} is required");
    assertThat(r.activities()).isEmpty();
    assertThat(r.logReadingsAgree()).isTrue();
  }

  @Test
  void disagreementIsDetected() {
    DispatchRecord text = Logs.parse("building '/nix/store/a-p.drv' on 'ssh://x-1'...\n", "", Optional.of(0));
    assertThat(text.withActivities(java.util.List.of(new BuildActivity("/nix/store/a-p.drv", "ssh://x-0")))
        .logReadingsAgree()).isFalse();
    assertThat(text.logReadingsAgree()).as("no activity at all").isFalse();
  }

  /**
   * Over ssh-ng the builder's daemon reports its own, local, build activity back through
   * the connection: two build activities, of which only the first is the client's.
   */
  @Test
  void sshNgForwardedActivityIsTheBuilderSpeaking() {
    String raw = fixture("2.26", "ssh-ng-dispatched.json.log");
    String drv = "/nix/store/h97h8fln32vmm38zqj76vsdn4fg931yr-dispatchcheck-probe-ff41e417.drv";
    assertThat(InternalJsonLog.activities(raw)).containsExactly(
        new BuildActivity(drv, "ssh-ng://aarch64-linux-0", false),
        new BuildActivity(drv, "", true));
  }

  @Test
  void sshNgDispatchReadsAsRemoteInBothReadings() {
    String raw = fixture("2.26", "ssh-ng-dispatched.json.log");
    DispatchRecord r = Logs.parseInternalJson(raw,
        "/nix/store/rj25ya6z5mxkxr53dryyvj5lkpayzfq6-dispatchcheck-probe-ff41e417\n", Optional.of(0));
    assertThat(r.placement()).isEqualTo(Placement.REMOTE);
    assertThat(r.builder()).contains("aarch64-linux-0");
    assertThat(r.logReadingsAgree()).isTrue();
    assertThat(r.evidenceText()).contains("build activity forwarded by the builder's daemon");
  }

  @Test
  void aLocalBuildOfAnotherDerivationAfterADispatchIsNotForwarded() {
    String raw = String.join("\n",
        "@nix {\"action\":\"start\",\"id\":1,\"level\":3,\"type\":105,\"fields\":[\"/nix/store/a.drv\",\"ssh-ng://b\",1,1],\"text\":\"\"}",
        "@nix {\"action\":\"stop\",\"id\":1}",
        "@nix {\"action\":\"start\",\"id\":2,\"level\":3,\"type\":105,\"fields\":[\"/nix/store/a.drv\",\"\",1,1],\"text\":\"\"}");
    assertThat(InternalJsonLog.activities(raw)).extracting(BuildActivity::forwarded).containsExactly(false, false);
  }
}
