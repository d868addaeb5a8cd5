package dev.dispatchcheck.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a pair's {@link RunSettings} reach the scenarios: the one static that carries run
 * state. Cucumber makes its object factory (and picocontainer's providers) with no
 * arguments and hands them no configuration, so the command line puts the pair's settings
 * here for the length of one run of the Cucumber engine ({@link #open}), and the steps'
 * provider ({@code steps.RunSettingsProvider}) gives them to every scenario's
 * {@code World}. Runs of the engine in one JVM follow each other, never overlap: an
 * {@link #open} from another thread while one is open waits for it to close (the test
 * command's example farms map two at a time, and their expectations take turns), and one
 * from the thread that holds it is refused, never mixing two pairs' settings. With nothing
 * handed over (the IDE or Maven runner), {@link SystemProperties} describes the pair.
 */
public final class PairHandOff implements AutoCloseable {
  private static final AtomicReference<RunSettings> CURRENT = new AtomicReference<>();
  private static final Object TURN = new Object();
  private static Thread holder;
  private final RunSettings settings;

  private PairHandOff(RunSettings settings) {
    this.settings = settings;
  }

  /** Hands {@code settings} to the scenarios until {@link #close()}, once another thread's run has closed. */
  public static PairHandOff open(RunSettings settings) {
    synchronized (TURN) {
      while (CURRENT.get() != null) {
        if (holder == Thread.currentThread()) {
          throw new IllegalStateException("a run of scenarios is already under way in this thread (" + CURRENT.get().reportDir() + ")");
        }
        try {
          TURN.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while another run of scenarios was under way", e);
        }
      }
      CURRENT.set(settings);
      holder = Thread.currentThread();
    }
    return new PairHandOff(settings);
  }

  /** The pair whose scenarios run now, if the command line handed one over. */
  public static Optional<RunSettings> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  @Override
  public void close() {
    synchronized (TURN) {
      if (CURRENT.compareAndSet(settings, null)) {
        holder = null;
        TURN.notifyAll();
      }
    }
  }
}
