package dev.dispatchcheck.dispatch.verdict;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.config.Routes;
import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.evidence.CrossCheck;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.log.BuildActivity;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.log.Logs;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** A builder the log names by an alias, or reached through a jump host: the verdicts speak of both names. */
class RouteVerdictTest {
  static final String DRV = DispatchRecordAssertTest.DRV;
  static final String OUT = DispatchRecordAssertTest.OUT;
  static final String CONFIG = "Host arm1\n  HostName aarch64-linux-1.example.com\n"
      + "Host bastion.example.com\n  User jump\n"
      + "Host *.example.com arm1 !bastion.example.com\n  ProxyJump bastion.example.com\n";
  static final Map<String, Boolean> ON_1 = Map.of("aarch64-linux-0.example.com", false, "aarch64-linux-1.example.com", true,
      "bastion.example.com", false);
  static final Map<String, Boolean> RAN_ON_1 = Map.of("agent", false, "aarch64-linux-0.example.com", false,
      "aarch64-linux-1.example.com", true, "bastion.example.com", false);

  static SshRoute route(String name) {
    return Routes.of(CONFIG, name, Optional.empty());
  }

  static DispatchRecord builtOn(String name, Map<String, Boolean> stores, Optional<SshRoute> route) {
    String log = "building '" + DRV + "' on 'ssh-ng://" + name + "'...\n" + OUT + "\n";
    return Logs.parse(log, OUT + "\n", Optional.of(0))
        .withActivities(List.of(new BuildActivity(DRV, "ssh-ng://" + name)))
        .withCrossCheck(OUT, new CrossCheck("agent", stores, RAN_ON_1))
        .withRoute(route);
  }

  @Test
  void anAliasInTheLogAndTheOutputOnItsHostAgree() {
    DispatchRecord r = builtOn("arm1", ON_1, Optional.of(route("arm1")));
    DispatchAssertions.assertThat(r).as("the agent's build").wentTo("aarch64-linux-1.example.com");
    DispatchAssertions.assertThat(r).as("the agent's build").wentTo("arm1");
    Assertions.assertThat(CellAnswer.of(r).text()).isEqualTo("arm1, that is aarch64-linux-1.example.com via bastion.example.com");
    Assertions.assertThat(r.evidenceText()).contains("ssh config: arm1 is aarch64-linux-1.example.com (user root, port 22),"
        + " reached via bastion.example.com");
  }

  @Test
  void withoutItsRouteAnAliasIsStillAHarnessError() {
    assertThatThrownBy(() -> DispatchAssertions.assertThat(builtOn("arm1", ON_1, Optional.empty())).wentTo("arm1"))
        .isExactlyInstanceOf(HarnessError.class)
        .hasMessageContaining("the client's log says arm1 built it, but the output is in the store of aarch64-linux-1.example.com");
  }

  @Test
  void anAliasForTheWrongBuilderIsAVerdictNamingBoth() {
    Map<String, Boolean> on0 = Map.of("aarch64-linux-0.example.com", true, "aarch64-linux-1.example.com", false);
    SshRoute wrong = Routes.of("Host arm1\n  HostName aarch64-linux-0.example.com\n", "arm1", Optional.empty());
    DispatchRecord r = Logs.parse("building '" + DRV + "' on 'ssh-ng://arm1'...\n" + OUT + "\n", OUT + "\n", Optional.of(0))
        .withActivities(List.of(new BuildActivity(DRV, "ssh-ng://arm1")))
        .withCrossCheck(OUT, new CrossCheck("agent", on0, Map.of("aarch64-linux-0.example.com", true)))
        .withRoute(Optional.of(wrong));
    assertThatThrownBy(() -> DispatchAssertions.assertThat(r).as("the agent's build").wentTo("aarch64-linux-1.example.com"))
        .isExactlyInstanceOf(VerdictFailure.class)
        .hasMessageContaining("but it was dispatched to arm1, that is aarch64-linux-0.example.com, succeeded");
  }

  @Test
  void aRefusalNamingTheJumpHostIsTheBastions() {
    String log = "error: failed to start SSH connection to 'aarch64-linux-1.example.com': jump@bastion.example.com:"
        + " Permission denied (publickey).\n";
    DispatchRecord r = Logs.parse("building '" + DRV + "' on 'ssh-ng://aarch64-linux-1.example.com'...\n" + log, "",
        Optional.of(1)).withRoute(Optional.of(route("aarch64-linux-1.example.com")));
    Assertions.assertThat(r.error()).contains(ErrorClass.SSH_JUMP_AUTHENTICATION);
    Assertions.assertThat(r.summary()).contains("dispatched to aarch64-linux-1.example.com via bastion.example.com, failed"
        + " (a jump host on the way to the builder (ProxyJump) refused root's SSH key");
  }

  @Test
  void aRefusalNamingTheBuilderIsTheBuilders() {
    String log = "error: failed to start SSH connection to 'aarch64-linux-1.example.com':"
        + " root@aarch64-linux-1.example.com: Permission denied (publickey).\n";
    DispatchRecord r = Logs.parse("building '" + DRV + "' on 'ssh-ng://aarch64-linux-1.example.com'...\n" + log, "",
        Optional.of(1));
    Assertions.assertThat(r.withRoute(Optional.of(route("aarch64-linux-1.example.com"))).error())
        .contains(ErrorClass.SSH_AUTHENTICATION);
    Assertions.assertThat(r.withRoute(Optional.of(route("arm1"))).error()).contains(ErrorClass.SSH_AUTHENTICATION);
  }

  /** Nix 2.26's account when the bastion refuses: it tried no builder it could name (the daemon's client sees no ssh line). */
  static final String NO_MACHINE = "error: a 'aarch64-linux' with features {} is required to build '" + DRV + "', but I am a"
      + " 'x86_64-linux' with features {benchmark, big-parallel, nixos-test, uid-range}\n";

  @Test
  void aJumpHostsLogRefusingEveryLoginMakesTheFailureTheBastions() {
    DispatchRecord r = Logs.parse(NO_MACHINE, "", Optional.of(1)).withCrossCheck(OUT, new CrossCheck("agent",
        Map.of("aarch64-linux-1.example.com", false), Map.of(), Map.of("bastion.example.com",
        "its sshd refused root's ssh from agent as jump 1 time and let it in none")));
    DispatchAssertions.assertThat(r).as("the agent's build").failedBecause(ErrorClass.SSH_JUMP_AUTHENTICATION);
    Assertions.assertThat(r.summary()).isEqualTo("not built anywhere, failed (a jump host on the way to the builder"
        + " (ProxyJump) refused root's SSH key, so the builder was never reached, at bastion.example.com)");
    Assertions.assertThat(r.evidenceText()).contains("jump host log: bastion.example.com: its sshd refused root's ssh from"
        + " agent as jump 1 time and let it in none");
    Assertions.assertThat(CellAnswer.of(r).brief()).isEqualTo("fails: the bastion refused the SSH key (at bastion.example.com)");
  }

  @Test
  void withoutSuchALogTheFailureIsNixsOwn() {
    DispatchRecord r = Logs.parse(NO_MACHINE, "", Optional.of(1)).withCrossCheck(OUT, new CrossCheck("agent",
        Map.of("aarch64-linux-1.example.com", false), Map.of()));
    DispatchAssertions.assertThat(r).as("the agent's build").failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM);
    assertThatThrownBy(() -> DispatchAssertions.assertThat(r).as("the agent's build")
        .failedBecause(ErrorClass.SSH_JUMP_AUTHENTICATION)).isExactlyInstanceOf(VerdictFailure.class);
    Assertions.assertThat(CellAnswer.of(r).brief()).isEqualTo("fails: no builder can build it");
  }
}
