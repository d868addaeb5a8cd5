package dev.dispatchcheck.driver.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.dispatchcheck.driver.engine.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A command running in a container whose output is collected as it arrives, so that
 * waiters can read the log while the command is still running.
 */
public final class ExecStream {
  private final StreamCapture capture = new StreamCapture();
  private final DockerClient client;
  private final String execId;

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
        capture.printed(frame.getPayload(), frame.getStreamType() == StreamType.STDOUT);
      }

      @Override
      public void onComplete() {
        finish();
      }

      @Override
      public void onError(Throwable t) {
        capture.broke(t);
        finish();
      }
    });
  }

  private void finish() {
    Integer code = null;
    try {
      Long c = Engine.ask("ask how a command ended", () -> client.inspectExecCmd(execId).exec().getExitCodeLong());
      code = c == null ? null : c.intValue();
    } catch (RuntimeException e) {
      capture.broke(e);
    }
    capture.finished(code);
  }

  public String output() {
    return capture.output();
  }

  public String stdout() {
    return capture.stdout();
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
