package dev.dispatchcheck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeTest {

  @Test
  void freshSaltEveryTime() {
    assertThat(Probe.salted("aarch64-linux").salt()).isNotEqualTo(Probe.salted("aarch64-linux").salt());
  }

  @Test
  void expressionCarriesSystemSaltFeaturesAndBusyboxBuilder() {
    String e = new Probe("aarch64-darwin", "n123", Set.of("kvm", "big-parallel"), 0).expression();
    assertThat(e).contains("system = \"aarch64-darwin\";")
        .contains("n = \"n123\";")
        .contains("requiredSystemFeatures = [ \"big-parallel\" \"kvm\" ];")
        .contains("builder = \"${/opt/dispatchcheck/probe}/busybox\";")
        .contains("name = \"dispatchcheck-probe-n123\";");
  }

  @Test
  void aLiveProbeRunsOnTheBuildersOwnShellAndNotesNoJournal() {
    Probe p = new Probe("aarch64-linux", "n123", Set.of("big-parallel"), 0).onSystemShell();
    assertThat(p.expression()).contains("builder = \"/bin/sh\";").contains("n = \"n123\";")
        .contains("requiredSystemFeatures = [ \"big-parallel\" ];").contains("args = [ \"-c\" ")
        .doesNotContain("busybox").doesNotContain(Probe.JOURNAL_DIR).doesNotContain("$bb");
    assertThat(p.salt()).as("the same probe, salt and all").isEqualTo("n123");
    assertThat(new Probe("aarch64-linux", "n123", Set.of(), 0).expression()).as("the stand-ins' probe keeps its busybox")
        .contains("busybox").contains(Probe.JOURNAL_DIR).doesNotContain("builder = \"/bin/sh\"");
  }

  @Test
  void lastingProbeSleepsOnItsBuilder() {
    assertThat(Probe.salted("aarch64-linux").lasting(3).expression()).contains("$bb sleep 3");
    assertThat(Probe.salted("aarch64-linux").expression()).doesNotContain("sleep");
  }

  @Test
  void floodingProbePrintsThatMuchLogAfterItsPauseOnItsFirstRunOnAHost() {
    String e = Probe.salted("aarch64-linux").lasting(2).flooding(32).expression();
    assertThat(e).contains("$bb sleep 2; if $bb mkdir /var/log/dispatchcheck/flood-$n 2>/dev/null; then $bb yes ")
        .contains("| $bb head -c 33554432; fi;").contains("> $out");
    assertThat(Probe.salted("aarch64-linux").expression()).doesNotContain("$bb yes");
  }

  @Test
  void probeWithoutOutputStillNotesItsRunButNeverWritesOut() {
    Probe p = Probe.salted("aarch64-linux").withoutOutput();
    assertThat(p.expression()).contains(Probe.JOURNAL_DIR + "/probe-$n").doesNotContain("$out");
    assertThat(p.describe()).isEqualTo("aarch64-linux that never creates its output");
    assertThat(Probe.salted("aarch64-linux").expression()).contains("> $out");
  }

  @Test
  void nixStringEscapesInterpolationAndQuotes() {
    assertThat(Probe.nixString("a \"b\" ${c} \\")).isEqualTo("\"a \\\"b\\\" \\${c} \\\\\"");
  }

  @Test
  void commandIsTheGuidesCheck() {
    Probe p = Probe.salted("aarch64-linux");
    assertThat(p.nixBuildCommand("hercules-ci-agent"))
        .startsWith("sudo", "-u", "hercules-ci-agent", "nix-build");
    assertThat(p.shellCommand("hercules-ci-agent")).startsWith("sudo -u hercules-ci-agent nix-build ");
  }
}
