package dev.dispatchcheck.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaiterTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1500);

  @Test
  void eachWaitOfAPlainWaiterGetsTheWholeTimeout() {
    Waiter waiter = new Waiter(TIMEOUT, Duration.ofMillis(10));
    long start = System.nanoTime();
    waiter.until("a second", after(start, 1000), () -> "");
    waiter.until("another second", after(start, 2000), () -> "");
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(2000);
  }

  /** As BuildRun.awaitCompletion waits: a dispatch line, then the exit, within one timeout in all. */
  @Test
  void waitsSharingOneDeadlineEndByIt() {
    Waiter once = new Waiter(TIMEOUT, Duration.ofMillis(10)).oneDeadlineFromNow();
    long start = System.nanoTime();
    once.until("most of the timeout", after(start, 1000), () -> "");
    assertThatThrownBy(() -> once.until("what never comes", () -> false, () -> "the evidence"))
        .isInstanceOf(HarnessError.class)
        .hasMessageContaining("what never comes").hasMessageContaining("the evidence");
    assertThat(millisSince(start)).as("one timeout in all, not one for each wait")
        .isGreaterThanOrEqualTo(TIMEOUT.toMillis()).isLessThan(TIMEOUT.toMillis() + 700);
  }

  @Test
  void aWaitPastTheDeadlineStillLooksOnce() {
    Waiter once = new Waiter(Duration.ofMillis(50), Duration.ofMillis(10)).oneDeadlineFromNow();
    long start = System.nanoTime();
    while (millisSince(start) < 100) Thread.onSpinWait();
    once.until("what is already so", () -> true, () -> "");
    assertThatThrownBy(() -> once.until("what is not", () -> false, () -> "")).isInstanceOf(HarnessError.class);
  }

  private static java.util.function.BooleanSupplier after(long start, long millis) {
    return () -> millisSince(start) >= millis;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
