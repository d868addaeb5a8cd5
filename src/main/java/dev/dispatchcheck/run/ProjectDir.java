package dev.dispatchcheck.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where a run finds features/, containers/ (the host image's build context and the
 * version table), examples/ and bench/. Run from the jar, they are what the jar carries
 * under {@code dispatchcheck-project/}, extracted once to
 * {@code ${XDG_CACHE_HOME:-~/.cache}/dispatchcheck/<digest of those entries>/}, so the jar
 * works from any directory; a new jar with other resources gets a new directory. Run
 * from classes (Maven, an IDE, the tests), they are the checkout's own.
 */
public final class ProjectDir {
  static final String PREFIX = "dispatchcheck-project/";
  private static Path located;

  private ProjectDir() {}

  /** The project directory, found (and, from the jar, extracted under {@code cacheRoot}) on first use. */
  public static synchronized Path locate(Path cacheRoot) {
    if (located == null) located = find(cacheRoot);
    return located;
  }

  private static Path find(Path cacheRoot) {
    Path code = codeSource();
    if (Files.isRegularFile(code)) return extractedInUse(code, cacheRoot);
    // target/classes: the checkout is two levels up.
    Path checkout = code.getParent() == null ? null : code.getParent().getParent();
    if (checkout != null && Files.isRegularFile(checkout.resolve(NixVersion.TABLE))) return checkout;
    return Path.of("").toAbsolutePath();
  }

  /** The jar this runs from; empty when it runs from classes. */
  public static Optional<Path> jar() {
    Path code = codeSource();
    return Files.isRegularFile(code) ? Optional.of(code) : Optional.empty();
  }

  private static Path codeSource() {
    try {
      return Path.of(ProjectDir.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #extracted}, touched as in use; other jars' extractions untouched for a day are removed ({@link Extractions}). */
  static Path extractedInUse(Path jar, Path cache) {
    Path dir = extracted(jar, cache);
    Extractions.atStart(cache, dir, java.time.Instant.now());
    return dir;
  }

  /** The jar's project resources in a directory of {@code cache} named for them, extracted unless there already. */
  static Path extracted(Path jar, Path cache) {
    try (JarFile file = new JarFile(jar.toFile())) {
      List<JarEntry> entries = file.stream().filter(e -> e.getName().startsWith(PREFIX) && !e.isDirectory())
          .sorted(Comparator.comparing(JarEntry::getName)).toList();
      if (entries.isEmpty()) throw new IllegalStateException(jar + " carries no " + PREFIX + ": build it with 'mvn package'");
      Path dir = cache.resolve(digest(entries));
      if (Files.isDirectory(dir)) return dir;
      Files.createDirectories(cache);
      // Written aside, then renamed: runs started together never see half a directory.
      Path tmp = Files.createTempDirectory(cache, dir.getFileName() + ".part-");
      for (JarEntry e : entries) write(file, e, tmp);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        DirectoryTrees.delete(tmp);
        if (!Files.isDirectory(dir)) throw e; // else another run was first, with the same files
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the project's resources from " + jar, e);
    }
  }

  private static void write(JarFile file, JarEntry e, Path root) throws IOException {
    Path to = root.resolve(e.getName().substring(PREFIX.length())).normalize();
    if (!to.startsWith(root)) throw new IOException("entry outside " + PREFIX + ": " + e.getName());
    Files.createDirectories(to.getParent());
    try (InputStream in = file.getInputStream(e)) {
      Files.copy(in, to);
    }
    // Jars keep no modes; scripts stay runnable by hand.
    byte[] head = new byte[2];
    try (InputStream in = Files.newInputStream(to)) {
      if (in.read(head) == 2 && head[0] == '#' && head[1] == '!') {
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  /** Of the entries' names, sizes and CRCs, from the jar's directory: nothing is decompressed to know it. */
  private static String digest(List<JarEntry> entries) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (JarEntry e : entries) md.update((e.getName() + "\0" + e.getSize() + "\0" + e.getCrc() + "\n").getBytes());
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
