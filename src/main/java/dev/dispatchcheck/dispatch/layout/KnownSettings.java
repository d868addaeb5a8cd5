package dev.dispatchcheck.dispatch.layout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nix.conf settings each checked Nix version accepts, from {@code nix-settings.txt}
 * (which says how that list was made).
 */
final class KnownSettings {

  /** The versions the list covers: Debian bookworm's, trixie's, and a recent one. */
  static final List<String> VERSIONS = List.of("2.8", "2.26", "2.34");

  private static final KnownSettings INSTANCE = load();

  private final Map<String, Set<String>> versionsByName;

  private KnownSettings(Map<String, Set<String>> versionsByName) {
    this.versionsByName = versionsByName;
  }

  static KnownSettings get() {
    return INSTANCE;
  }

  /** The checked versions that do not know {@code name}: empty when every one does. */
  List<String> unknownIn(String name) {
    Set<String> known = versionsByName.getOrDefault(name, Set.of());
    return VERSIONS.stream().filter(v -> !known.contains(v)).toList();
  }

  boolean knownAnywhere(String name) {
    return versionsByName.containsKey(name);
  }

  private static KnownSettings load() {
    Map<String, Set<String>> map = new HashMap<>();
    try (InputStream in = KnownSettings.class.getResourceAsStream("/nix-settings.txt")) {
      if (in == null) throw new IllegalStateException("nix-settings.txt is missing from the classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] words = line.strip().split("\\s+");
        if (words[0].isEmpty() || words[0].startsWith("#")) continue;
        map.put(words[0], Set.of(Arrays.copyOfRange(words, 1, words.length)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KnownSettings(Map.copyOf(map));
  }
}
