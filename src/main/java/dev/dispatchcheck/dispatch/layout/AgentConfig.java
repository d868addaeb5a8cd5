package dev.dispatchcheck.dispatch.layout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.config.NixSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hercules-ci-agent configuration file a farm may carry at its top, as the NixOS
 * modules write it: {@value #JSON} (hercules-ci-agent's own module) or {@value #TOML}
 * (nixpkgs' and nix-darwin's). hercules-ci-agent reads JSON when the name ends in
 * {@code .json}, TOML otherwise ({@code Hercules/Agent/Config.hs:188-191}). Only its
 * {@code nixSettings} table of strings is read ({@code Config.hs:77,126-128}); in TOML, as
 * a {@code [nixSettings]} table or {@code nixSettings.NAME = "…"} keys, with basic or
 * literal one-line strings.
 *
 * @param file its name in the farm
 * @param settings each setting with its line
 * @param problems what cannot be read, each with its line
 */
public record AgentConfig(String file, List<Entry> settings, List<Entry> problems) {
  public static final String JSON = "hercules-ci-agent.json";
  public static final String TOML = "hercules-ci-agent.toml";

  /** A setting (name, value) or a problem (message in {@code value}, name empty), at a line. */
  public record Entry(int line, String name, String value) {}

  public AgentConfig {
    settings = List.copyOf(settings);
    problems = List.copyOf(problems);
  }

  public static AgentConfig read(String file, String text) {
    return file.endsWith(".json") ? json(file, text) : toml(file, text);
  }

  /**
   * nixSettings in nix.conf syntax, one {@code name = value} a line, as a scenario writes
   * them ({@code NixSettings.parse}); a table, so an include is a problem.
   */
  public static AgentConfig ofLines(String file, String text) {
    List<Entry> settings = new ArrayList<>();
    List<Entry> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      try {
        for (NixConf.Entry e : NixConf.parse(lines[n - 1]).entries()) {
          if (e instanceof NixConf.Setting s) settings.add(new Entry(n, s.name(), s.value()));
          else problems.add(new Entry(n, "", "'" + lines[n - 1].strip() + "': nixSettings is a table of settings and includes no file"));
        }
      } catch (IllegalArgumentException notASetting) {
        problems.add(new Entry(n, "", notASetting.getMessage().replaceFirst("^nix\\.conf line \\d+: ", "")));
      }
    }
    return new AgentConfig(file, settings, problems);
  }

  /** The settings as the agent passes them, by name in key order; a name given twice keeps its first value. */
  public NixSettings nixSettings() {
    SortedMap<String, String> out = new TreeMap<>();
    settings.forEach(e -> out.putIfAbsent(e.name(), e.value()));
    return NixSettings.of(out);
  }

  public Optional<Entry> setting(String name) {
    return settings.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Stated limits, so that a farm's JSON is read within them whatever it holds: the agent's
   * configuration nests a few levels, and a string is at most a farm file's length.
   */
  static final int MAX_JSON_NESTING = 64;
  static final int MAX_JSON_STRING = 1 << 20;
  private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_JSON_NESTING).maxStringLength(MAX_JSON_STRING).build())
      .build();

  private static AgentConfig json(String file, String text) {
    List<Entry> settings = new ArrayList<>();
    List<Entry> problems = new ArrayList<>();
    JsonParser p;
    try {
      p = JSON_FACTORY.createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (p) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        problems.add(new Entry(line(p), "", "the configuration is not a JSON object"));
        return new AgentConfig(file, settings, problems);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        if (!key.equals("nixSettings")) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_OBJECT) {
          problems.add(new Entry(line(p), "", "nixSettings is not an object of settings"));
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int line = line(p);
          if (p.nextToken() == JsonToken.VALUE_STRING) {
            settings.add(new Entry(line, name, p.getText()));
          } else {
            problems.add(new Entry(line, "", "nixSettings." + name + " is not a string; hercules-ci-agent takes strings only"));
            p.skipChildren();
          }
        }
      }
    } catch (StreamConstraintsException e) {
      boolean nesting = String.valueOf(e.getMessage()).contains("nesting depth"); // Jackson's words for the one limit
      problems.add(new Entry(line(p), "", (nesting ? "nested more than " + MAX_JSON_NESTING + " levels deep"
          : "a string longer than " + MAX_JSON_STRING + " characters") + ", past dispatchcheck's limit for the agent's"
          + " configuration; the file is not read further"));
    } catch (JsonProcessingException e) {
      problems.add(new Entry(e.getLocation() == null ? line(p) : e.getLocation().getLineNr(), "",
          "not JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AgentConfig(file, settings, problems);
  }

  private static int line(JsonParser p) {
    return p.currentLocation().getLineNr();
  }

  // Possessive throughout: java.util.regex recurses once per repetition of a group (a 2,000-character
  // string was a StackOverflowError) and backtracks into what a greedy quantifier took; a possessive
  // quantifier does neither, and none of these needs to give back what it matched.
  private static final String KEY = "(?:[A-Za-z0-9_-]++|\"(?:[^\"\\\\]++|\\\\.)*+\")";
  private static final Pattern KEY_PATTERN = Pattern.compile(KEY);
  private static final String DOTTED = KEY + "(?:\\s*+\\.\\s*+" + KEY + ")*+";
  private static final Pattern TABLE = Pattern.compile("^\\s*+\\[\\s*+(" + DOTTED + ")\\s*+]\\s*+(?:#.*)?$");
  // The line is stripped, so the value runs to its end.
  private static final Pattern KEY_VALUE = Pattern.compile("^\\s*+(" + DOTTED + ")\\s*+=\\s*+(.*)$");
  private static final Pattern BASIC = Pattern.compile("^\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*+(?:#.*)?$");
  private static final Pattern LITERAL = Pattern.compile("^'([^']*+)'\\s*+(?:#.*)?$");

  private static AgentConfig toml(String file, String text) {
    List<Entry> settings = new ArrayList<>();
    List<Entry> problems = new ArrayList<>();
    List<String> table = List.of();
    String[] lines = text.split("\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = lines[n - 1].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      Matcher t = TABLE.matcher(line);
      if (line.startsWith("[")) {
        table = t.matches() ? keys(t.group(1)) : List.of("?");
        continue;
      }
      Matcher kv = KEY_VALUE.matcher(line);
      if (!kv.matches()) {
        if (table.equals(List.of("nixSettings"))) problems.add(new Entry(n, "", "not 'name = \"value\"'"));
        continue;
      }
      List<String> key = new ArrayList<>(table);
      key.addAll(keys(kv.group(1)));
      if (key.isEmpty() || !key.get(0).equals("nixSettings")) continue;
      if (key.size() != 2) {
        problems.add(new Entry(n, "", "nixSettings is a table of settings, each a string"
            + (key.size() == 1 ? "; write it as a [nixSettings] table" : "")));
        continue;
      }
      Optional<String> value = string(kv.group(2));
      if (value.isPresent()) settings.add(new Entry(n, key.get(1), value.get()));
      else problems.add(new Entry(n, "", "nixSettings." + key.get(1) + " is not a one-line string; hercules-ci-agent takes strings only"));
    }
    return new AgentConfig(file, settings, problems);
  }

  private static List<String> keys(String dotted) {
    List<String> out = new ArrayList<>();
    Matcher m = KEY_PATTERN.matcher(dotted);
    while (m.find()) {
      String k = m.group();
      out.add(k.startsWith("\"") ? unescape(k.substring(1, k.length() - 1)).orElse(k) : k);
    }
    return out;
  }

  private static Optional<String> string(String value) {
    Matcher b = BASIC.matcher(value);
    if (b.matches()) return unescape(b.group(1));
    Matcher l = LITERAL.matcher(value);
    return l.matches() ? Optional.of(l.group(1)) : Optional.empty();
  }

  private static final Map<Character, String> ESCAPES = new LinkedHashMap<>(Map.of(
      'b', "\b", 't', "\t", 'n', "\n", 'f', "\f", 'r', "\r", '"', "\"", '\\', "\\"));

  /** TOML's basic-string escapes; an unknown one makes the string unreadable. */
  private static Optional<String> unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= s.length()) return Optional.empty();
      char e = s.charAt(i);
      if (ESCAPES.containsKey(e)) {
        out.append(ESCAPES.get(e));
      } else if ((e == 'u' || e == 'U') && i + (e == 'u' ? 4 : 8) < s.length()) {
        int len = e == 'u' ? 4 : 8;
        try {
          out.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 1 + len), 16));
        } catch (IllegalArgumentException bad) {
          return Optional.empty();
        }
        i += len;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(out.toString());
  }
}
