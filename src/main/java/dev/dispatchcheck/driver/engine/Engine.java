package dev.dispatchcheck.driver.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The process's one {@link EngineGuard}: every call of the harness to the Docker engine
 * goes through it. It is process-wide because the engine is: one JVM talks to one engine,
 * and a wedge seen by one scenario is the next scenario's wedge too.
 */
public final class Engine {
  /** Asking: inspect, list, exec create and start, ping. They answer in milliseconds when the engine is well. */
  public static final Duration ASK = Duration.ofSeconds(30);
  /** Containers and networks coming and going (a host's start includes its init getting ready, up to 60 s). */
  public static final Duration LIFECYCLE = Duration.ofSeconds(120);
  /** A host image built from its Dockerfile (apt-get inside; about a minute on this machine kind). */
  public static final Duration IMAGE_BUILD = Duration.ofMinutes(15);

  /**
   * Three: a farm of the guide's shape (an agent and two builders) starts at once. Against
   * two, its fresh start took 1.0 to 1.3 s instead of 1.2 to 1.6 s, a pair as long; the
   * stress runs of docs/measurements.md saw no wedge at 2, 3, 4 or without a limit.
   */
  private static final EngineGuard GUARD = new EngineGuard(3);

  private Engine() {}

  public static <T> T ask(String what, Supplier<T> call) {
    return GUARD.call(what, ASK, call);
  }

  public static void tell(String what, Runnable call) {
    GUARD.run(what, ASK, call);
  }

  /** How long this process's calls have waited for a turn at container and network operations ({@link EngineGuard#queued}). */
  public static Duration queued() {
    return GUARD.queued();
  }

  public static <T> T lifecycle(String what, Supplier<T> call) {
    return GUARD.lifecycle(what, LIFECYCLE, call);
  }

  public static void lifecycle(String what, Runnable call) {
    GUARD.lifecycleRun(what, LIFECYCLE, call);
  }

  /**
   * A wait on a container the engine has started (its init getting ready), with the
   * deadline of a lifecycle operation but outside their limit: what the limit guards is
   * runc creating and starting containers, not a container's own start-up.
   */
  public static void awaitStarted(String what, Runnable call) {
    GUARD.run(what, LIFECYCLE, call);
  }

  public static <T> T build(String what, Supplier<T> call) {
    return GUARD.call(what, IMAGE_BUILD, call);
  }

  public static Optional<String> wedged() {
    return GUARD.wedged();
  }

  public static void requireAnswering(String what) {
    GUARD.requireAnswering(what);
  }
}
