package dev.dispatchcheck.dispatch.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Builds a farm directory in a test's temp dir, file by file. */
final class Farm {
  /** A made-up but well-formed ed25519 public key line. */
  static final String KEY_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0d9pNrj2yGfJ5ZsZc6c2Y1m3o0nT4d5h2bQyq3r9K root@builder";
  static final String HOST_KEY = Base64.getEncoder().encodeToString(KEY_LINE.getBytes(StandardCharsets.UTF_8));

  private final Path dir;

  Farm(Path dir) {
    this.dir = dir;
  }

  static Farm in(Path dir) {
    return new Farm(dir).agent("/etc/nix/nix.conf", "");
  }

  Farm agent(String deployedPath, String... lines) {
    return file("agent" + deployedPath, lines);
  }

  Farm builder(String host, String... lines) {
    return file("builders/" + host + "/etc/nix/nix.conf", lines);
  }

  Farm file(String relative, String... lines) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  FarmLayout layout() {
    return FarmLayout.read(dir);
  }
}
