package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A nix.conf: {@code name = value} settings (an {@code extra-} name is kept as written),
 * {@code include} / {@code !include} lines and {@code #} comments, kept in order so that
 * rendering shows the operator's file as written.
 */
public record NixConf(List<Entry> entries) {

  public sealed interface Entry permits Setting, Include {}

  public record Setting(String name, String value) implements Entry {}

  /** {@code include path}; {@code optional} for {@code !include}, which tolerates a missing file. */
  public record Include(String path, boolean optional) implements Entry {}

  public NixConf {
    entries = List.copyOf(entries);
  }

  public static NixConf empty() {
    return new NixConf(List.of());
  }

  public static NixConf parse(String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) entry(lines[i], i + 1).ifPresent(entries::add);
    return new NixConf(entries);
  }

  /**
   * The entry of one line, {@code lineNo} of its file: none for a blank or comment line; a
   * line that is neither a setting nor an include is an IllegalArgumentException naming it.
   */
  public static Optional<Entry> entry(String raw, int lineNo) {
    int hash = raw.indexOf('#');
    String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
    if (line.isEmpty()) return Optional.empty();
    String[] words = line.split("\\s+", 2);
    if ((words[0].equals("include") || words[0].equals("!include")) && words.length == 2) {
      return Optional.of(new Include(words[1].strip(), words[0].startsWith("!")));
    }
    int eq = line.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(String.format("nix.conf line %d: '%s' is not 'name = value'", lineNo, line));
    }
    return Optional.of(new Setting(line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
  }

  /**
   * The last value this file assigns to {@code name}, exactly as written. Deliberately no
   * {@code extra-} arithmetic: whether Nix honours an {@code extra-} prefix depends on the
   * setting and the version (2.8 rejects {@code extra-builders}), so effective values are
   * asked of Nix itself ({@code nix show-config}), never computed here.
   */
  public Optional<String> get(String name) {
    Optional<String> value = Optional.empty();
    for (Entry e : entries) {
      if (e instanceof Setting s && s.name().equals(name)) value = Optional.of(s.value());
    }
    return value;
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      if (e instanceof Setting s) sb.append(s.name()).append(" = ").append(s.value());
      else if (e instanceof Include i) sb.append(i.optional() ? "!include " : "include ").append(i.path());
      sb.append('\n');
    }
    return sb.toString();
  }
}
