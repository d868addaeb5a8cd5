package dev.dispatchcheck.driver.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One long-lived exec in a host's container running {@code nix-host-streams}, which starts
 * the commands whose output is read while they run (builds), several at once: each then
 * costs a fork in the container instead of a container exec (runc, the shim and the engine:
 * about 40 ms of CPU each). The wire format is the script's; what a command prints reaches
 * its {@link StreamCapture} as it comes.
 */
final class StreamChannel implements AutoCloseable {
  private final String host;
  private final CommandChannel.Requests requests = new CommandChannel.Requests();
  private final Map<Integer, StreamCapture> running = new HashMap<>();
  private final StringBuffer channelErrors = new StringBuffer();
  /** Bytes of a frame not complete yet. */
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private int started;
  private boolean ended;

  private StreamChannel(String host) {
    this.host = host;
  }

  static StreamChannel open(DockerClient client, String containerId, String host) {
    StreamChannel channel = new StreamChannel(host);
    CommandChannel.startExec(client, containerId, "/usr/local/sbin/nix-host-streams", channel.requests,
        new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            if (frame.getStreamType() == StreamType.STDOUT) channel.received(frame.getPayload());
            else channel.channelErrors.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }

          @Override
          public void onComplete() {
            channel.end(null);
          }

          @Override
          public void onError(Throwable t) {
            channel.end(t);
          }
        });
    return channel;
  }

  /** Whether the channel can start another command: its exec has not ended. */
  synchronized boolean usable() {
    return !ended;
  }

  /** Starts {@code argv}; what it prints, and how it ends, reach the capture returned. */
  synchronized StreamCapture start(List<String> argv) {
    if (ended) throw new IllegalStateException("the stream channel to " + host + " has ended" + why());
    StreamCapture capture = new StreamCapture();
    running.put(++started, capture);
    byte[] body = String.join("\0", argv).getBytes(StandardCharsets.UTF_8);
    requests.send((body.length + "\n").getBytes(StandardCharsets.US_ASCII), body);
    return capture;
  }

  /** Frames as the engine delivers them: a frame may come in pieces, or several in one. */
  synchronized void received(byte[] bytes) {
    pending.write(bytes, 0, bytes.length);
    byte[] all = pending.toByteArray();
    int at = 0;
    while (true) {
      int eol = indexOf(all, (byte) '\n', at);
      if (eol < 0) break;
      String[] header = new String(all, at, eol - at, StandardCharsets.US_ASCII).split(" ");
      int n = Integer.parseInt(header[0]);
      int value = Integer.parseInt(header[2]);
      if (header[1].equals("x")) {
        StreamCapture c = running.remove(n);
        if (c != null) c.finished(value);
        at = eol + 1;
        continue;
      }
      if (all.length - (eol + 1) < value) break;
      byte[] chunk = java.util.Arrays.copyOfRange(all, eol + 1, eol + 1 + value);
      StreamCapture c = running.get(n);
      if (c != null) c.printed(chunk, header[1].equals("o"));
      at = eol + 1 + value;
    }
    pending.reset();
    pending.write(all, at, all.length - at);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) if (bytes[i] == b) return i;
    return -1;
  }

  /**
   * The exec has ended (the container stopped, or the engine's client gave up on it): every
   * command still running is a stream that broke, never one that ended.
   */
  synchronized void end(Throwable why) {
    ended = true;
    IllegalStateException broke = new IllegalStateException("the stream channel to " + host + " ended"
        + (why == null ? "" : ": " + why) + why());
    running.values().forEach(c -> {
      c.broke(broke);
      c.finished(null);
    });
    running.clear();
  }

  private String why() {
    return channelErrors.length() == 0 ? "" : " (the channel said: " + channelErrors.toString().strip() + ")";
  }

  /**
   * Gives the channel up without a word to it: its container was stopped, so its exec is
   * gone even if the engine has not said so yet (see {@link CommandChannel#abandon}).
   */
  void abandon() {
    end(new IllegalStateException("its container was stopped"));
  }

  /** Ends the script's input: it exits once its commands have. */
  @Override
  public synchronized void close() {
    if (!ended) requests.close();
  }
}
