package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.FarmSecret;
import dev.dispatchcheck.dispatch.layout.FarmSecret.Kind;
import dev.dispatchcheck.dispatch.layout.HarnessHosts;
import dev.dispatchcheck.dispatch.layout.SshIdentities;
import dev.dispatchcheck.driver.host.CommandResult;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.FarmUnderCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Throwaways of the secrets a farm names and does not hold ({@link FarmSecret}), on the
 * stand-ins: an empty file for an include (before the daemon starts, as Nix stops at a
 * missing one), a signing key made by Nix itself, and an SSH key wherever root's ssh offers
 * the farm's IdentityFile to a stand-in, authorized there. Nothing a host already has is
 * replaced. Every path was checked by lint ({@code SecretPaths}) and reaches a shell quoted.
 */
final class SecretStandIns {
  /** The name throwaway signing keys sign under (a signature's key name decides nothing here). */
  static final String SIGNING_KEY_NAME = "dispatchcheck-throwaway-1";

  private SecretStandIns() {}

  /** The stand-in host a secret is on, if it has one: the agent, or the builder whose directory names it. */
  static Optional<String> hostOf(FarmSecret s, FarmPlan plan) {
    return s.onAgent() ? Optional.of(HarnessHosts.AGENT) : plan.standIn(s.host()).map(FarmPlan.StandIn::host);
  }

  /** The empty includes {@code host} gets with its files. */
  static Map<String, String> files(FarmUnderCheck underCheck, String host) {
    Map<String, String> files = new LinkedHashMap<>();
    for (FarmSecret s : underCheck.standIns().secrets(Kind.INCLUDE)) {
      if (hostOf(s, underCheck.plan()).filter(host::equalsIgnoreCase).isPresent()) files.put(s.path(), "");
    }
    return files;
  }

  /** What the map's notes say of the secrets of hosts that have a stand-in, and of the caches. */
  static List<String> notes(FarmUnderCheck underCheck) {
    List<String> notes = new ArrayList<>();
    underCheck.standIns().caches().forEach(c -> notes.add(c.note()));
    for (FarmSecret s : underCheck.standIns().secrets()) {
      if (s.kind() != Kind.SSH_IDENTITY && hostOf(s, underCheck.plan()).isPresent()) notes.add(s.note());
    }
    return notes;
  }

  /** Makes the signing keys and the SSH keys, once the hosts are up and hold the farm's files. */
  static void make(Farm farm, FarmUnderCheck underCheck, List<String> notes) {
    for (FarmSecret s : underCheck.standIns().secrets(Kind.SIGNING_KEY)) {
      Optional<String> host = hostOf(s, underCheck.plan());
      if (host.isEmpty()) continue;
      farm.host(host.get()).shellOrFail("root", "set -e; k=" + Shell.quote(s.path()) + "; if [ ! -e \"$k\" ]; then"
          + " mkdir -p \"$(dirname \"$k\")\"; t=$(mktemp -d); nix-store --generate-binary-cache-key " + SIGNING_KEY_NAME
          + " \"$k\" \"$t/pub\"; rm -rf \"$t\"; chmod 600 \"$k\"; fi");
    }
    List<FarmSecret> identities = underCheck.standIns().secrets(Kind.SSH_IDENTITY);
    if (identities.isEmpty()) return;
    NixHost agent = farm.agent().host();
    List<FarmSecret> unoffered = new ArrayList<>(identities);
    Set<String> made = new HashSet<>();
    for (FarmPlan.StandIn s : underCheck.plan().standIns()) {
      Map<FarmSecret, String> offered = new LinkedHashMap<>();
      for (String user : s.sshUsers()) {
        CommandResult g = agent.exec(List.of("ssh", "-G", user + "@" + s.host()));
        if (g.exitCode() == 0) SshIdentities.offered(g.stdout(), s.host(), identities).forEach(offered::putIfAbsent);
      }
      offered.forEach((id, path) -> notes.add(id.where() + (path.equals(id.path()) ? "" : " (" + path + ")")
          + authorize(agent, farm.host(s.host()), path, s.sshUsers(), s.host(), made)));
      unoffered.removeAll(offered.keySet());
    }
    unoffered.forEach(id -> notes.add(id.note()));
  }

  /**
   * Makes a key at {@code keyFile} on the agent host unless one is there (adding it to
   * {@code made}), and authorizes its public half for {@code users} on {@code builder}; says
   * what it did, for a note.
   */
  static String authorize(NixHost agent, NixHost builder, String keyFile, List<String> users, String host,
      Set<String> made) {
    String k = Shell.quote(keyFile);
    String now = agent.shellOrFail("root", "set -e; k=" + k + "; if [ -e \"$k\" ]; then echo held; else mkdir -p"
        + " \"$(dirname \"$k\")\"; ssh-keygen -q -t ed25519 -N '' -C dispatchcheck-stand-in -f \"$k\"; echo made; fi").strip();
    String pub = agent.shellOrFail("root", "k=" + k + "; [ -f \"$k.pub\" ] && cat \"$k.pub\"; true").strip();
    if (pub.isEmpty()) return ": on the agent host, without its .pub, so it is authorized on no stand-in";
    for (String user : users) {
      builder.shellOrFail("root", "set -e; u=" + Shell.quote(user) + "; h=$(getent passwd \"$u\" | cut -d: -f6);"
          + " mkdir -p \"$h/.ssh\"; printf '%s\\n' " + Shell.quote(pub) + " >> \"$h/.ssh/authorized_keys\";"
          + " chown -R \"$u:\" \"$h/.ssh\"");
    }
    String what = made.contains(keyFile) ? ": the throwaway key made above"
        : now.endsWith("made") ? ": a throwaway key made by the harness (the real one is a secret and not in the farm)"
        : ": the key the agent host holds";
    if (now.endsWith("made")) made.add(keyFile);
    return what + ", authorized on " + host + " for " + String.join(", ", users);
  }
}
