package dev.dispatchcheck.dispatch.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Farms made from the example farms by seeded mutations, as a hostile pull request might
 * bring them: flipped bytes, duplicated lines, include and @file chains past the limit (and
 * cycles, and files included again and again), huge lines, any UTF-8 and bytes that are not,
 * TOML and JSON nested at random, machines lines of random fields, builder directories and
 * file names of any sort. The same seed makes the same farm, byte for byte.
 */
final class FarmFuzzer {
  /** A mutation by name, so that a failure says what was done to the farm. */
  record Mutation(String name, BiConsumer<FarmFuzzer, Random> apply) {}

  static final List<String> BASES = List.of("guide-farm", "nixsettings-farm", "malformed-farm", "guide-farm-as-printed",
      "guide-farm-before", "unsupported-builder-farm");
  private static final Map<String, Map<String, byte[]>> BASE_FILES = new TreeMap<>();

  static final List<Mutation> MUTATIONS = List.of(
      new Mutation("flip bytes", FarmFuzzer::flipBytes),
      new Mutation("duplicate a line", FarmFuzzer::duplicateLine),
      new Mutation("include chain", FarmFuzzer::includeChain),
      new Mutation("@file chain", FarmFuzzer::machinesChain),
      new Mutation("huge line", FarmFuzzer::hugeLine),
      new Mutation("random UTF-8", FarmFuzzer::randomUtf8),
      new Mutation("random TOML", FarmFuzzer::randomToml),
      new Mutation("random JSON", FarmFuzzer::randomJson),
      new Mutation("random machines lines", FarmFuzzer::randomMachines),
      new Mutation("random nix.conf lines", FarmFuzzer::randomNixConf),
      new Mutation("builder directories", FarmFuzzer::builderDirectories),
      new Mutation("odd file names", FarmFuzzer::oddFileNames));

  private static final String NIX_CONF = "agent/etc/nix/nix.conf";
  private static final String MACHINES = "agent/etc/nix/machines";
  private static final String DOTFILE = "agent/var/lib/hercules-ci-agent/.config/nix/nix.conf";

  /** Farm-relative path to content. */
  final Map<String, byte[]> files = new TreeMap<>();
  final List<String> applied = new ArrayList<>();

  /** The farm of one case: a base, then one to three mutations, all drawn from {@code seed}. */
  static FarmFuzzer of(long seed) {
    Random r = new Random(seed);
    FarmFuzzer farm = new FarmFuzzer();
    String base = BASES.get(r.nextInt(BASES.size()));
    farm.files.putAll(base(base));
    farm.applied.add("from " + base);
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      Mutation m = MUTATIONS.get(r.nextInt(MUTATIONS.size()));
      farm.applied.add(m.name());
      m.apply().accept(farm, r);
    }
    return farm;
  }

  /** Writes the farm under {@code dir}; a name the file system refuses is left out, as it could not be in a farm. */
  void write(Path dir) {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      try {
        Path p = dir.resolve(e.getKey()).normalize();
        if (!p.startsWith(dir) || p.equals(dir)) continue;
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      } catch (InvalidPathException | IOException skipped) {
        // e.g. a file where another file's directory is
      }
    }
  }

  private static synchronized Map<String, byte[]> base(String name) {
    return BASE_FILES.computeIfAbsent(name, n -> {
      Path root = Path.of("examples", n);
      Map<String, byte[]> out = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    });
  }

  // --- mutations ---------------------------------------------------------------------------

  private void flipBytes(Random r) {
    String file = anyFile(r);
    byte[] b = files.get(file).clone();
    if (b.length == 0) return;
    for (int i = 1 + r.nextInt(20); i > 0; i--) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
    files.put(file, b);
  }

  private void duplicateLine(Random r) {
    String file = anyFile(r);
    List<String> lines = new ArrayList<>(List.of(text(file).split("\n", -1)));
    String line = lines.get(r.nextInt(lines.size()));
    int times = List.of(2, 10, 1_000, 20_000).get(r.nextInt(4));
    times = Math.min(times, 900_000 / (line.length() + 1));
    for (int i = 0; i < times; i++) lines.add(r.nextInt(lines.size() + 1), line);
    put(file, String.join("\n", lines));
  }

  /** nix.conf (or the agent's dotfile) includes f1, which includes f2, …: perhaps optional, back to an earlier one, or twice. */
  private void includeChain(Random r) {
    int depth = chainDepth(r);
    boolean twice = r.nextInt(6) == 0;
    String top = r.nextBoolean() ? NIX_CONF : DOTFILE;
    append(top, "include /etc/nix/fz1.conf");
    for (int i = 1; i <= depth; i++) {
      String next = i == depth ? (valid(r) ? "" : "include fz" + (1 + r.nextInt(i)) + ".conf") // a cycle
          : (r.nextBoolean() ? "!include " : "include ") + (r.nextBoolean() ? "fz" : "/etc/nix/./fz") + (i + 1) + ".conf";
      put("agent/etc/nix/fz" + i + ".conf", "max-jobs = " + i + "\n" + next + (twice ? "\n" + next : "") + "\n");
    }
  }

  /** A builders value names m1, which names m2, …, in nix.conf, the dotfile or nixSettings. */
  private void machinesChain(Random r) {
    int depth = chainDepth(r);
    boolean twice = r.nextInt(6) == 0;
    switch (r.nextInt(3)) {
      case 0 -> append(NIX_CONF, "builders = @/etc/nix/fm1");
      case 1 -> append(DOTFILE, "builders = @/etc/nix/fm1 ; " + machineLine(r));
      default -> put("hercules-ci-agent.toml", "[nixSettings]\nbuilders = \"@/etc/nix/fm1\"\n");
    }
    for (int i = 1; i <= depth; i++) {
      String next = i == depth ? (valid(r) ? machineLine(r) : "@/etc/nix/fm" + (1 + r.nextInt(i))) : "@/etc/nix/fm" + (i + 1);
      put("agent/etc/nix/fm" + i, (r.nextInt(4) == 0 ? machineLine(r) + "\n" : "") + next + (twice ? " ; " + next : "") + "\n");
    }
  }

  /** Mostly within the default limit of 16, else past it. */
  private static int chainDepth(Random r) {
    return valid(r) ? 1 + r.nextInt(16) : 17 + r.nextInt(24);
  }

  private static final List<String> TOKENS = List.of("a", "a-", "\\\"", "\\", " ", "1", "=", "@", ";", "#", "\"", "'",
      ".", ":", "[", "{", "é", "\u202e", "\t", ",", "ssh://", "a.", "\\u00e9", "-", "/");

  /** One long run of one token (or of random characters), somewhere a line is read. */
  private void hugeLine(Random r) {
    int length = List.of(2_000, 20_000, 200_000, 1_000_000).get(r.nextInt(4));
    String token = TOKENS.get(r.nextInt(TOKENS.size()));
    String huge = r.nextInt(5) == 0 ? randomText(r, length) : token.repeat(Math.max(1, length / token.length()));
    switch (r.nextInt(6)) {
      case 0 -> append(anyFile(r), huge);
      case 1 -> append(NIX_CONF, "builders = " + huge);
      case 2 -> put("hercules-ci-agent.toml", "[nixSettings]\nbuilders = \"" + huge + "\"\n");
      case 3 -> put(MACHINES, "ssh://b.example.com " + String.join(" ", fieldsWith(r, huge)) + "\n");
      case 4 -> put("hercules-ci-agent.json", "{\"nixSettings\": {\"builders\": \"" + huge + "\"}}");
      default -> append(NIX_CONF, huge + " = " + huge);
    }
  }

  private void randomUtf8(Random r) {
    String file = anyFile(r);
    List<String> lines = new ArrayList<>(List.of(text(file).split("\n", -1)));
    int at = r.nextInt(lines.size());
    if (r.nextBoolean()) {
      lines.set(at, lines.get(at) + randomText(r, 1 + r.nextInt(200)));
      put(file, String.join("\n", lines));
    } else { // bytes that are not UTF-8: overlong, a surrogate, a stray continuation, 0xFF
      byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xFF}};
      byte[] b = bad[r.nextInt(bad.length)];
      byte[] old = files.get(file);
      byte[] out = new byte[old.length + b.length];
      int pos = r.nextInt(old.length + 1);
      System.arraycopy(old, 0, out, 0, pos);
      System.arraycopy(b, 0, out, pos, b.length);
      System.arraycopy(old, pos, out, pos + b.length, old.length - pos);
      files.put(file, out);
    }
  }

  private static final List<String> TOML_KEYS = List.of("builders", "cores", "\"extra-substituters\"", "max-silent-time",
      "substituters", "\"sandbox\"");
  private static final List<List<String>> TOML_VALUES = List.of(List.of("\"ssh://b.example.com x86_64-linux\"",
      "'literal'", "\"\"", "\"a\\tb\"", "\"x\" # comment", "\"\\u00e9\\U0001F600\"", "\"a\\\\\""),
      List.of("\"bad \\x escape\"", "\"\\uD800\"", "\"\\U00110000\"", "\"\\UFFFFFFFF\"", "\"unterminated", "1", "true",
          "[1, 2]", "\"\"\"multi", "'''multi'''", "\"\\\\\\\"\"", "\"a\\nb\""));

  /** A [nixSettings] table of settings, valid or not, among other tables, dotted keys and nesting. */
  private void randomToml(Random r) {
    List<String> lines = new ArrayList<>(List.of("[nixSettings]"));
    for (int i = r.nextInt(TOML_KEYS.size()); i >= 0; i--) {
      String key = TOML_KEYS.get(i);
      if (valid(r)) {
        lines.add(key + " = " + pick(r, TOML_VALUES, false));
        continue;
      }
      String anyKey = List.of(key, "--store", "a.b", "\"q\\\"k\"", "nixSettings", "nixSettings.builders",
          "\"nixSettings\".cores", "x y", "").get(r.nextInt(9));
      lines.add(r.nextInt(lines.size() + 1), switch (r.nextInt(3)) {
        case 0 -> List.of("[nixSettings]", "[ nixSettings ]", "[\"nixSettings\"]", "[a.b.\"c\"]", "[[x]]", "[", "[nixSettings.x]")
            .get(r.nextInt(7));
        case 1 -> anyKey + " = " + nestedInline(r, r.nextInt(2_000));
        default -> anyKey + " = " + pick(r, TOML_VALUES, r.nextBoolean());
      });
    }
    files.remove("hercules-ci-agent.json");
    put("hercules-ci-agent.toml", String.join("\n", lines));
  }

  private static String nestedInline(Random r, int depth) {
    return r.nextBoolean() ? "{ a = ".repeat(depth) + "\"x\"" + " }".repeat(depth) : "[".repeat(depth) + "]".repeat(depth);
  }

  private void randomJson(Random r) {
    StringBuilder settings = new StringBuilder();
    for (int i = r.nextInt(3); i > 0; i--) {
      if (settings.length() > 0) settings.append(", ");
      settings.append(valid(r) ? "\"builders\"" : List.of("\"max-jobs\"", "\"--x\"", "\"\\u0000\"", "\"a\\nb\"").get(r.nextInt(4)))
          .append(": ")
          .append(valid(r) ? "\"ssh://b.example.com x86_64-linux\"" : List.of("1", "null", "\"\\uD800\"", "{\"a\": [1]}",
              "\"a\\u202eb\"", "[".repeat(r.nextInt(200)), "\"x\"").get(r.nextInt(7)));
    }
    int depth = valid(r) ? r.nextInt(63) : List.of(63, 64, 1_000, 100_000).get(r.nextInt(4));
    String json = "{\"labels\": " + "[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : 0) + ",\n\"nixSettings\": {"
        + settings + "}" + (r.nextInt(10) == 0 ? "" : "}");
    files.remove("hercules-ci-agent.toml");
    put("hercules-ci-agent.json", json);
  }

  // Each field's values that lint takes, then ones it does not: a line is mostly valid, so that farms get through.
  private static final List<List<String>> HOSTS = List.of(List.of("b.example.com", "B.EXAMPLE.COM", "10.0.0.7",
      "xn--bcher-kva.example", "[::1]"), List.of("agent", "Client", "localhost", "a_b", "-x", "x-", "[::zz]", "$(id)",
      "a..b", "", "é.example.com"));
  private static final List<List<String>> URIS = List.of(List.of("ssh://%s", "ssh-ng://nix@%s", "%s", "nix@%s:22",
      "ssh://%s?ssh-key=/root/.ssh/id&compress=true"), List.of("ssh://%s:0", "ssh://%s?remote-program=$(id)", "http://%s",
      "daemon", "local", "auto?x=1", "?x", "%s/path", "/mnt/store", "ssh://-oProxyCommand=x@%s", "SSH://%s", "ssh://user@@%s"));
  private static final List<List<String>> SYSTEMS = List.of(List.of("x86_64-linux", "aarch64-linux",
      "aarch64-darwin,x86_64-linux", "-", "a-b-c"), List.of("x86_64", "$(id)", ",", "i686-linux,,armv7l-linux"));
  private static final List<List<String>> KEYS = List.of(List.of("-", "/etc/nix/id_builder", "/root/.ssh/id_b",
      "/var/lib/hercules-ci-agent/.ssh/id"), List.of("/etc/ld.so.preload", "/etc/sudoers.d/x", "/root/.ssh/authorized_keys",
      "/root/.ssh/../../etc/x", "id", "/etc/nix//nix.conf", "/root/.ssh/./config"));
  private static final List<List<String>> MAX_JOBS = List.of(List.of("-", "1", "0", "4"),
      List.of("-1", ".", "1.5", "99999999999", "1e3", "0x10", "1d"));
  private static final List<List<String>> SPEED_FACTORS = List.of(List.of("-", "1", "1.5"),
      List.of("-1", ".", "1e3", "0x10", "1d"));
  private static final List<List<String>> FEATURES = List.of(List.of("-", "kvm", "big-parallel,kvm", "benchmark,nixos-test"),
      List.of("a'b", ","));
  private static final List<List<String>> HOST_KEYS = List.of(List.of("-", Farm.HOST_KEY),
      List.of("c3NoLWVkMjU1MTk=", "not*base64", "AAAA=$(id)", "="));

  /** A value lint takes, or (when {@code wrong}) one it does not. */
  private static String pick(Random r, List<List<String>> values, boolean wrong) {
    List<String> from = values.get(wrong ? 1 : 0);
    return from.get(r.nextInt(from.size()));
  }

  private static String machineLine(Random r) {
    return String.join(" ", fieldsWith(r, null)).strip();
  }

  /** Seven times in ten true: most of what is generated is valid, so that farms get through lint to their plan. */
  private static boolean valid(Random r) {
    return r.nextInt(10) < 7;
  }

  /** A store URI and up to seven more fields of a machines line; {@code huge}, if given, is one of them. */
  private static List<String> fieldsWith(Random r, String huge) {
    int wrong = valid(r) ? -1 : r.nextInt(9); // the one field that is not valid, if any
    List<String> f = new ArrayList<>();
    f.add(pick(r, URIS, wrong == 0).replace("%s", pick(r, HOSTS, wrong == 8)));
    f.add(pick(r, SYSTEMS, wrong == 1));
    f.add(pick(r, KEYS, wrong == 2));
    f.add(pick(r, MAX_JOBS, wrong == 3));
    f.add(pick(r, SPEED_FACTORS, wrong == 4));
    f.add(pick(r, FEATURES, wrong == 5));
    f.add(pick(r, FEATURES, wrong == 6));
    f.add(pick(r, HOST_KEYS, wrong == 7));
    List<String> out = new ArrayList<>(f.subList(0, 1 + r.nextInt(f.size())));
    if (huge != null) out.set(r.nextInt(out.size()), huge);
    if (r.nextInt(20) == 0) out.add("extra");
    return out;
  }

  private void randomMachines(Random r) {
    String file = r.nextBoolean() ? MACHINES : "agent/var/lib/hercules-ci-agent/.config/nix/machines";
    StringBuilder text = new StringBuilder();
    for (int i = 1 + r.nextInt(valid(r) ? 3 : 20); i > 0; i--) {
      text.append(machineLine(r)).append(List.of("\n", "\n", " ; ", " # c\n", "\r\n").get(r.nextInt(5)));
    }
    if (r.nextBoolean()) append(file, text.toString());
    else put(file, text.toString());
  }

  private void randomNixConf(Random r) {
    String file = r.nextBoolean() ? NIX_CONF : DOTFILE;
    for (int i = 1 + r.nextInt(5); i > 0; i--) {
      append(file, pick(r, List.of(List.of("builders = " + machineLine(r), "builders =", "trusted-users = root hercules-ci-agent",
          "trusted-users = @wheel *", "extra-trusted-users = alice", "no-such-setting = 1", "extra-builders = x",
          "   # only a comment", "!include absent.conf"), List.of("max-jobs=4", "= x", "include", "!include",
          "include /etc/nix/../../../../etc/passwd", "builders = @machines", "a = b = c",
          "builders = @/etc/nix/machines ; @/etc/nix/machines")), !valid(r)));
    }
    if (r.nextInt(5) == 0) put("agent/etc/passwd", "hercules-ci-agent:x:998:997::/var/lib/hercules-ci-agent:/bin/sh\n");
    if (r.nextInt(5) == 0) put("agent/etc/group", "wheel:x:997:alice,hercules-ci-agent\n:::\n");
  }

  private void builderDirectories(Random r) {
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      String host = pick(r, List.of(List.of("b.example.com", "aarch64-linux-1.example.com", "x:y", "%", "é", "#"),
          List.of("B.EXAMPLE.COM", "agent", "CLIENT")), !valid(r));
      put("builders/" + host + "/etc/nix/nix.conf", List.of("max-jobs = 1", "extra-platforms = aarch64-linux",
          "include other.conf", "builders = ssh://x y", "bad line").get(r.nextInt(5)) + "\n");
    }
  }

  private void oddFileNames(Random r) {
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      String name = List.of("prod:gate.feature", "a b.feature", "%41.feature", "#x.feature", "new\nline.feature",
          "agent/etc/nix/ma:chines", "agent/usr/local/bin/nix-build", "agent/etc/nix/nix.conf.d/x", "agent/root/.ssh/config",
          "agent/etc/ssh/ssh_config.d/x.conf", "::error::x.feature", "agent/tmp/x", "builders/x/etc/other")
          .get(r.nextInt(13));
      put(name, r.nextBoolean() ? "Feature: x\n  Scenario: y\n    Given the farm under check\n" : "max-jobs = 1\n");
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  private String anyFile(Random r) {
    List<String> names = new ArrayList<>(files.keySet());
    return names.get(r.nextInt(names.size()));
  }

  private String text(String file) {
    return new String(files.getOrDefault(file, new byte[0]), StandardCharsets.UTF_8);
  }

  private void put(String file, String text) {
    files.put(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private void append(String file, String line) {
    String old = text(file);
    put(file, old + (old.isEmpty() || old.endsWith("\n") ? "" : "\n") + line + "\n");
  }

  /** Any code points: controls, format characters, surrogates' neighbours, private use, astral, U+FFFD. */
  private static String randomText(Random r, int length) {
    StringBuilder s = new StringBuilder(length);
    int[] ranges = {0x00, 0x20, 0x20, 0x7f, 0x7f, 0xa0, 0x200b, 0x2030, 0xfff0, 0x10000, 0xe000, 0xf900, 0x1f600, 0x1f650,
        0x10fff0, 0x110000};
    while (s.length() < length) {
      int i = 2 * r.nextInt(ranges.length / 2);
      s.appendCodePoint(ranges[i] + r.nextInt(ranges[i + 1] - ranges[i]));
    }
    return s.toString();
  }
}
