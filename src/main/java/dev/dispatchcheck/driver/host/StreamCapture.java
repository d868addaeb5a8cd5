package dev.dispatchcheck.driver.host;

import java.time.Duration;
import java.util.Optional;

/**
 * What a running command has printed so far, and how it ended. What the command printed
 * and what happened to the stream are kept apart: a broken stream is recorded as such,
 * never written into the output, so harness text is never read as Nix's.
 */
public final class StreamCapture {
  private final StringBuffer combined = new StringBuffer();
  private final StringBuffer stdout = new StringBuffer();
  private final long startedNanos = System.nanoTime();
  private volatile long finishedNanos;
  private volatile boolean finished;
  private volatile Integer exitCode;
  private volatile Throwable broken;

  /** A chunk the command printed, on stdout or stderr. */
  public void printed(String text, boolean onStdout) {
    combined.append(text);
    if (onStdout) stdout.append(text);
  }

  /** The stream from Docker broke: what was read is not the whole output. */
  public void broke(Throwable why) {
    if (broken == null) broken = why;
  }

  /** The command ended; {@code code} is null when its exit code could not be read. */
  public void finished(Integer code) {
    exitCode = code;
    finishedNanos = System.nanoTime();
    finished = true;
  }

  public String output() {
    return combined.toString();
  }

  public String stdout() {
    return stdout.toString();
  }

  public Optional<Throwable> broken() {
    return Optional.ofNullable(broken);
  }

  public boolean isFinished() {
    return finished;
  }

  /** Empty while running. */
  public Optional<Integer> exitCode() {
    return finished ? Optional.ofNullable(exitCode) : Optional.empty();
  }

  /** Wall time from start to exit, or so far. */
  public Duration elapsed() {
    return Duration.ofNanos((finished ? finishedNanos : System.nanoTime()) - startedNanos);
  }
}
