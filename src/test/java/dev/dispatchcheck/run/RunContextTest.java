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
