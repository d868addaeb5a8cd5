package dev.dispatchcheck.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a pair's {@link RunSettings} reach the scenarios: the one static that carries run
 * state. Cucumber makes its object factory (and picocontainer's providers) with no
 * arguments and hands them no configuration, so the command line puts the pair's settings
 * here for the length of one run of the Cucumber engine ({@link #open}), and the steps'
 * provider ({@code steps.RunSettingsProvider}) gives them to every scenario's
 * {@code World}. Runs of the engine in one JVM follow each other, never overlap: a second
 * {@link #open} while one is open is refused rather than mixing two pairs' settings. With
 * nothing handed over (the IDE or Maven runner), {@link SystemProperties} describes the pair.
 */
public final class PairHandOff implements AutoCloseable {
  private static final AtomicReference<RunSettings> CURRENT = new AtomicReference<>();
  private final RunSettings settings;

  private PairHandOff(RunSettings settings) {
    this.settings = settings;
  }

  /** Hands {@code settings} to the scenarios until {@link #close()}. */
  public static PairHandOff open(RunSettings settings) {
    if (!CURRENT.compareAndSet(null, settings)) {
      throw new IllegalStateException("a run of scenarios is already under way in this JVM (" + CURRENT.get().reportDir() + ")");
    }
    return new PairHandOff(settings);
  }

  /** The pair whose scenarios run now, if the command line handed one over. */
  public static Optional<RunSettings> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  @Override
  public void close() {
    CURRENT.compareAndSet(settings, null);
  }
}
