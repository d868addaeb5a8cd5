package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.run.NixVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One host of a farm, as data: its host name (also its network alias, fully qualified
 * names included), its role, its Nix, and what it is given before its daemon starts.
 *
 * @param systems foreign systems a builder claims ({@code extra-platforms})
 * @param features system features a builder offers besides Nix's defaults
 * @param sshUsers users besides root that root's key may log in as (a machines line's {@code user@})
 * @param trustedUsers the builder daemon's trusted-users besides root
 * @param files further files by absolute path, written before the daemon starts
 */
public record HostSpec(String name, Role role, NixVersion nix, List<String> systems, Set<String> features,
    List<String> sshUsers, List<String> trustedUsers, Map<String, String> files) {

  /** A bastion is a jump host: only its sshd serves (its Nix, from the one image of every role, is never asked). */
  public enum Role { AGENT, BUILDER, CLIENT, BASTION }

  public HostSpec {
    name = name.toLowerCase();
    systems = List.copyOf(systems);
    features = Set.copyOf(features);
    sshUsers = List.copyOf(sshUsers);
    trustedUsers = List.copyOf(trustedUsers);
    files = new LinkedHashMap<>(files);
  }

  public static HostSpec agent(String name, NixVersion nix) {
    return new HostSpec(name, Role.AGENT, nix, List.of(), Set.of(), List.of(), List.of(), Map.of());
  }

  public static HostSpec builder(String name, NixVersion nix, List<String> systems) {
    return new HostSpec(name, Role.BUILDER, nix, systems, Set.of(), List.of(), List.of(), Map.of());
  }

  public static HostSpec bastion(String name, NixVersion nix, List<String> sshUsers) {
    return new HostSpec(name, Role.BASTION, nix, List.of(), Set.of(), sshUsers, List.of(), Map.of());
  }

  public static HostSpec client(String name, NixVersion nix) {
    return new HostSpec(name, Role.CLIENT, nix, List.of(), Set.of(), List.of(), List.of(), Map.of());
  }

  public HostSpec withSshUsers(List<String> users, boolean trusted) {
    return new HostSpec(name, role, nix, systems, features, users, trusted ? users : trustedUsers, files);
  }

  public HostSpec withFiles(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(files);
    all.putAll(more);
    return new HostSpec(name, role, nix, systems, features, sshUsers, trustedUsers, all);
  }

  /**
   * What Nix on this host needs to play its role: a builder claims its systems and
   * features, takes one job at a time (so that concurrent builds spread), and trusts its
   * SSH users if asked to.
   */
  public String roleNixConf() {
    if (role != Role.BUILDER) return "";
    StringBuilder sb = new StringBuilder("max-jobs = 1\n");
    if (!systems.isEmpty()) sb.append("extra-platforms = ").append(String.join(" ", systems)).append('\n');
    if (!features.isEmpty()) sb.append("extra-system-features = ").append(String.join(" ", features.stream().sorted().toList())).append('\n');
    if (!trustedUsers.isEmpty()) sb.append("extra-trusted-users = ").append(String.join(" ", trustedUsers)).append('\n');
    return sb.toString();
  }
}
