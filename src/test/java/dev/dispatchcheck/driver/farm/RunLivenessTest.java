package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLivenessTest {
  private static final RunOwner ME = RunOwner.current();
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final RunOwner ELSEWHERE = new RunOwner("another-boot:pid:[4026532999]", ME.pid(), ME.started());

  @Test
  void thisProcessKnowsItsStartInTicks() {
    assertThat(ME.started()).isPositive();
    assertThat(ME.aliveHere()).isTrue();
  }

  @Test
  void anOwnerLabelSurvivesItsRoundTrip() {
    assertThat(RunOwner.parse(ME.label())).contains(ME);
    assertThat(RunOwner.parse("12345")).isEmpty();
    assertThat(RunOwner.parse(null)).isEmpty();
  }

  @Test
  void onThisHostTheProcessDecides() {
    assertThat(judge(Optional.of(ME), Optional.empty(), Duration.ZERO).alive()).isTrue();
    RunOwner reusedPid = new RunOwner(ME.host(), ME.pid(), ME.started() - 360_000);
    assertThat(judge(Optional.of(reusedPid), Optional.of(Duration.ZERO), Duration.ZERO).alive()).isFalse();
    RunOwner ended = new RunOwner(ME.host(), Integer.MAX_VALUE - 7, ME.started());
    RunLiveness.Judgement j = judge(Optional.of(ended), Optional.of(Duration.ZERO), Duration.ZERO);
    assertThat(j.alive()).isFalse();
    assertThat(j.why()).contains("has ended");
  }

  /** The case that removed a live run's hosts: the same pid, alive here, is another namespace's process. */
  @Test
  void inAnotherPidNamespaceTheSamePidSaysNothingAndTheLeaseDecides() {
    assertThat(judge(Optional.of(ELSEWHERE), Optional.of(Duration.ofSeconds(5)), Duration.ZERO).alive()).isTrue();
    RunLiveness.Judgement stale = judge(Optional.of(ELSEWHERE), Optional.of(Duration.ofSeconds(61)), Duration.ZERO);
    assertThat(stale.alive()).isFalse();
    assertThat(stale.why()).contains("61 s ago");
  }

  @Test
  void withoutALeaseOrAnOwnerToCheckARunIsLeftAloneForAnHour() {
    assertThat(judge(Optional.empty(), Optional.empty(), Duration.ofMinutes(59)).alive()).isTrue();
    assertThat(judge(Optional.of(ELSEWHERE), Optional.empty(), Duration.ofMinutes(61)).alive()).isFalse();
  }

  private static RunLiveness.Judgement judge(Optional<RunOwner> owner, Optional<Duration> lease, Duration youngest) {
    return RunLiveness.judge(ME, new RunLiveness.Sighting("run-1", owner, lease, youngest), LEASE);
  }
}
