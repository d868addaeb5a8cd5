package dev.dispatchcheck.driver.host;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A command running on a host whose output is collected as it arrives, so that waiters
 * can read the log while the command is still running: one a host's stream channel
 * started, or an {@code ssh} process to a live host ({@link #ofProcess}).
 */
public final class ExecStream {
  private final StreamCapture capture;

  private ExecStream() {
    this(new StreamCapture());
  }

  /** A command a host's {@link StreamChannel} started, its output arriving in {@code capture}. */
  ExecStream(StreamCapture capture) {
    this.capture = capture;
  }

  /** The output of a local process (an {@code ssh} to a live host), collected as it arrives; its exit ends the stream. */
  static ExecStream ofProcess(Process process, String name) {
    ExecStream s = new ExecStream();
    Thread err = pump(process.getErrorStream(), s.capture, false, name + "-stderr");
    Thread out = pump(process.getInputStream(), s.capture, true, name + "-stdout");
    Thread waiter = new Thread(() -> {
      try {
        int code = process.waitFor();
        out.join();
        err.join();
        s.capture.finished(code);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        s.capture.broke(e);
        s.capture.finished(null);
      }
    }, name + "-exit");
    waiter.setDaemon(true);
    waiter.start();
    return s;
  }

  private static Thread pump(InputStream in, StreamCapture capture, boolean stdout, String name) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (in) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          if (n > 0) capture.printed(java.util.Arrays.copyOf(buf, n), stdout);
        }
      } catch (IOException e) {
        capture.broke(e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  public String output() {
    return capture.output();
  }

  public String stdout() {
    return capture.stdout();
  }

  public String stderr() {
    return capture.stderr();
  }

  public Duration elapsed() {
    return capture.elapsed();
  }

  public Optional<Throwable> broken() {
    return capture.broken();
  }

  public boolean isFinished() {
    return capture.isFinished();
  }

  public Optional<Integer> exitCode() {
    return capture.exitCode();
  }
}
