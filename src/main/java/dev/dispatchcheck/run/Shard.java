package dev.dispatchcheck.run;

import java.util.zip.CRC32;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Shard {@code index} of {@code count} (1-based, as "--shard 2/3" reads): a scenario
 * belongs to the shard its feature file name and line hash to, so every machine computes
 * the same split and the shards together hold each scenario exactly once.
 */
public record Shard(int index, int count) {
  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, e.g. 2/3; got " + index + "/" + count);
    }
  }

  public static Shard parse(String text) {
    String[] kn = text.split("/");
    try {
      return new Shard(Integer.parseInt(kn[0].trim()), Integer.parseInt(kn[1].trim()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--shard takes K/N, e.g. 2/3; got '" + text + "'");
    }
  }

  /** Which shard a scenario at {@code file}:{@code line} belongs to, 1-based. */
  static int of(String file, int line, int count) {
    CRC32 crc = new CRC32();
    crc.update((file + ":" + line).getBytes());
    return (int) (crc.getValue() % count) + 1;
  }

  public PostDiscoveryFilter filter() {
    return d -> !d.isTest() || of(fileOf(d), lineOf(d), count) == index
        ? FilterResult.included("in shard " + this) : FilterResult.excluded("in another shard than " + this);
  }

  private static String fileOf(TestDescriptor d) {
    return d.getSource().filter(FileSource.class::isInstance).map(s -> ((FileSource) s).getFile().getName()).orElse(d.getUniqueId().toString());
  }

  private static int lineOf(TestDescriptor d) {
    return d.getSource().filter(FileSource.class::isInstance)
        .flatMap(s -> ((FileSource) s).getPosition()).map(FilePosition::getLine).orElse(0);
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
