package dev.dispatchcheck.report;

import dev.dispatchcheck.run.Shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * One run's own report directory, {@code reports/runs/<UTC start>-<random id>/}, so that no
 * run replaces another's report: a later run with three scenarios leaves the test
 * command's full report where it was. The id is random rather than the pid because CI's
 * jobs, whose reports are gathered into one tree, may well share a pid.
 */
public record ReportRun(Path dir, RunInfo info) {
  static final String RUNS = "runs";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What a run was, as each of its results.json records it.
   *
   * @param started ISO-8601, UTC
   * @param command conformance, test, bench or check
   * @param name the --name filter, or null
   * @param tags the --tags filter as written, or null
   * @param shard "K/N", or null
   * @param complete whether the run took every scenario there is: no name, tag or shard filter
   */
  public record RunInfo(String id, String started, String command, String name, String tags, String shard, boolean complete) {
    /** Whether no --name or --tags narrowed it; a shard of such a run is complete together with its siblings. */
    boolean unfiltered() {
      return name == null && tags == null;
    }
  }

  /** A new run directory under {@code reports}, with what the run took: its filters, as written, and whether it took all. */
  public static ReportRun open(Path reports, String command, String name, String tags, String shard, boolean complete) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] random = new byte[3];
    RANDOM.nextBytes(random);
    String id = STAMP.format(now) + "-" + HexFormat.of().formatHex(random);
    RunInfo info = new RunInfo(id, now.toString(), command, name, tags, shard, complete);
    Path dir = reports.resolve(RUNS).resolve(id);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ReportRun(dir, info);
  }

  /** A pair's directory in this run, e.g. agent-nix-2.26--builders-nix-2.26 (--shard-1-of-2). */
  public Path pairDir(String pairLabel, java.util.Optional<Shard> shard) {
    return dir.resolve(pairLabel + shard.map(k -> "--shard-" + k.index() + "-of-" + k.count()).orElse(""));
  }
}
