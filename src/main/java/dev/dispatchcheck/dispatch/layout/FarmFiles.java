package dev.dispatchcheck.dispatch.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regular files of a farm directory, listed and read without trusting it: CI checks
 * farms from pull requests, so nothing in one may make the harness read outside it, block,
 * or fill its memory. Every entry must be a directory or a regular file. A symbolic link is
 * refused wherever it points (a farm that needs another file's content holds a copy,
 * {@code cp -L}); refusing them all is one rule with no resolution to get wrong. A fifo,
 * socket or device is refused unopened (a fifo would block the read), and a file the
 * harness reads must be at most {@link #MAX_BYTES}, the files read together at most
 * {@link #MAX_TOTAL_BYTES}. Paths are farm-relative with '/', e.g. {@code agent/etc/nix/nix.conf}.
 */
final class FarmFiles {
  static final int MAX_BYTES = 1 << 20;
  static final long MAX_TOTAL_BYTES = 16L << 20;

  /** The farm directory as the caller named it, for messages. */
  private final Path dir;
  /** The same, resolved: what the listing found no link below. */
  private final Path root;
  /** Each regular file's size, by farm-relative path. */
  private final Map<String, Long> sizes;
  private long bytesRead;

  private FarmFiles(Path dir, Path root, Map<String, Long> sizes) {
    this.dir = dir;
    this.root = root;
    this.sizes = sizes;
  }

  /** Lists the farm, refusing the first entry that is neither a directory nor a regular file. */
  static FarmFiles list(Path dir) {
    // The directory itself may be reached through a link: the caller named it, the farm did not.
    Path root = realPath(dir);
    Map<String, Long> sizes = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() { // without FOLLOW_LINKS: a link is visited as itself
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String relative = relative(root, file);
          if (attrs.isSymbolicLink()) throw refused(dir, relative, "is a symbolic link (" + whereItPoints(root, file)
              + "); a farm's files are never followed out of it, so put a copy there instead (cp -L)");
          if (!attrs.isRegularFile() && !attrs.isDirectory()) {
            throw refused(dir, relative, "is not a regular file (a fifo, socket or device); it was not opened");
          }
          if (attrs.isRegularFile()) sizes.put(relative, attrs.size());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          throw refused(dir, relative(root, file), "cannot be read: " + e.getMessage());
        }
      });
    } catch (IOException e) {
      throw new FarmInputException(dir + ": cannot be read: " + e.getMessage(), e);
    }
    return new FarmFiles(dir, root, sizes);
  }

  boolean has(String relative) {
    return sizes.containsKey(relative);
  }

  /** The regular files below {@code folder} (a farm-relative directory), sorted. */
  List<String> under(String folder) {
    return sizes.keySet().stream().filter(p -> p.startsWith(folder + "/")).toList();
  }

  /** The regular files at the top of the farm, sorted. */
  List<String> atTop() {
    return sizes.keySet().stream().filter(p -> !p.contains("/")).toList();
  }

  /** Refuses a file too large for the harness to read, before anything reads it. */
  void requireReadable(String relative) {
    long size = sizes.get(relative);
    if (size > MAX_BYTES) throw refused(dir, relative, size + " bytes; a farm file may be at most " + MAX_BYTES);
    if (bytesRead + size > MAX_TOTAL_BYTES) {
      throw refused(dir, relative, "the farm's files would add up to more than " + MAX_TOTAL_BYTES + " bytes");
    }
  }

  /**
   * The file's content as UTF-8; bytes that are not UTF-8 become U+FFFD, which the decoder
   * puts in place and never throws for (lint then finds the line that is not text). It is
   * opened without following a link, and read no further than the limit, should the file
   * have changed since it was listed.
   */
  String read(String relative) {
    requireReadable(relative);
    Path file = root.resolve(relative);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) throw refused(dir, relative, "grew past " + MAX_BYTES + " bytes while read");
      bytesRead += bytes.length;
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw refused(dir, relative, "cannot be read: " + e.getMessage());
    }
  }

  private static FarmInputException refused(Path dir, String relative, String why) {
    return new FarmInputException(dir.resolve(relative) + ": " + why);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /** Where a link leads, without reading what it leads to (the target's own name is not shown either). */
  private static String whereItPoints(Path root, Path link) {
    try {
      return link.toRealPath().startsWith(root) ? "it points within the farm" : "it points outside the farm";
    } catch (IOException e) {
      return "it points nowhere";
    }
  }

  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new FarmInputException(dir + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
