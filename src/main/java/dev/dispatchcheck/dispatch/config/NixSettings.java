package dev.dispatchcheck.dispatch.config;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hercules-ci-agent configuration's {@code nixSettings}: a table of Nix settings, name
 * to string value ({@code Hercules/Agent/Config.hs:77,126-128}), which the agent applies
 * to its own Nix and passes to each effect's proxy as {@code --option NAME VALUE}, in key
 * order ({@code M.toList}, {@code Hercules/Effect.hs:353}). Written here in nix.conf
 * syntax, one {@code name = value} a line; being a table, it has no includes and no name
 * twice.
 */
public final class NixSettings {
  /** A Nix setting's name, as nix.conf and --option take it (never an option of its own, like "--store"). */
  public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private final SortedMap<String, String> settings;

  private NixSettings(SortedMap<String, String> settings) {
    this.settings = Collections.unmodifiableSortedMap(settings);
  }

  public static NixSettings none() {
    return new NixSettings(new TreeMap<>());
  }

  /** Settings read elsewhere (a farm's agent configuration file). */
  public static NixSettings of(java.util.Map<String, String> settings) {
    return new NixSettings(new TreeMap<>(settings));
  }

  /** Parses {@code text}; a malformed line, an include or a name given twice fails with its line number. */
  public static NixSettings parse(String text) {
    NixConf.parse(text); // the syntax, with its line numbers
    SortedMap<String, String> out = new TreeMap<>();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      NixConf.Entry e = NixConf.entry(raw, lineNo).orElse(null);
      if (e instanceof NixConf.Include i) {
        throw new IllegalArgumentException(String.format("nixSettings line %d: '%sinclude %s': nixSettings is a table "
            + "of settings and includes no file", lineNo, i.optional() ? "!" : "", i.path()));
      }
      if (e instanceof NixConf.Setting s) {
        if (!NAME.matcher(s.name()).matches()) {
          throw new IllegalArgumentException(String.format("nixSettings line %d: '%s' is not a setting's name", lineNo, s.name()));
        }
        if (out.putIfAbsent(s.name(), s.value()) != null) {
          throw new IllegalArgumentException(String.format("nixSettings line %d: '%s' is set a second time; nixSettings "
              + "is a table, with each name once", lineNo, s.name()));
        }
      }
    }
    return new NixSettings(out);
  }

  /** Name to value, in the order the agent passes them. */
  public SortedMap<String, String> asMap() {
    return settings;
  }

  public boolean isEmpty() {
    return settings.isEmpty();
  }
}
