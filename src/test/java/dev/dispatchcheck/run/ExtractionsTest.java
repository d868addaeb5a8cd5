package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar start keeps its own extraction and those touched within a day; clean keeps only its own. */
class ExtractionsTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path cache;

  private Path extraction(String name, Duration age) throws IOException {
    Path dir = Files.createDirectories(cache.resolve(name).resolve("features"));
    Files.writeString(dir.resolve("a.feature"), "Feature: a\n");
    Files.setLastModifiedTime(cache.resolve(name), FileTime.from(NOW.minus(age)));
    return cache.resolve(name);
  }

  @Test
  void aStartTouchesItsOwnAndRemovesOthersUntouchedForADay() throws IOException {
    Path own = extraction("0000000000000001", Duration.ofDays(30));
    Path stale = extraction("0000000000000002", Duration.ofHours(25));
    Path staleHalf = extraction("0000000000000003.part-123", Duration.ofHours(25));
    Path inUse = extraction("0000000000000004", Duration.ofHours(23));
    Path notOurs = extraction("notes", Duration.ofDays(30));

    assertThat(Extractions.atStart(cache, own, NOW)).isEqualTo(2);

    assertThat(own).isDirectory();
    assertThat(Files.getLastModifiedTime(own).toInstant()).isEqualTo(NOW);
    assertThat(stale).doesNotExist();
    assertThat(staleHalf).doesNotExist();
    assertThat(inUse).as("another version started within the day may be running").isDirectory();
    assertThat(notOurs).isDirectory();
  }

  @Test
  void cleanRemovesEveryExtractionButItsOwn() throws IOException {
    Path own = extraction("0000000000000001", Duration.ofDays(30));
    Path young = extraction("0000000000000004", Duration.ZERO);
    Path notOurs = extraction("notes", Duration.ofDays(30));

    assertThat(Extractions.removeAllBut(cache, Optional.of(own))).isEqualTo(1);

    assertThat(own).isDirectory();
    assertThat(young).doesNotExist();
    assertThat(notOurs).isDirectory();
  }

  @Test
  void noCacheRootIsNothingToRemove() {
    assertThat(Extractions.removeAllBut(cache.resolve("absent"), Optional.empty())).isZero();
  }
}
