package dev.dispatchcheck.dispatch.verdict;

import dev.dispatchcheck.dispatch.log.Logs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.log.BuildActivity;
import dev.dispatchcheck.dispatch.evidence.CrossCheck;
import dev.dispatchcheck.dispatch.evidence.DispatchLogParser;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each verdict passes on agreeing evidence, and fails, naming what happened, on the rest. */
public class DispatchRecordAssertTest {
  static final String DRV = "/nix/store/1rdhzaqpj90z369sb8nrfnaqy2csfy2n-probe-1.drv";
  static final String OUT = "/nix/store/mh1shrby4ga3fhlwyp3fffhzi3v0m3hz-probe-1";
  static final Map<String, Boolean> ON_1 = Map.of("aarch64-linux-0", false, "aarch64-linux-1", true);
  static final Map<String, Boolean> RAN_ON_1 = Map.of("agent", false, "aarch64-linux-0", false, "aarch64-linux-1", true);

  public static DispatchRecord dispatchedTo(String builder, Map<String, Boolean> stores, Map<String, Boolean> journals) {
    String log = "building '" + DRV + "' on 'ssh://" + builder + "'...\n" + OUT + "\n";
    return Logs.parse(log, OUT + "\n", Optional.of(0))
        .withActivities(List.of(new BuildActivity(DRV, "ssh://" + builder)))
        .withCrossCheck(OUT, new CrossCheck("agent", stores, journals));
  }

  private static DispatchRecordAssert assertThat(DispatchRecord r, String subject) {
    return DispatchAssertions.assertThat(r).as(subject);
  }

  @Test
  void aWrongExpectationIsAVerdictFailureAndASplitIsAHarnessError() {
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1), "b").wentTo("aarch64-linux-0"))
        .isExactlyInstanceOf(VerdictFailure.class);
    Map<String, Boolean> on0 = Map.of("aarch64-linux-0", true, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", on0, RAN_ON_1), "b").wentTo("aarch64-linux-0"))
        .as("the split is found before the expectation is judged, even a wrong one")
        .isExactlyInstanceOf(HarnessError.class).isNotInstanceOf(AssertionError.class);
  }

  @Test
  void builderNamesCompareAsHostNamesDo() {
    assertThat(dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1), "b").wentTo("AArch64-Linux-1");
  }

  @Test
  void wentToPassesWhenAllSourcesAgree() {
    assertThat(dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1), "the agent's build").wentTo("aarch64-linux-1");
  }

  @Test
  void wentToFailsNamingTheBuilderActuallyUsed() {
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1), "the agent's build")
        .wentTo("aarch64-linux-0"))
        .hasMessageContaining("expected the agent's build to be dispatched to aarch64-linux-0")
        .hasMessageContaining("but it was dispatched to aarch64-linux-1, succeeded")
        .hasMessageContaining("host store: aarch64-linux-1 holds " + OUT)
        .hasMessageContaining("probe journal: aarch64-linux-1 ran the probe");
  }

  @Test
  void likelyCauseIsQuotedInTheFailure() {
    DispatchRecord r = dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1).withLikelyCause(Optional.of("a reason"));
    assertThatThrownBy(() -> assertThat(r, "b").wentTo("aarch64-linux-0")).hasMessageContaining("Likely cause: a reason.");
  }

  @Test
  void storesDisagreeingWithTheLogIsAHarnessError() {
    Map<String, Boolean> on0 = Map.of("aarch64-linux-0", true, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", on0, RAN_ON_1), "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("HARNESS ERROR")
        .hasMessageContaining("the client's log says aarch64-linux-1 built it, but the output is in the store of aarch64-linux-0");
  }

  /** A live farm's probe notes no journal: the log and the builders' stores must agree on their own. */
  @Test
  void withNoJournalAskedTheLogAndTheStoresDecide() {
    assertThat(dispatchedTo("aarch64-linux-1", ON_1, Map.of()), "the agent's build").wentTo("aarch64-linux-1");
    Map<String, Boolean> on0 = Map.of("aarch64-linux-0", true, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", on0, Map.of()), "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("HARNESS ERROR")
        .hasMessageContaining("the client's log says aarch64-linux-1 built it, but the output is in the store of aarch64-linux-0");
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", Map.of(), Map.of()), "b").wentTo("aarch64-linux-1"))
        .as("no store asked either: the log's claim stands alone").hasMessageContaining("HARNESS ERROR");
  }

  @Test
  void journalDisagreeingWithTheLogIsAHarnessError() {
    Map<String, Boolean> ranOn0 = Map.of("aarch64-linux-0", true, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", ON_1, ranOn0), "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("HARNESS ERROR")
        .hasMessageContaining("but the probe journal of aarch64-linux-0 records the run");
  }

  @Test
  void jsonDisagreeingWithTheTextIsAHarnessError() {
    DispatchRecord r = dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1)
        .withActivities(List.of(new BuildActivity(DRV, "ssh://aarch64-linux-0")));
    assertThatThrownBy(() -> assertThat(r, "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("HARNESS ERROR")
        .hasMessageContaining("internal-json build activities say");
  }

  @Test
  void notCrossCheckedIsAHarnessError() {
    String log = "building '" + DRV + "' on 'ssh://aarch64-linux-1'...\n";
    DispatchRecord r = Logs.parse(log, OUT + "\n", Optional.of(0))
        .withActivities(List.of(new BuildActivity(DRV, "ssh://aarch64-linux-1")));
    assertThatThrownBy(() -> assertThat(r, "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("no other host's store was checked");
  }

  @Test
  void failedBecausePassesOnThatCauseAndFailsOnASuccess() {
    DispatchRecord failed = Logs.parse(
        "error: a 'aarch64-linux' with features {} is required to build '" + DRV + "', but I am a 'x86_64-linux'\n",
        "", Optional.of(1)).withCrossCheck(OUT, new CrossCheck("agent", Map.of("aarch64-linux-0", false), Map.of()));
    assertThat(failed, "the agent's build").failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM);

    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", ON_1, RAN_ON_1), "the agent's build")
        .failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM))
        .hasMessageContaining("expected the agent's build to fail because no builder can build")
        .hasMessageContaining("but it was dispatched to aarch64-linux-1, succeeded");
  }

  @Test
  void wrongFailureCauseFails() {
    DispatchRecord hostKey = Logs.parse(
        "cannot build on 'ssh://b': error: cannot connect to 'b': Host key verification failed.\n", "", Optional.of(1));
    assertThatThrownBy(() -> assertThat(hostKey, "x").failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM))
        .hasMessageContaining("the builder's SSH host key was not accepted");
  }

  @Test
  void localBuildMustBeJournaledOnItsClient() {
    String log = "building '" + DRV + "'...\n";
    DispatchRecord local = Logs.parse(log, OUT + "\n", Optional.of(0))
        .withActivities(List.of(new BuildActivity(DRV, "")));
    assertThat(local.withCrossCheck(OUT, new CrossCheck("agent", Map.of("aarch64-linux-0", false),
        Map.of("agent", true, "aarch64-linux-0", false))), "b").builtLocally();
    assertThatThrownBy(() -> assertThat(local.withCrossCheck(OUT, new CrossCheck("agent", Map.of("aarch64-linux-0", false),
        Map.of("agent", false, "aarch64-linux-0", true))), "b").builtLocally())
        .hasMessageContaining("HARNESS ERROR").hasMessageContaining("probe journal of aarch64-linux-0");
  }

  /** Dispatched to {@code builder}, built there, then the agent's post-build hook exited 1 (Nix 2.26's words). */
  public static DispatchRecord hookFailedAfter(String builder, Map<String, Boolean> stores, Map<String, Boolean> journals) {
    String log = "building '" + DRV + "' on 'ssh://" + builder + "'...\n"
        + "running post-build-hook '/etc/nix/upload-to-cache.sh'...\n"
        + "error: program '/etc/nix/upload-to-cache.sh' failed with exit code 1\n";
    return DispatchLogParser.parse(log, "", Optional.of(1), MessageCatalogue.of("2.26"))
        .withActivities(List.of(new BuildActivity(DRV, "ssh://" + builder)))
        .withCrossCheck(OUT, new CrossCheck("agent", stores, journals));
  }

  @Test
  void aPostBuildHookThatFailedAfterTheBuildIsAVerdictNamingItNeverAHarnessError() {
    DispatchRecord r = hookFailedAfter("aarch64-linux-1", ON_1, RAN_ON_1);
    assertThat(r, "the agent's build").failedBecause(ErrorClass.POST_BUILD_HOOK_FAILED);
    assertThatThrownBy(() -> assertThat(r, "the agent's build").wentTo("aarch64-linux-1"))
        .isExactlyInstanceOf(VerdictFailure.class)
        .hasMessageContaining("but it was dispatched to aarch64-linux-1, failed (the post-build-hook"
            + " /etc/nix/upload-to-cache.sh exited 1 after the build had succeeded");
  }

  @Test
  void aPostBuildHooksFailureStillNeedsTheBuildWhereTheLogSays() {
    Map<String, Boolean> on0 = Map.of("aarch64-linux-0", true, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(hookFailedAfter("aarch64-linux-1", on0, RAN_ON_1), "b")
        .failedBecause(ErrorClass.POST_BUILD_HOOK_FAILED))
        .isExactlyInstanceOf(HarnessError.class)
        .hasMessageContaining("the client's log says aarch64-linux-1 built it, but the output is in the store of aarch64-linux-0");
    Map<String, Boolean> ranNowhere = Map.of("agent", false, "aarch64-linux-0", false, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(hookFailedAfter("aarch64-linux-1", ON_1, ranNowhere), "b")
        .failedBecause(ErrorClass.POST_BUILD_HOOK_FAILED))
        .isExactlyInstanceOf(HarnessError.class);
  }

  @Test
  void anyOtherFailureWithTheOutputBuiltStaysAHarnessError() {
    String log = "building '" + DRV + "' on 'ssh://aarch64-linux-1'...\n"
        + "error: program '/etc/nix/upload-to-cache.sh' failed with exit code 1\n"; // no hook started it
    DispatchRecord r = DispatchLogParser.parse(log, "", Optional.of(1), MessageCatalogue.of("2.26"))
        .withActivities(List.of(new BuildActivity(DRV, "ssh://aarch64-linux-1")))
        .withCrossCheck(OUT, new CrossCheck("agent", ON_1, RAN_ON_1));
    assertThatThrownBy(() -> assertThat(r, "b").wentTo("aarch64-linux-1"))
        .isExactlyInstanceOf(HarnessError.class)
        .hasMessageContaining("the build failed on aarch64-linux-1, yet the output is in the store of aarch64-linux-1");
  }
}
