package dev.dispatchcheck.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What each wait is allowed, not how long a wait took: no assertion here has a wall-clock
 * ceiling (a loaded machine breaks those; timings are bench's). Time only ever has to pass
 * at least so far, which waiting for it ensures.
 */
class WaiterTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(10);

  @Test
  void eachWaitOfAPlainWaiterGetsTheWholeTimeout() {
    Waiter waiter = new Waiter(TIMEOUT, POLL);
    AtomicInteger looks = new AtomicInteger();
    waiter.until("the third look", () -> looks.incrementAndGet() >= 3, () -> "");
    assertThat(waiter.allowed()).isEqualTo(TIMEOUT);
    passAtLeast(Duration.ofMillis(20));
    assertThat(waiter.allowed()).isEqualTo(TIMEOUT);
  }

  /** As BuildRun.awaitCompletion waits: a dispatch line, then the exit, within one timeout in all. */
  @Test
  void waitsSharingOneDeadlineGetWhatIsLeftOfIt() {
    Waiter once = new Waiter(TIMEOUT, POLL).oneDeadlineFromNow();
    assertThat(once.allowed()).isLessThanOrEqualTo(TIMEOUT);
    Duration spent = Duration.ofMillis(50);
    passAtLeast(spent);
    // The deadline was set before the time passed, so at least `spent` of it is gone whatever the machine's load.
    assertThat(once.allowed()).isLessThanOrEqualTo(TIMEOUT.minus(spent));
  }

  @Test
  void aWaitPastTheDeadlineStillLooksOnce() {
    Waiter once = new Waiter(Duration.ofMillis(50), POLL).oneDeadlineFromNow();
    passAtLeast(Duration.ofMillis(100));
    assertThat(once.allowed()).isEqualTo(Duration.ofMillis(1));
    once.until("what is already so", () -> true, () -> "");
    assertThatThrownBy(() -> once.until("what never comes", () -> false, () -> "the evidence"))
        .isInstanceOf(HarnessError.class)
        .hasMessageContaining("waiting for what never comes").hasMessageContaining("the evidence");
  }

  private static void passAtLeast(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) Thread.onSpinWait();
  }
}
