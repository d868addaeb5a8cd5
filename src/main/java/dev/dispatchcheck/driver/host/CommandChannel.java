package dev.dispatchcheck.driver.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.dispatchcheck.driver.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived exec in a host's container running {@code nix-host-channel}, which runs
 * command after command: each then costs a fork in the container instead of a container
 * exec (runc, the shim and the engine: about 40 ms of CPU each, on a machine whose two
 * cores the scenarios already saturate). Commands run one at a time; the wire format is
 * the script's.
 */
final class CommandChannel implements AutoCloseable {
  private static final byte[] END = new byte[0];
  private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String host;
  private final Requests requests = new Requests();
  private final BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
  private final StringBuffer channelErrors = new StringBuffer();
  private byte[] chunk = new byte[0];
  private int at;
  private volatile boolean broken;
  /** Set when the exec itself has ended (its connection is closed). */
  private volatile boolean ended;

  CommandChannel(String host) {
    this.host = host;
  }

  /** Starts {@code program} in the container, reading {@code input} and with its output attached: a channel's exec. */
  static void startExec(DockerClient client, String containerId, String program, Requests input,
      ResultCallback.Adapter<Frame> output) {
    String execId = client.execCreateCmd(containerId)
        .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
        .withCmd(program)
        .exec().getId();
    client.execStartCmd(execId).withStdIn(input).exec(output);
  }

  static CommandChannel open(DockerClient client, String containerId, String host) {
    CommandChannel channel = new CommandChannel(host);
    startExec(client, containerId, "/usr/local/sbin/nix-host-channel", channel.requests, new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        if (frame.getStreamType() == StreamType.STDOUT) channel.replies.add(frame.getPayload().clone());  // the client may reuse its buffer
        else channel.channelErrors.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void onComplete() {
        channel.execEnded();
      }

      @Override
      public void onError(Throwable t) {
        channel.channelErrors.append(t);
        channel.execEnded();
      }
    });
    return channel;
  }

  /** The exec has ended (its connection closed, or the engine's client gave up on it). */
  void execEnded() {
    ended = true;
    replies.add(END);
  }

  /** Whether the channel can take another command: it has not ended, broken or timed out. */
  boolean usable() {
    return !broken && !ended;
  }

  /** Runs {@code argv} and waits up to {@code timeout} for it to end. */
  synchronized CommandResult run(List<String> argv, Duration timeout) {
    if (!usable()) throw new IllegalStateException("the command channel to " + host + " has ended" + why());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      byte[] body = String.join("\0", argv).getBytes(StandardCharsets.UTF_8);
      requests.send((body.length + "\n").getBytes(StandardCharsets.US_ASCII), body);
      String[] header = new String(readLine(deadline), StandardCharsets.US_ASCII).split(" ");
      int exit = Integer.parseInt(header[0]);
      String out = new String(read(Integer.parseInt(header[1]), deadline), StandardCharsets.UTF_8);
      String err = new String(read(Integer.parseInt(header[2]), deadline), StandardCharsets.UTF_8);
      return new CommandResult(exit, out, err);
    } catch (RuntimeException e) {
      // Out of step with the script now: the next command opens another channel.
      close();
      throw new IllegalStateException("on " + host + ", " + argv + ": " + e.getMessage() + why(), e);
    }
  }

  private String why() {
    return channelErrors.length() == 0 ? "" : " (the channel said: " + channelErrors.toString().strip() + ")";
  }

  private byte[] readLine(long deadline) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = next(deadline); b != '\n'; b = next(deadline)) line.write(b);
    return line.toByteArray();
  }

  private byte[] read(int n, long deadline) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(n);
    while (bytes.size() < n) {
      fill(deadline);
      int take = Math.min(n - bytes.size(), chunk.length - at);
      bytes.write(chunk, at, take);
      at += take;
    }
    return bytes.toByteArray();
  }

  private int next(long deadline) {
    fill(deadline);
    return chunk[at++] & 0xff;
  }

  private void fill(long deadline) {
    while (at >= chunk.length) {
      byte[] c;
      try {
        // In slices, so that a wedged engine ends the wait at once rather than at the command's deadline.
        Engine.requireAnswering("read what " + host + " answered");
        c = replies.poll(Math.min(SLICE_NANOS, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      if (c == null && System.nanoTime() < deadline) continue;
      if (c == null) throw new IllegalStateException("no answer within the time allowed");
      if (c == END) {
        replies.add(END);
        throw new IllegalStateException("the channel ended (the container stopped, or its process was killed)");
      }
      chunk = c;
      at = 0;
    }
  }

  /**
   * Gives the channel up without a word to it: its container was stopped, so its exec is
   * gone even if the engine has not said so yet, and writing to it would fail in the
   * client's own thread.
   */
  void abandon() {
    broken = true;
    ended = true;
  }

  /**
   * Ends the script's input, so that it exits. Not once the exec has ended: the client's
   * thread that copies the input would then write to a closed connection and throw; it
   * stays waiting instead, a daemon thread that ends with the JVM.
   */
  @Override
  public void close() {
    broken = true;
    if (!ended) requests.close();
  }

  /** A channel's standard input, as the engine's client reads it: requests, then the end. */
  static final class Requests extends InputStream {
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;

    void send(byte[] header, byte[] body) {
      byte[] all = new byte[header.length + body.length];
      System.arraycopy(header, 0, all, 0, header.length);
      System.arraycopy(body, 0, all, header.length, body.length);
      queue.add(all);
    }

    @Override
    public void close() {
      queue.add(END);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= current.length) {
        try {
          current = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
        pos = 0;
        if (current == END) {
          queue.add(END);
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
