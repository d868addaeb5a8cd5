package dev.dispatchcheck.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineGuardTest {
  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void aCallThatAnswersInTimeReturnsItsAnswer() {
    EngineGuard guard = new EngineGuard(2);
    assertThat(guard.call("inspect c1", SHORT, () -> "ok")).isEqualTo("ok");
    assertThat(guard.wedged()).isEmpty();
  }

  @Test
  void aCallPastItsDeadlineIsAHarnessErrorNamingTheCallAndTheEngineIsWedgedFromThen() {
    EngineGuard guard = new EngineGuard(2);
    CountDownLatch never = new CountDownLatch(1);
    assertThatThrownBy(() -> guard.call("stop the container of aarch64-linux-1", SHORT, () -> await(never)))
        .isInstanceOf(HarnessError.class)
        .hasMessageContaining("stop the container of aarch64-linux-1")
        .hasMessageContaining("within 0 s");
    assertThat(guard.wedged()).hasValueSatisfying(w -> assertThat(w).contains("stop the container of aarch64-linux-1"));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> guard.call("inspect c2", Duration.ofSeconds(30), () -> "never asked"))
        .isInstanceOf(HarnessError.class)
        .hasMessageContaining("cannot inspect c2").hasMessageContaining("wedged");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aCallUnderWayGivesUpOnceAnotherFindsTheEngineWedged() throws Exception {
    EngineGuard guard = new EngineGuard(2);
    CountDownLatch never = new CountDownLatch(1);
    Thread slow = new Thread(() -> {
      try {
        guard.call("start the container of builder-0", Duration.ofMinutes(2), () -> await(never));
      } catch (HarnessError expected) {
        // what the test waits for
      }
    });
    slow.start();
    assertThatThrownBy(() -> guard.call("ping", SHORT, () -> await(never))).isInstanceOf(HarnessError.class);
    slow.join(Duration.ofSeconds(2).toMillis());
    assertThat(slow.isAlive()).as("the call under way ended within 2 s of the wedge").isFalse();
  }

  @Test
  void aFailingCallIsItsOwnFailureNotAWedge() {
    EngineGuard guard = new EngineGuard(2);
    assertThatThrownBy(() -> guard.call("remove c3", SHORT, () -> {
      throw new IllegalStateException("no such container");
    })).isInstanceOf(IllegalStateException.class).hasMessage("no such container");
    assertThat(guard.wedged()).isEmpty();
  }

  @Test
  void onlyAFewLifecycleCallsRunAtOnce() throws Exception {
    EngineGuard guard = new EngineGuard(2);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Thread[] threads = new Thread[6];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> guard.lifecycleRun("start a host", Duration.ofSeconds(10), () -> {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
        sleep(50);
        now.decrementAndGet();
      }));
      threads[i].start();
    }
    for (Thread t : threads) t.join();
    assertThat(most.get()).isEqualTo(2);
  }

  private static String await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "late";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
