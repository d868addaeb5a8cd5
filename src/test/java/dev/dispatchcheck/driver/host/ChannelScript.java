package dev.dispatchcheck.driver.host;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code containers/nix-host/nix-host-channel} run here, by this machine's Perl, with the
 * wire format {@link CommandChannel} speaks: requests in, one reply each.
 */
final class ChannelScript {
  private static final Path CHANNEL = Path.of("containers/nix-host/nix-host-channel");
  /** This machine's PATH. */
  static final String PATH = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

  record Reply(int exit, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private ChannelScript() {}

  /** One channel with {@code path} for its PATH, sent every request at once; its replies, in order. */
  static List<Reply> runAll(String path, List<List<String>> requests) throws IOException, InterruptedException {
    ProcessBuilder channel = new ProcessBuilder(perl(), CHANNEL.toString());
    channel.environment().put("PATH", path);
    channel.environment().put("LC_ALL", "C");
    Process p = channel.start();
    send(p, requests);
    DataInputStream reply = new DataInputStream(p.getInputStream());
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      String line = readLine(reply);
      if (line == null) throw new IOException("the channel ended before reply " + (i + 1));
      String[] header = line.split(" ");
      byte[] stdout = reply.readNBytes(Integer.parseInt(header[1]));
      byte[] stderr = reply.readNBytes(Integer.parseInt(header[2]));
      replies.add(new Reply(Integer.parseInt(header[0]), stdout, new String(stderr, StandardCharsets.UTF_8)));
    }
    p.waitFor();
    return replies;
  }

  static Reply run(String path, List<String> argv) throws IOException, InterruptedException {
    return runAll(path, List.of(argv)).get(0);
  }

  /** This machine's perl, found on its own PATH: the channel's PATH may have none. */
  static String perl() {
    for (String dir : PATH.split(":")) {
      if (Files.isExecutable(Path.of(dir, "perl"))) return Path.of(dir, "perl").toString();
    }
    return "/usr/bin/perl";
  }

  /**
   * Writes every request to {@code script}'s input as both channels read them ("LENGTH\n",
   * then the argv joined by NUL), then ends it.
   */
  static void send(Process script, List<List<String>> requests) throws IOException {
    try (OutputStream in = script.getOutputStream()) {
      for (List<String> argv : requests) {
        byte[] body = String.join("\0", argv).getBytes(StandardCharsets.UTF_8);
        in.write((body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        in.write(body);
      }
    }
  }

  /** One line, or null where the output ends before it starts. */
  static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        if (line.length() == 0) return null;
        throw new IOException("the script ended mid-line: " + line);
      }
      line.append((char) b);
    }
    return line.toString();
  }
}
