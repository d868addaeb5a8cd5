package dev.dispatchcheck.dispatch.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An operator's farm directory, read into memory:
 *
 * <pre>
 * farm/
 *   agent/...                              the agent host's files at their deployed paths
 *   agent/etc/nix/nix.conf                 (required)
 *   builders/HOST/etc/nix/nix.conf         a builder's own nix.conf (optional)
 *   bastions/HOST/root/.ssh/authorized_keys        a jump host's keys for its login user (optional);
 *   bastions/HOST/home/USER/.ssh/authorized_keys   see {@link BastionLogins}
 *   hercules-ci-agent.json or .toml        the agent's configuration, for its nixSettings (optional)
 *   *.feature                              expectations (optional)
 * </pre>
 *
 * @param agentFiles deployed absolute path (e.g. {@code /etc/nix/nix.conf}) to content, sorted by path
 * @param builderNixConfs builder host name, as its directory is named, to its nix.conf
 * @param features the {@code *.feature} files at the top of the farm directory, sorted
 * @param agentConfig the agent's configuration file at the top of the farm directory, if any
 * @param bastionKeys a jump host's authorized_keys by farm path ({@code bastions/HOST/root/.ssh/authorized_keys})
 */
public record FarmLayout(
    Path dir, Map<String, String> agentFiles, Map<String, String> builderNixConfs, List<Path> features,
    Optional<AgentConfig> agentConfig, Map<String, String> bastionKeys) {

  public static final String SYSTEM_NIX_CONF = "/etc/nix/nix.conf";
  public static final String SYSTEM_MACHINES = "/etc/nix/machines";

  public FarmLayout {
    agentFiles = Collections.unmodifiableMap(new TreeMap<>(agentFiles));
    builderNixConfs = Collections.unmodifiableMap(new TreeMap<>(builderNixConfs));
    features = features.stream().sorted().toList();
    bastionKeys = Collections.unmodifiableMap(new TreeMap<>(bastionKeys));
  }

  /** A farm that says nothing of its jump hosts. */
  public FarmLayout(Path dir, Map<String, String> agentFiles, Map<String, String> builderNixConfs, List<Path> features,
      Optional<AgentConfig> agentConfig) {
    this(dir, agentFiles, builderNixConfs, features, agentConfig, Map.of());
  }

  /**
   * Reads the farm without trusting it ({@link FarmFiles}): a link, a special file or a file
   * too large to read is refused, before any content is read, with a FarmInputException
   * naming the file.
   */
  public static FarmLayout read(Path dir) {
    if (!Files.isDirectory(dir)) throw new FarmInputException(dir + ": no such farm directory");
    FarmFiles files = FarmFiles.list(dir);
    if (!files.has(farmPathOfAgentFile(SYSTEM_NIX_CONF))) {
      throw new FarmInputException(dir.resolve(farmPathOfAgentFile(SYSTEM_NIX_CONF))
          + ": missing; the agent host's nix.conf is required");
    }
    return new FarmLayout(dir, agentFiles(files), builderNixConfs(files), features(dir, files), agentConfig(dir, files),
        bastionKeys(files));
  }

  /**
   * The content of an agent host file, by its deployed absolute path as Nix would open it
   * ({@code /etc/nix/../nix/machines} is {@code /etc/nix/machines}); empty when the farm has
   * none. Only the files read from the farm can be found: a path from a farm's file never
   * reaches the disk, so an include cannot lead out of the farm.
   */
  public Optional<String> agentFile(String absolutePath) {
    return Optional.ofNullable(agentFiles.get(normalize(absolutePath)));
  }

  /**
   * {@code .} and {@code ..} resolved as the kernel does ({@code /..} is {@code /}), on the
   * string: a path from a farm's file may hold anything, a NUL included, which Path refuses.
   * A relative path is returned as it is.
   */
  static String normalize(String path) {
    if (!path.startsWith("/")) return path;
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        if (!parts.isEmpty()) parts.remove(parts.size() - 1);
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
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

  private static Map<String, String> agentFiles(FarmFiles files) {
    Map<String, String> agent = new TreeMap<>();
    for (String file : files.under("agent")) agent.put(file.substring("agent".length()), files.read(file));
    return agent;
  }

  /** builders/HOST/etc/nix/nix.conf, by HOST; other files under builders/ are not read. */
  private static Map<String, String> builderNixConfs(FarmFiles files) {
    Map<String, String> confs = new TreeMap<>();
    for (String file : files.under("builders")) {
      String[] parts = file.split("/", 3); // builders, HOST, the rest
      if (parts.length == 3 && file.equals(farmPathOfBuilderNixConf(parts[1]))) confs.put(parts[1], files.read(file));
    }
    return confs;
  }

  /** bastions/HOST/root/.ssh/authorized_keys and bastions/HOST/home/USER/.ssh/authorized_keys; nothing else there is read. */
  private static Map<String, String> bastionKeys(FarmFiles files) {
    Map<String, String> keys = new TreeMap<>();
    for (String file : files.under("bastions")) {
      if (BastionLogins.AUTHORIZED_KEYS.matcher(file).matches()) keys.put(file, files.read(file));
    }
    return keys;
  }

  /** hercules-ci-agent.json or hercules-ci-agent.toml, not both. */
  private static Optional<AgentConfig> agentConfig(Path dir, FarmFiles files) {
    List<String> found = files.atTop().stream().filter(f -> f.equals(AgentConfig.JSON) || f.equals(AgentConfig.TOML)).toList();
    if (found.size() > 1) {
      throw new FarmInputException(dir.resolve(AgentConfig.TOML) + ": the farm holds " + AgentConfig.JSON + " too; "
          + "keep the one agent configuration file the agent's --config names");
    }
    return found.stream().findFirst().map(f -> AgentConfig.read(f, files.read(f)));
  }

  /** The agent's nixSettings, from its configuration file; none without one. */
  public dev.dispatchcheck.dispatch.config.NixSettings nixSettings() {
    return agentConfig.map(AgentConfig::nixSettings).orElse(dev.dispatchcheck.dispatch.config.NixSettings.none());
  }

  /** Cucumber reads them later; their size is checked now, with the rest. */
  private static List<Path> features(Path dir, FarmFiles files) {
    List<Path> features = new ArrayList<>();
    for (String file : files.atTop()) {
      if (!file.endsWith(".feature")) continue;
      files.requireReadable(file);
      features.add(dir.resolve(file));
    }
    return features;
  }
}
