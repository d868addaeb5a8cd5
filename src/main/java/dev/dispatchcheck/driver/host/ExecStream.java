package dev.dispatchcheck.driver.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A command running in a container whose output is collected as it arrives, so that
 * waiters can read the log while the command is still running.
 */
public final class ExecStream {
  private final StringBuffer combined = new StringBuffer();
  private final StringBuffer stdout = new StringBuffer();
  private final DockerClient client;
  private final String execId;
  private final long startedNanos = System.nanoTime();
  private volatile long finishedNanos;
  private volatile boolean finished;
  private volatile Integer exitCode;
  /** Why the stream broke, kept apart from the output: harness text is never read as Nix's. */
  private volatile Throwable broken;

  ExecStream(DockerClient client, String containerId, List<String> command) {
    this.client = client;
    this.execId = client.execCreateCmd(containerId)
        .withAttachStdout(true)
        .withAttachStderr(true)
        .withCmd(command.toArray(String[]::new))
        .exec()
        .getId();
    client.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
        combined.append(text);
        if (frame.getStreamType() == StreamType.STDOUT) stdout.append(text);
      }

      @Override
      public void onComplete() {
        finish();
      }

      @Override
      public void onError(Throwable t) {
        broken = t;
        finish();
      }
    });
  }

  private void finish() {
    try {
      Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
      exitCode = code == null ? null : code.intValue();
    } catch (RuntimeException e) {
      if (broken == null) broken = e;
    }
    finishedNanos = System.nanoTime();
    finished = true;
  }

  public String output() {
    return combined.toString();
  }

  public String stdout() {
    return stdout.toString();
  }

  /** Wall time from start to exit, or so far. */
  public java.time.Duration elapsed() {
    return java.time.Duration.ofNanos((finished ? finishedNanos : System.nanoTime()) - startedNanos);
  }

  /** Set when the stream from Docker broke: what was read is then not the whole log. */
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
}
