package dev.dispatchcheck.driver.engine;

import java.util.concurrent.ExecutionException;

/**
 * What a task run on another thread threw, as its caller should see it. It lives with the
 * engine guard, the lowest driver that runs tasks on threads, so that every driver above can use it.
 */
public final class Futures {
  private Futures() {}

  /**
   * The task's own exception, to throw as it is: a runtime exception returned, an error
   * thrown here, anything else (a checked exception) wrapped.
   */
  public static RuntimeException causeOf(ExecutionException e) {
    if (e.getCause() instanceof RuntimeException r) return r;
    if (e.getCause() instanceof Error err) throw err;
    return new IllegalStateException(e.getCause());
  }
}
