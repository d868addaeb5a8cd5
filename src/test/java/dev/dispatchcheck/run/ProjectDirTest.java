package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's resources become a project directory once, named for what they hold. */
class ProjectDirTest {
  @TempDir Path tmp;

  private Path jar(String name, String table) throws IOException {
    Path jar = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("dev/dispatchcheck/cli/Main.class"));
      j.write(new byte[] {1});
      j.putNextEntry(new JarEntry(ProjectDir.PREFIX + "containers/nix-versions.tsv"));
      j.write(table.getBytes(StandardCharsets.UTF_8));
      j.putNextEntry(new JarEntry(ProjectDir.PREFIX + "containers/nix-host/nix-host-init"));
      j.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  @Test
  void extractsOnceAndANewJarWithOtherResourcesGetsItsOwnDirectory() throws IOException {
    Path cache = tmp.resolve("cache");
    Path first = ProjectDir.extracted(jar("a.jar", "2.26 trixie\n"), cache);
    assertThat(first.resolve("containers/nix-versions.tsv")).hasContent("2.26 trixie");
    assertThat(Files.isExecutable(first.resolve("containers/nix-host/nix-host-init"))).isTrue();
    assertThat(ProjectDir.extracted(jar("b.jar", "2.26 trixie\n"), cache)).as("same resources, same directory")
        .isEqualTo(first);
    assertThat(ProjectDir.extracted(jar("c.jar", "2.34 forky\n"), cache)).isNotEqualTo(first);
    try (var entries = Files.list(cache)) {
      assertThat(entries.map(p -> p.getFileName().toString())).as("no half-written directory left")
          .noneMatch(n -> n.contains(".part-"));
    }
  }
}
