package dev.dispatchcheck.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jars' extractions under the cache root ({@code <digest>/}, and the {@code .part-}
 * directory of one being written; see {@link ProjectDir}), kept from piling up: every new
 * version of the jar's resources gets a directory of its own, and nothing else ever
 * removes the old ones. Only names of that form are touched: anything else under the cache
 * root is left alone.
 */
public final class Extractions {
  /**
   * How long an extraction nobody started stays. Another version of the jar may be running
   * at this very moment (a second checkout, a CI job beside a developer's run): it touched
   * its own extraction when it started, so only one untouched this long is taken for
   * unused. A run that outlasts it from a version nobody starts meanwhile is not protected;
   * no run lasts a day.
   */
  static final Duration STALE = Duration.ofHours(24);
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{16}(\\.part-.*)?");

  private Extractions() {}

  /**
   * At a jar's start: touches {@code own}, so that other versions' starts see it in use,
   * and removes the other extractions untouched for {@link #STALE}. Housekeeping never stops
   * a run: what cannot be touched or removed stays. How many were removed.
   */
  static int atStart(Path cacheRoot, Path own, Instant now) {
    try {
      Files.setLastModifiedTime(own, FileTime.from(now));
    } catch (IOException e) {
      // The run goes on; at worst another version's start later takes this one for unused and extracts it again.
    }
    return remove(cacheRoot, own, p -> Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(STALE)));
  }

  /**
   * {@code clean}: every extraction but {@code own} (the running jar's, if it runs from a
   * jar) removed, used or not, as {@code clean} removes every run's containers. How many.
   */
  public static int removeAllBut(Path cacheRoot, Optional<Path> own) {
    return remove(cacheRoot, own.orElse(null), p -> true);
  }

  private interface Check {
    boolean test(Path p) throws IOException;
  }

  private static int remove(Path cacheRoot, Path own, Check stale) {
    int removed = 0;
    for (Path p : others(cacheRoot, own)) {
      try {
        if (!stale.test(p)) continue;
        DirectoryTrees.delete(p);
        removed++;
      } catch (IOException e) {
        // Gone meanwhile, or not ours to remove: it stays, and the run goes on.
      }
    }
    return removed;
  }

  private static List<Path> others(Path cacheRoot, Path own) {
    Predicate<Path> ours = p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
        && !p.equals(own);
    try (Stream<Path> entries = Files.list(cacheRoot)) {
      return entries.filter(ours).toList();
    } catch (IOException e) {
      return List.of(); // no cache root (nothing was extracted), or none we may read
    }
  }
}
