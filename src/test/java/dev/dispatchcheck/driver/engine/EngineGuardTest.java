package dev.dispatchcheck.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.verdict.HarnessError;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each test fails only for its own reason: a failure is asserted by its message (which call,
 * and why), calls overlap because latches hold them, and no test sleeps. The deadlines below
 * are what is under test; the {@link Timeout}s only keep a broken guard from hanging the build.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EngineGuardTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final Duration LONG = Duration.ofMinutes(2);
  private static final String LABEL = HarnessError.LABEL + ": ";
  /** A thread for each call that must wait while the test goes on (the common pool may have one thread). */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

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
        .hasMessage(LABEL + "the Docker engine did not answer stop the container of aarch64-linux-1 within 0 s");
    assertThat(guard.wedged()).contains("'stop the container of aarch64-linux-1' got no answer within 0 s");
    AtomicBoolean asked = new AtomicBoolean();
    assertThatThrownBy(() -> guard.call("inspect c2", LONG, () -> asked.getAndSet(true)))
        .isInstanceOf(HarnessError.class)
        .hasMessage(LABEL + "cannot inspect c2: the Docker engine is wedged "
            + "('stop the container of aarch64-linux-1' got no answer within 0 s)");
    assertThat(asked).as("a wedged engine is not asked again").isFalse();
  }

  @Test
  void aCallUnderWayGivesUpOnceAnotherFindsTheEngineWedged() throws Exception {
    EngineGuard guard = new EngineGuard(2);
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch underWay = new CountDownLatch(1);
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(
        () -> guard.call("start the container of builder-0", LONG, () -> {
          underWay.countDown();
          return await(never);
        }), threads);
    underWay.await();
    assertThatThrownBy(() -> guard.call("ping", SHORT, () -> await(never)))
        .isInstanceOf(HarnessError.class).hasMessage(LABEL + "the Docker engine did not answer ping within 0 s");
    // Its own deadline is minutes away: it ends now only because the engine is wedged.
    assertThatThrownBy(slow::get).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(HarnessError.class)
        .hasMessage(LABEL + "cannot start the container of builder-0: the Docker engine is wedged "
            + "('ping' got no answer within 0 s)");
  }

  @Test
  void aFailingCallIsItsOwnFailureNotAWedge() {
    EngineGuard guard = new EngineGuard(2);
    assertThatThrownBy(() -> guard.call("remove c3", SHORT, () -> {
      throw new IllegalStateException("no such container");
    })).isInstanceOf(IllegalStateException.class).hasMessage("no such container");
    assertThat(guard.wedged()).isEmpty();
  }

  /** Two lifecycle calls run at once; a third waits its turn, and past its deadline is told why. */
  @Test
  void onlyAFewLifecycleCallsRunAtOnce() throws Exception {
    EngineGuard guard = new EngineGuard(2);
    CountDownLatch bothInside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<?>[] holders = new CompletableFuture<?>[2];
    for (int i = 0; i < holders.length; i++) {
      String what = "start host-" + i;
      holders[i] = CompletableFuture.runAsync(() -> guard.lifecycleRun(what, LONG, () -> {
        bothInside.countDown();
        await(release);
      }), threads);
    }
    bothInside.await();
    assertThatThrownBy(() -> guard.lifecycleRun("start host-2", SHORT, () -> {}))
        .isInstanceOf(HarnessError.class)
        .hasMessage(LABEL + "no turn to start host-2 within 0 s: the engine's earlier container operations have not ended");
    release.countDown();
    CompletableFuture.allOf(holders).get();
    guard.lifecycleRun("start host-2", SHORT, () -> {});
    assertThat(guard.wedged()).isEmpty();
  }

  private static String await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "late";
  }
}
