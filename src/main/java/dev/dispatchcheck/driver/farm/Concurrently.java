package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.driver.engine.Futures;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the same step on every host at once. Each step is a few docker execs that mostly
 * wait, so one thread a host (not the 2-core common pool) is what makes it fast.
 */
final class Concurrently {
  private Concurrently() {}

  static <T, R> List<R> map(List<T> items, Function<T, R> step) {
    if (items.isEmpty()) return List.of();
    ExecutorService pool = Executors.newFixedThreadPool(items.size());
    try {
      List<Future<R>> futures = items.stream().map(i -> pool.submit(() -> step.apply(i))).toList();
      return futures.stream().map(Concurrently::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  static <T> void forEach(List<T> items, Consumer<T> step) {
    map(items, i -> {
      step.accept(i);
      return Boolean.TRUE;
    });
  }

  private static <R> R join(Future<R> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw Futures.causeOf(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
