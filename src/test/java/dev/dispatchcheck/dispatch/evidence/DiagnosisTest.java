package dev.dispatchcheck.dispatch.evidence;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.log.Logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
  static final ClientFacts TRUSTED_SYSTEM_SET = new ClientFacts("hercules-ci-agent", true, "root hercules-ci-agent",
      Optional.empty(), "@/etc/nix/machines", List.of("aarch64-linux-0", "aarch64-linux-1"), List.of());

  static DispatchRecord record(String log, int exit) {
    return Logs.parse(log, "", Optional.of(exit));
  }

  static final String NO_MACHINE =
      "error: a 'aarch64-linux' with features {} is required to build '/nix/store/x-p.drv', but I am a 'x86_64-linux'\n";

  @Test
  void sshFailureBeatsNoMachine() {
    DispatchRecord r = record("cannot build on 'ssh://b': error: cannot connect to 'b': Host key verification failed.\n"
        + NO_MACHINE, 1);
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET)).hasValueSatisfying(c ->
        assertThat(c).startsWith("the builder's SSH host key was not accepted").contains("cannot connect to 'b'"));
  }

  @Test
  void aNologinShellIsNamedOverEitherProtocolNotTheMissingMachine() {
    for (String refusal : List.of(
        "cannot build on 'ssh://nix@b': error: 'nix-store --serve' protocol mismatch from 'nix@b', got 'This account is"
            + " currently not available.'",
        "cannot build on 'ssh-ng://nix@b': error: cannot open connection to remote store 'ssh-ng://nix@b': error:"
            + " protocol mismatch, got 'This account is currently not available.'")) {
      DispatchRecord r = record(refusal + "\nFailed to find a machine for remote build!\n" + NO_MACHINE, 1);
      assertThat(r.error()).contains(ErrorClass.REMOTE_LOGIN_SHELL);
      assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET)).hasValueSatisfying(c ->
          assertThat(c).startsWith("the SSH user's login shell on the builder runs no commands").contains(refusal));
    }
  }

  @Test
  void otherTextWhereTheProtocolShouldBeIsNotTakenForNologin() {
    DispatchRecord r = record("cannot build on 'ssh-ng://b': error: cannot open connection to remote store 'ssh-ng://b':"
        + " error: protocol mismatch, got 'started'\n" + NO_MACHINE, 1);
    assertThat(r.error()).isNotEqualTo(java.util.Optional.of(ErrorClass.REMOTE_LOGIN_SHELL));
  }

  @Test
  void aMissingOutputIsNamedThoughNixBlamesExitCodeOne() {
    DispatchRecord r = record("building '/nix/store/x-p.drv' on 'ssh://b'...\n"
        + "error: build of '/nix/store/x-p.drv' on 'ssh://b' failed: builder for '/nix/store/x-p.drv' failed to produce"
        + " output path for output 'out' at \"/nix/store/y-p\"\n"
        + "error: Cannot build '/nix/store/x-p.drv'.\n       Reason: builder failed with exit code 1.\n", 1);
    assertThat(r.error()).contains(ErrorClass.OUTPUT_MISSING);
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET)).hasValueSatisfying(c -> assertThat(c)
        .startsWith("the derivation's builder ended without creating a declared output").contains("failed to produce"));
  }

  @Test
  void aBuilderThatFailsIsNoMissingOutput() {
    DispatchRecord r = record("error: builder for '/nix/store/x-p.drv' failed with exit code 1;\n", 1);
    assertThat(r.error()).contains(ErrorClass.BUILD_FAILED);
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET)).isEmpty();
  }

  @Test
  void unknownSettingIsNamed() {
    DispatchRecord r = record("warning: unknown setting 'extra-builders'\n" + NO_MACHINE, 1);
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET))
        .hasValueSatisfying(c -> assertThat(c).contains("dropped the unknown setting 'extra-builders'"));
  }

  @Test
  void untrustedUserWithOwnBuildersIsNamedEvenWhenTheBuildSucceeded() {
    ClientFacts untrusted = new ClientFacts("hercules-ci-agent", false, "root",
        Optional.of("ssh://aarch64-linux-1 aarch64-linux"), "@/etc/nix/machines", List.of("aarch64-linux-0"), List.of());
    DispatchRecord r = record("building '/nix/store/x-p.drv' on 'ssh://aarch64-linux-0'...\n", 0);
    assertThat(Diagnosis.likelyCause(r, untrusted)).hasValueSatisfying(c -> assertThat(c)
        .contains("hercules-ci-agent is not in trusted-users (root)").contains("aarch64-linux-0"));
  }

  @Test
  void anEffectsOwnBuildersThatWereDroppedAreNamed() {
    DispatchRecord r = record("building '/nix/store/x-p.drv' on 'ssh://aarch64-linux-1'...\n", 0);
    var effect = Optional.of(EffectPath.of(java.util.Map.of(), Optional.of("ssh://aarch64-linux-0 aarch64-linux")));
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET, effect)).hasValueSatisfying(c -> assertThat(c)
        .contains("the effect's own builders were dropped").contains("aarch64-linux-0, aarch64-linux-1"));
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET)).isEmpty();
  }

  @Test
  void anEffectsEmptyBuildersAreWhyNoMachineTookIt() {
    var effect = Optional.of(EffectPath.of(java.util.Map.of(), Optional.of("")));
    assertThat(Diagnosis.likelyCause(record(NO_MACHINE, 1), TRUSTED_SYSTEM_SET, effect))
        .hasValueSatisfying(c -> assertThat(c).contains("the effect's own empty builders switched its remote builds off"));
  }

  @Test
  void missingIncludeIsNamed() {
    ClientFacts missing = new ClientFacts("hercules-ci-agent", true, "root hercules-ci-agent",
        Optional.of("@/var/lib/x/machines"), "@/var/lib/x/machines", List.of(), List.of("/var/lib/x/machines"));
    assertThat(Diagnosis.likelyCause(record(NO_MACHINE, 1), missing))
        .hasValueSatisfying(c -> assertThat(c).contains("includes /var/lib/x/machines, which does not exist"));
  }

  @Test
  void noMachineListsTheBuildersInUse() {
    assertThat(Diagnosis.likelyCause(record(NO_MACHINE, 1), TRUSTED_SYSTEM_SET))
        .hasValueSatisfying(c -> assertThat(c).contains("those builders are aarch64-linux-0, aarch64-linux-1"));
  }

  @Test
  void aPlainDispatchNeedsNoCause() {
    DispatchRecord r = record("building '/nix/store/x-p.drv' on 'ssh://aarch64-linux-0'...\n", 0);
    assertThat(Diagnosis.likelyCause(r, TRUSTED_SYSTEM_SET)).isEmpty();
  }
}
