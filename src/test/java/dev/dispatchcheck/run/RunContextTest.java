package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run's state is one object per run and one per pair, handed over, never global. */
class RunContextTest {
  private static final NixVersion NIX = new NixVersion("2.26", "trixie");

  private static RunSettings pair() {
    RunContext run = new RunContext("run-1-ab", 0, Path.of("/p"), Path.of("/r"), true, 6, Duration.ofSeconds(120),
        "dispatchcheck/debian");
    return new RunSettings(run, NIX, NIX, Path.of("/r/runs/x/pair"), Optional.empty());
  }

  @Test
  void aScenarioSharesThePairsSettingsButSpeaksForItself() {
    RunSettings pair = pair();
    RunSettings scenario = pair.forScenario();
    assertThat(scenario.run()).isSameAs(pair.run());
    assertThat(scenario.reportDir()).isEqualTo(pair.reportDir());
    assertThat(scenario.progress()).isNotSameAs(pair.progress()).isNotSameAs(pair.forScenario().progress());
    assertThat(scenario.baseImage(NIX)).isEqualTo("dispatchcheck/debian:trixie");
  }

  @Test
  void theHandOffHoldsOnePairAtATime() {
    RunSettings pair = pair();
    try (PairHandOff h = PairHandOff.open(pair)) {
      assertThat(PairHandOff.current()).containsSame(pair);
      assertThatThrownBy(() -> PairHandOff.open(pair())).isInstanceOf(IllegalStateException.class);
    }
    assertThat(PairHandOff.current()).isEmpty();
  }

  /** Another thread's run waits for its turn, and then has the hand-off to itself. */
  @Test
  void anotherThreadsRunWaitsForItsTurn() throws Exception {
    RunSettings first = pair();
    RunSettings second = pair();
    java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Object> seen = new java.util.concurrent.atomic.AtomicReference<>();
    Thread other;
    try (PairHandOff h = PairHandOff.open(first)) {
      other = new Thread(() -> {
        try (PairHandOff o = PairHandOff.open(second)) {
          seen.set(PairHandOff.current().orElse(null));
          opened.countDown();
        }
      });
      other.start();
      assertThat(opened.await(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("opened while the first was open").isFalse();
      assertThat(PairHandOff.current()).containsSame(first);
    }
    assertThat(opened.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    other.join();
    assertThat(seen.get()).isSameAs(second);
    assertThat(PairHandOff.current()).isEmpty();
  }

  /** Made on first use. */
  static final class Pool implements AutoCloseable {
    static final AtomicInteger MADE = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    Pool() {
      MADE.incrementAndGet();
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  @Test
  void whatTheRunSharesIsMadeOnceAndClosedWithThePair() {
    RunContext run = pair().run();
    assertThat(run.shared(Pool.class, Pool::new)).isSameAs(run.shared(Pool.class, Pool::new));
    run.closeShared();
    run.shared(Pool.class, Pool::new);
    assertThat(Pool.MADE).hasValue(2);
    assertThat(Pool.CLOSED).hasValue(1);
  }
}
