package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.config.NixConf;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the files a live agent host runs differ from the farm's (drift): its nix.conf, its
 * machines file and the agent's dotfiles, each read on the host and set beside the farm's
 * file at that path. A nix.conf is compared setting by setting: every setting the farm's
 * file sets, and those that decide where builds go wherever they are set (so that what a
 * harness or a distribution adds elsewhere is not drift); a machines file line by line,
 * comments and blank lines aside. Each finding names both files; what the host says is escaped.
 */
public final class Drift {
  /** The files compared, by their path on the agent host. */
  public static final List<String> FILES = List.of(FarmLayout.SYSTEM_NIX_CONF, "/etc/nix/machines",
      FarmUser.AGENT.home() + "/.config/nix/nix.conf", FarmUser.AGENT.home() + "/.config/nix/machines");

  /** Settings that decide where a build goes, compared even where the farm's file leaves them out. */
  static final Set<String> DISPATCH_SETTINGS = Set.of("builders", "extra-builders", "trusted-users", "extra-trusted-users",
      "allowed-users", "max-jobs", "builders-use-substitutes", "system", "extra-platforms", "system-features",
      "extra-system-features");

  private Drift() {}

  /** Every difference between the farm's files and {@code live} (each of {@link #FILES}, empty where the host has none). */
  public static List<String> of(FarmLayout layout, Map<String, Optional<String>> live) {
    List<String> out = new ArrayList<>();
    for (String path : FILES) {
      Optional<String> farm = layout.agentFile(path);
      Optional<String> host = live.getOrDefault(path, Optional.empty());
      String farmPath = FarmLayout.farmPathOfAgentFile(path);
      if (farm.isEmpty() && host.isEmpty()) continue;
      if (farm.isEmpty()) {
        out.add(path + " is on the live host, and the farm has no " + farmPath);
      } else if (host.isEmpty()) {
        out.add(farmPath + " is not on the live host (" + path + " is missing)");
      } else if (path.endsWith("nix.conf")) {
        out.addAll(settings(path, farmPath, farm.get(), host.get()));
      } else {
        out.addAll(lines(path, farmPath, farm.get(), host.get()));
      }
    }
    return out;
  }

  private static List<String> settings(String path, String farmPath, String farmText, String hostText) {
    NixConf farm = NixConf.parse(farmText);
    NixConf host;
    try {
      host = NixConf.parse(hostText);
    } catch (IllegalArgumentException e) {
      return List.of(path + " on the live host cannot be read as a nix.conf: " + Printable.escape(e.getMessage()));
    }
    Set<String> names = new LinkedHashSet<>();
    farm.entries().forEach(e -> {
      if (e instanceof NixConf.Setting s) names.add(s.name());
    });
    host.entries().forEach(e -> {
      if (e instanceof NixConf.Setting s && DISPATCH_SETTINGS.contains(s.name())) names.add(s.name());
    });
    List<String> out = new ArrayList<>();
    for (String name : names) {
      Optional<String> f = farm.get(name).map(Drift::words);
      Optional<String> h = host.get(name).map(Drift::words);
      if (!f.equals(h)) {
        out.add(path + ": " + name + " is " + h.map(v -> "'" + Printable.escape(v) + "'").orElse("not set")
            + " on the live host, " + f.map(v -> "'" + v + "'").orElse("not set") + " in " + farmPath);
      }
    }
    return out;
  }

  private static List<String> lines(String path, String farmPath, String farmText, String hostText) {
    List<String> farm = meaningful(farmText);
    List<String> host = meaningful(hostText);
    if (farm.equals(host)) return List.of();
    List<String> out = new ArrayList<>();
    host.stream().filter(l -> !farm.contains(l))
        .forEach(l -> out.add(path + ": only on the live host: " + Printable.escape(l) + " (not in " + farmPath + ")"));
    farm.stream().filter(l -> !host.contains(l)).forEach(l -> out.add(path + ": only in " + farmPath + ": " + l));
    if (out.isEmpty()) out.add(path + ": the same lines as " + farmPath + ", in another order");
    return out;
  }

  private static List<String> meaningful(String text) {
    return text.lines().map(l -> l.replaceFirst("#.*", "")).map(Drift::words).filter(l -> !l.isEmpty()).toList();
  }

  private static String words(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
