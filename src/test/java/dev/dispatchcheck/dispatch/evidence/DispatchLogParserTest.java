package dev.dispatchcheck.dispatch.evidence;

import static dev.dispatchcheck.dispatch.log.Logs.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.log.Logs;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real nix-build logs captured from Nix 2.8 (Debian bookworm's nix-bin) in the harness's containers. */
class DispatchLogParserTest {

  /** The fixtures interleave stdout into the log; the output path is the stdout line. */
  static DispatchRecord parse(String name, int exit) {
    String log = fixture(name);
    String stdout = log.lines().filter(l -> l.startsWith("/nix/store/")).reduce("", (a, b) -> a + b + "\n");
    return Logs.parse(log, stdout, Optional.of(exit));
  }

  @Test
  void remoteDispatch() {
    DispatchRecord r = parse("dispatched-remote.log", 0);
    assertThat(r.placement()).isEqualTo(Placement.REMOTE);
    assertThat(r.builderUri()).contains("ssh://aarch64-linux-0");
    assertThat(r.builder()).contains("aarch64-linux-0");
    assertThat(r.derivation()).contains("/nix/store/1rdhzaqpj90z369sb8nrfnaqy2csfy2n-probe-1.drv");
    assertThat(r.outputPath()).contains("/nix/store/mh1shrby4ga3fhlwyp3fffhzi3v0m3hz-probe-1");
    assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.error()).isEmpty();
  }

  @Test
  void noBuilderForTheSystem() {
    DispatchRecord r = parse("no-builder.log", 1);
    assertThat(r.placement()).isEqualTo(Placement.NOWHERE);
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.error()).contains(ErrorClass.NO_MACHINE_FOR_SYSTEM);
    assertThat(r.errorLine().orElseThrow()).startsWith("error: a 'aarch64-linux' with features {} is required");
    assertThat(r.derivation()).contains("/nix/store/49z23q0lv4cvrp99prd5krc29bl25kd4-probe-1.drv");
    assertThat(r.builder()).isEmpty();
  }

  @Test
  void hostKeyFailureIsTheCauseNotTheMissingMachine() {
    DispatchRecord r = parse("host-key-failed.log", 1);
    assertThat(r.error()).contains(ErrorClass.SSH_HOST_KEY_VERIFICATION);
    assertThat(r.errorLine().orElseThrow()).contains("cannot connect to 'aarch64-linux-1'");
    assertThat(r.placement()).isEqualTo(Placement.NOWHERE);
  }

  @Test
  void localBuild() {
    DispatchRecord r = parse("built-locally.log", 0);
    assertThat(r.placement()).isEqualTo(Placement.LOCAL);
    assertThat(r.builder()).isEmpty();
    assertThat(r.derivation()).contains("/nix/store/h4r7wx5kmcwfjm2i58kq1f6gcnw9b2gi-probe-1.drv");
  }

  @Test
  void unknownSettingWarningIsKept() {
    DispatchRecord r = parse("unknown-setting.log", 0);
    assertThat(r.warnings()).containsExactly("warning: unknown setting 'extra-builders'");
    assertThat(r.builder()).contains("aarch64-linux-0");
  }

  @Test
  void alreadyValidOutputShowsNoDispatch() {
    DispatchRecord r = parse("already-valid.log", 0);
    assertThat(r.placement()).isEqualTo(Placement.NOWHERE);
    assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.derivation()).isEmpty();
    assertThat(r.outputPath()).contains("/nix/store/mh1shrby4ga3fhlwyp3fffhzi3v0m3hz-probe-1");
  }

  @Test
  void runningBuildHasNoOutcomeYet() {
    String partial = fixture("dispatched-remote.log").lines().limit(3).reduce("", (a, b) -> a + b + "\n");
    DispatchRecord r = Logs.parse(partial, "", Optional.empty());
    assertThat(r.outcome()).isEqualTo(Outcome.RUNNING);
    assertThat(Logs.showsDispatchOrError(partial)).isTrue();
    assertThat(Logs.showsDispatchOrError("this derivation will be built:\n")).isFalse();
  }

  @Test
  void newerNixWordingOfNoBuilderIsRecognised() {
    String log = "error: Cannot build '/nix/store/abc-probe.drv'.\n       Reason: required system or feature not available\n";
    assertThat(DispatchLogParser.parse(log, "", Optional.of(1), MessageCatalogue.of("2.31")).error())
        .contains(ErrorClass.NO_MACHINE_FOR_SYSTEM);
  }

  @Test
  void aWordingOtherVersionsUseIsUnrecognisedQuotedNeverADefaultCause() {
    String log = "error: Cannot build '/nix/store/abc-probe.drv'.\n       Reason: required system or feature not available\n";
    DispatchRecord r = Logs.parse(log, "", Optional.of(1));
    assertThat(r.error()).isEmpty();
    assertThat(r.summary()).contains("unrecognised error: 'error: Cannot build '/nix/store/abc-probe.drv'.'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2.8  | error: unable to start any build; either increase '--max-jobs' or enable remote builds.
      2.26 | error: Unable to start any build; either set '--max-jobs' to a non-zero value or enable remote builds.
      2.34 | error: Unable to start any build; either set '--max-jobs' to a non-zero value or enable remote builds.
      """)
  void maxJobsZeroWithoutABuilderReadsAsNoMachineOnEveryVersion(String version, String line) {
    assertThat(DispatchLogParser.parse(line + "\n", "", Optional.of(1), MessageCatalogue.of(version)).error())
        .contains(ErrorClass.NO_MACHINE_FOR_SYSTEM);
  }

  /** ssh's "started" in the protocol: Nix from 2.16 words it so over ssh-ng (first) and ssh (second); 2.8 never waits for it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2.26 | cannot build on 'ssh-ng://b': error: cannot open connection to remote store 'ssh-ng://': error: protocol mismatch, got 'started
      2.34 | cannot build on 'ssh://b': error: 'nix-store --serve' protocol mismatch from 'b', got 'started
      """)
  void sshsStartedInTheProtocolIsNamedFrom2_16(String version, String line) {
    String log = line + "\nerror: a 'aarch64-linux' with features {} is required to build '/nix/store/a.drv'\n";
    assertThat(DispatchLogParser.parse(log, "", Optional.of(1), MessageCatalogue.of(version)).error())
        .contains(ErrorClass.SSH_SHARING_STARTED);
    assertThat(DispatchLogParser.parse(log, "", Optional.of(1), MessageCatalogue.of("2.8")).error())
        .as("Nix 2.8 prints no such line: its catalogue does not name the cause")
        .contains(ErrorClass.NO_MACHINE_FOR_SYSTEM);
  }

  @ParameterizedTest
  @CsvSource(textBlock = """
      2.8,  nix show-config
      2.26, nix config show
      2.34, nix config show
      """)
  void commandsRenamedInNixAreNamedPerVersion(String version, String showConfig) {
    assertThat(MessageCatalogue.of(version).showConfigCommand()).containsExactly(showConfig.split(" "));
  }

  @Test
  void ansiEscapesAreStrippedBeforeMatching() {
    String log = "\u001b[31;1merror:\u001b[0m a 'aarch64-linux' with features {} is required to build '/nix/store/a.drv'\n";
    assertThat(Logs.parse(log, "", Optional.of(1)).error()).contains(ErrorClass.NO_MACHINE_FOR_SYSTEM);
  }
}
