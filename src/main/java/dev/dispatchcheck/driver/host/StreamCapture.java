package dev.dispatchcheck.driver.host;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What a running command has printed so far, and how it ended. What the command printed
 * and what happened to the stream are kept apart: a broken stream is recorded as such,
 * never written into the output, so harness text is never read as Nix's. Each stream is
 * decoded as one UTF-8 text across its chunks: a character split between two chunks
 * arrives whole.
 */
public final class StreamCapture {
  private final StringBuffer combined = new StringBuffer();
  private final StringBuffer stdout = new StringBuffer();
  private final StringBuffer stderr = new StringBuffer();
  private final long startedNanos = System.nanoTime();
  private volatile long finishedNanos;
  private volatile boolean finished;
  private volatile Integer exitCode;
  private volatile Throwable broken;
  private final Utf8 stdoutText = new Utf8();
  private final Utf8 stderrText = new Utf8();

  /** A chunk of bytes the command printed, on stdout or stderr, as the engine framed it. */
  public synchronized void printed(byte[] chunk, boolean onStdout) {
    append((onStdout ? stdoutText : stderrText).decode(chunk, false), onStdout);
  }

  private void append(String text, boolean onStdout) {
    combined.append(text);
    (onStdout ? stdout : stderr).append(text);
  }

  /** The stream from Docker broke: what was read is not the whole output. */
  public void broke(Throwable why) {
    if (broken == null) broken = why;
  }

  /**
   * The command ended; {@code code} is null when its exit code could not be read. A
   * character left incomplete at the end is shown as U+FFFD.
   */
  public synchronized void finished(Integer code) {
    append(stdoutText.decode(new byte[0], true), true);
    append(stderrText.decode(new byte[0], true), false);
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

  public String stderr() {
    return stderr.toString();
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

  /** One stream's decoder: the bytes of a character not yet complete wait for the next chunk. */
  private static final class Utf8 {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    String decode(byte[] chunk, boolean last) {
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.length).put(pending).put(chunk).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, out, last);
      if (last) decoder.flush(out);
      pending = in;
      return out.flip().toString();
    }
  }
}
