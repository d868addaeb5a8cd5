package dev.dispatchcheck.run;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Whole directory trees as housekeeping needs them: when one was last written, and its
 * removal. Two runs starting together may sweep the same tree at once, so what vanishes
 * meanwhile is no error. Symbolic links are never followed: a link is removed, not what
 * it points at.
 */
public final class DirectoryTrees {
  private DirectoryTrees() {}

  /** The newest modification time of anything in the tree; {@link Instant#EPOCH} when it is gone. */
  public static Instant lastWritten(Path root) throws IOException {
    FileTime[] newest = {FileTime.from(Instant.EPOCH)};
    Files.walkFileTree(root, new Tolerant() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
        return visitFile(dir, a);
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
        if (a.lastModifiedTime().compareTo(newest[0]) > 0) newest[0] = a.lastModifiedTime();
        return FileVisitResult.CONTINUE;
      }
    });
    return newest[0].toInstant();
  }

  /** Removes the tree; one already gone, in part or whole, is no error. */
  public static void delete(Path root) throws IOException {
    Files.walkFileTree(root, new Tolerant() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) throw e;
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** A walk that passes over what another process removed under it. */
  private static class Tolerant extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
      throw e;
    }
  }
}
