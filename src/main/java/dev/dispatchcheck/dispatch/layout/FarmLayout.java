package dev.dispatchcheck.dispatch.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An operator's farm directory, read into memory:
 *
 * <pre>
 * farm/
 *   agent/...                              the agent host's files at their deployed paths
 *   agent/etc/nix/nix.conf                 (required)
 *   builders/HOST/etc/nix/nix.conf         a builder's own nix.conf (optional)
 *   *.feature                              expectations (optional)
 * </pre>
 *
 * @param agentFiles deployed absolute path (e.g. {@code /etc/nix/nix.conf}) to content, sorted by path
 * @param builderNixConfs builder host name, as its directory is named, to its nix.conf
 * @param features the {@code *.feature} files at the top of the farm directory, sorted
 */
public record FarmLayout(
    Path dir, Map<String, String> agentFiles, Map<String, String> builderNixConfs, List<Path> features) {

  public static final String SYSTEM_NIX_CONF = "/etc/nix/nix.conf";
  public static final String SYSTEM_MACHINES = "/etc/nix/machines";

  public FarmLayout {
    agentFiles = Collections.unmodifiableMap(new TreeMap<>(agentFiles));
    builderNixConfs = Collections.unmodifiableMap(new TreeMap<>(builderNixConfs));
    features = features.stream().sorted().toList();
  }

  public static FarmLayout read(Path dir) {
    if (!Files.isDirectory(dir)) throw new FarmInputException(dir + ": no such farm directory");
    Path agent = dir.resolve("agent");
    Path systemConf = agent.resolve(SYSTEM_NIX_CONF.substring(1));
    if (!Files.isRegularFile(systemConf)) {
      throw new FarmInputException(systemConf + ": missing; the agent host's nix.conf is required");
    }
    return new FarmLayout(dir, agentFiles(agent), builderNixConfs(dir.resolve("builders")), features(dir));
  }

  /** The content of an agent host file, by its deployed absolute path; empty when the farm has none. */
  public Optional<String> agentFile(String absolutePath) {
    return Optional.ofNullable(agentFiles.get(absolutePath));
  }

  public String systemNixConf() {
    return agentFiles.get(SYSTEM_NIX_CONF);
  }

  /** Where an agent host file lives in the farm directory, as findings name it: {@code agent/etc/nix/machines}. */
  public static String farmPathOfAgentFile(String absolutePath) {
    return "agent" + (absolutePath.startsWith("/") ? "" : "/") + absolutePath;
  }

  /** Likewise for a builder's nix.conf, under the directory name the farm gives it. */
  public static String farmPathOfBuilderNixConf(String host) {
    return "builders/" + host + SYSTEM_NIX_CONF;
  }

  /** A builder's nix.conf by host name; machines files and directory names may differ in case. */
  public Optional<String> builderNixConf(String host) {
    return builderNixConfs.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(host)).map(Map.Entry::getValue).findFirst();
  }

  private static Map<String, String> agentFiles(Path agent) {
    Map<String, String> files = new TreeMap<>();
    for (Path file : regularFiles(agent)) {
      StringBuilder deployed = new StringBuilder();
      for (Path part : agent.relativize(file)) deployed.append('/').append(part);
      files.put(deployed.toString(), content(file));
    }
    return files;
  }

  private static Map<String, String> builderNixConfs(Path builders) {
    Map<String, String> confs = new TreeMap<>();
    if (!Files.isDirectory(builders)) return confs;
    for (Path host : list(builders)) {
      Path conf = host.resolve(SYSTEM_NIX_CONF.substring(1));
      if (Files.isRegularFile(conf)) confs.put(host.getFileName().toString(), content(conf));
    }
    return confs;
  }

  private static List<Path> features(Path dir) {
    return list(dir).stream()
        .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".feature"))
        .toList();
  }

  private static List<Path> regularFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new FarmInputException(root + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return new ArrayList<>(entries.sorted().toList());
    } catch (IOException e) {
      throw new FarmInputException(dir + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Lenient UTF-8: a stray binary file (a key, say) must not stop the read. */
  private static String content(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FarmInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
