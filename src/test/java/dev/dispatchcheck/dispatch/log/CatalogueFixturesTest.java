package dev.dispatchcheck.dispatch.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.evidence.DispatchLogParser;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.Placement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue read against real logs: each version's fixtures, captured from real runs
 * of the scenarios (src/test/resources/nix-VERSION/real/fixtures.tsv lists each with what
 * it must read as), parsed with that version's catalogue.
 */
class CatalogueFixturesTest {
  private static final List<String> VERSIONS = List.of("2.8", "2.26", "2.34");

  @TestFactory
  Stream<DynamicTest> everyFixtureOfEveryVersionReadsAsItShould() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String version : VERSIONS) {
      String index = read("/nix-" + version + "/real/fixtures.tsv");
      for (String row : index.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
        String[] f = row.split("\t");
        tests.add(DynamicTest.dynamicTest("Nix " + version + ": " + f[0] + " reads as " + f[2],
            () -> check(version, f[0], Integer.parseInt(f[1]), f[2])));
      }
    }
    assertThat(tests).as("fixtures of every version").hasSizeGreaterThan(VERSIONS.size() * 5);
    return tests.stream();
  }

  private static void check(String version, String file, int exit, String expected) throws IOException {
    String raw = read("/nix-" + version + "/real/" + file);
    DispatchRecord r = DispatchLogParser.parseInternalJson(raw, "", Optional.of(exit), MessageCatalogue.of(version));
    String[] kv = expected.split(":", 2);
    switch (kv[0]) {
      case "cause" -> assertThat(r.error()).as(r.summary()).contains(ErrorClass.valueOf(kv[1]));
      case "remote" -> {
        assertThat(r.placement()).isEqualTo(Placement.REMOTE);
        assertThat(r.builder()).contains(kv[1]);
        assertThat(r.logReadingsAgree()).as("text and internal-json agree").isTrue();
      }
      case "local" -> assertThat(r.placement()).isEqualTo(Placement.LOCAL);
      case "warning" -> assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains(kv[1]));
      default -> throw new IllegalArgumentException("unknown expectation " + expected);
    }
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = CatalogueFixturesTest.class.getResourceAsStream(resource)) {
      return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
