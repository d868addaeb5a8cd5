package dev.dispatchcheck.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What lives as long as a run does, such as its warm hosts: one of each type, made on first
 * use, so that no static map has to find them by run id.
 */
public final class RunResources {
  private final Map<Class<?>, AutoCloseable> made = new ConcurrentHashMap<>();

  /** The run's one {@code type}, made on first use. */
  public <T extends AutoCloseable> T get(Class<T> type, Supplier<T> create) {
    return type.cast(made.computeIfAbsent(type, t -> create.get()));
  }

  /** Closes what {@link #get} made, saying on {@code progress} what would not close; a later use makes anew. */
  public void closeAll(Progress progress) {
    for (Class<?> type : List.copyOf(made.keySet())) {
      AutoCloseable c = made.remove(type);
      if (c == null) continue;
      try {
        c.close();
      } catch (Exception e) {
        progress.say("could not close the run's %s: %s", type.getSimpleName(), e.getMessage());
      }
    }
  }
}
