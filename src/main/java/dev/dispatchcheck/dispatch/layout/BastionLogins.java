package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshRoute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a jump host lets in. For each bastion on the routes and each user root's ssh logs in
 * as there: the keys ssh offers it (the IdentityFiles root's ssh_config gives the jump host,
 * else root's own key; never the {@code -i} key Nix gives the first ssh, which the jump's ssh
 * does not get), and which of them it accepts.
 *
 * <p>No private key is in a farm, so a key is known by its public half: a farm may hold the
 * public halves of root's keys ({@code agent/root/.ssh/id_jump.pub}) and the bastion's
 * {@code authorized_keys} for the login user ({@code bastions/HOST/root/.ssh/authorized_keys},
 * {@code bastions/HOST/home/USER/.ssh/authorized_keys}, as deployed there). Then the bastion
 * accepts the keys whose public half is listed there, and refuses the rest, as it will in
 * production. A farm that holds no authorized_keys for a login is taken to be accepted with
 * each key offered. Either way the stand-in authorizes a throwaway key for each accepted one,
 * and nothing else.
 */
public final class BastionLogins {
  /** The farm paths a jump host's keys are read from. */
  static final Pattern AUTHORIZED_KEYS = Pattern.compile("bastions/[^/]+/(?:root|home/[^/]+)/\\.ssh/authorized_keys");
  /** The public halves that stand for root's own key, in the order ssh tries them. */
  private static final List<String> ROOT_DEFAULTS = List.of("id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk");

  private BastionLogins() {}

  /**
   * One login at a jump host.
   *
   * @param host the jump host, lowercased
   * @param user who ssh logs in as there
   * @param offered the identity files ssh offers it, absolute paths on the agent host
   * @param accepted those the bastion accepts: each gets a throwaway key authorized there
   * @param farmFile the authorized_keys the farm holds for this login, as a farm path
   * @param unknown offered keys whose public half the farm does not hold, where it holds authorized_keys
   */
  public record Login(String host, String user, List<String> offered, List<String> accepted, Optional<String> farmFile,
      List<String> unknown) {
    public Login {
      offered = List.copyOf(offered);
      accepted = List.copyOf(accepted);
      unknown = List.copyOf(unknown);
    }

    /** The home whose {@code .ssh/authorized_keys} ssh's login reads, on the stand-in. */
    public String home() {
      return user.equals("root") ? FarmUser.ROOT.home() : "/home/" + user;
    }

    /** What the map's notes say of it. */
    public String note() {
      String who = host + " (as " + user + ")";
      if (farmFile.isEmpty()) {
        return who + ": the farm holds no authorized_keys for this login, so the stand-in bastion is taken to accept the"
            + " keys ssh offers it: " + keys(accepted) + ", each a throwaway made on the agent host and authorized there";
      }
      if (accepted.isEmpty()) {
        return who + ": none of the keys ssh offers it (" + keys(offered) + ") is in " + farmFile.get() + ", so the stand-in"
            + " bastion refuses root's ssh, as the real one will: every build through it fails there";
      }
      return who + ": " + keys(accepted) + " " + (accepted.size() == 1 ? "is" : "are") + " in " + farmFile.get()
          + ", so a throwaway standing for " + (accepted.size() == 1 ? "it" : "each") + " is authorized on the stand-in bastion"
          + (offered.size() > accepted.size() ? "; the rest it refuses" : "");
    }

    private static String keys(List<String> files) {
      return files.isEmpty() ? "none" : String.join(", ", files);
    }
  }

  /** The logins the routes make at their jump hosts, each once, by host then user. */
  public static List<Login> of(FarmLayout layout, Collection<SshRoute> routes) {
    Map<String, Set<String>> offered = new LinkedHashMap<>(); // host + " " + user -> identity files
    for (SshRoute r : routes) {
      for (SshRoute hop : r.via()) offered.computeIfAbsent(hop.host() + " " + hop.user(), k -> new LinkedHashSet<>())
          .addAll(offered(hop));
    }
    List<Login> logins = new ArrayList<>();
    offered.keySet().stream().sorted().forEach(k -> {
      String[] hostUser = k.split(" ", 2);
      logins.add(login(layout, hostUser[0], hostUser[1], List.copyOf(offered.get(k))));
    });
    return logins;
  }

  /** What ssh offers a jump host: its IdentityFiles from ssh_config (those a key can stand in for), else root's own key. */
  static List<String> offered(SshRoute hop) {
    if (hop.options().identityFiles().isEmpty()) return List.of(SshLint.ROOT_KEY);
    return hop.identityFiles().stream().filter(f -> f.equals(SshLint.ROOT_KEY) || FarmPlan.throwawayPlace(f)).toList();
  }

  private static Login login(FarmLayout layout, String host, String user, List<String> offered) {
    Optional<Map.Entry<String, String>> file = layout.bastionKeys().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(farmPath(host, user))).findFirst();
    if (file.isEmpty()) return new Login(host, user, offered, offered, Optional.empty(), List.of());
    Set<String> listed = new LinkedHashSet<>();
    file.get().getValue().lines().forEach(l -> blob(l).ifPresent(listed::add));
    List<String> accepted = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String identity : offered) {
      Optional<String> pub = publicHalf(layout, identity).flatMap(BastionLogins::blob);
      if (pub.isEmpty()) unknown.add(identity);
      else if (listed.contains(pub.get())) accepted.add(identity);
    }
    return new Login(host, user, offered, accepted, Optional.of(file.get().getKey()), unknown);
  }

  /** Where a farm puts the login's authorized_keys. */
  static String farmPath(String host, String user) {
    return "bastions/" + host + (user.equals("root") ? FarmUser.ROOT.home() : "/home/" + user) + "/.ssh/authorized_keys";
  }

  /** The farm's public half of an identity: {@code PATH.pub}; for root's own key, any of root's default key names. */
  static Optional<String> publicHalf(FarmLayout layout, String identity) {
    if (!identity.equals(SshLint.ROOT_KEY)) return layout.agentFile(identity + ".pub");
    return ROOT_DEFAULTS.stream().map(n -> layout.agentFile(FarmUser.ROOT.home() + "/.ssh/" + n + ".pub"))
        .flatMap(Optional::stream).findFirst();
  }

  /** The base64 key of an authorized_keys or .pub line: the word after its key type, options before it aside. */
  static Optional<String> blob(String line) {
    String[] words = line.strip().split("\\s+");
    for (int i = 0; i + 1 < words.length; i++) {
      String w = words[i].toLowerCase(Locale.ROOT);
      if (w.startsWith("ssh-") || w.startsWith("ecdsa-") || w.startsWith("sk-")) return Optional.of(words[i + 1]);
    }
    return Optional.empty();
  }

  /** What lint says of the farm's jump hosts' keys, at the authorized_keys file. */
  static List<Finding> findings(FarmLayout layout, List<Login> logins) {
    List<Finding> out = new ArrayList<>();
    for (Login l : logins) {
      if (l.farmFile().isEmpty()) continue;
      String file = l.farmFile().get();
      for (String identity : l.unknown()) {
        out.add(new Finding(Severity.WARNING, file, 0, "the farm holds no public half of " + identity + " ("
            + FarmLayout.farmPathOfAgentFile(identity.equals(SshLint.ROOT_KEY) ? FarmUser.ROOT.home() + "/.ssh/id_*.pub"
                : identity + ".pub") + "), which ssh offers " + l.host() + ", so dispatchcheck cannot tell whether this"
            + " file lets it in: the stand-in bastion refuses it", ""));
      }
      if (l.accepted().isEmpty()) {
        out.add(new Finding(Severity.WARNING, file, 0, "none of the keys root's ssh offers " + l.host() + " as " + l.user()
            + " (" + String.join(", ", l.offered()) + ") is listed here: the bastion refuses root's ssh, and every build"
            + " through it fails there", ""));
      }
    }
    for (String file : layout.bastionKeys().keySet()) {
      if (logins.stream().noneMatch(l -> l.farmFile().filter(file::equals).isPresent())) {
        out.add(new Finding(Severity.WARNING, file, 0, "no route of root's ssh logs in to a jump host with this file"
            + " (its host and user are none of the bastions' logins), so it is not read", ""));
      }
    }
    return out;
  }
}
