package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.config.SshGCheck;
import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.evidence.SshdLog;
import dev.dispatchcheck.dispatch.layout.BastionLogins;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.KexAlgorithmsNamed;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.host.CommandResult;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.NixVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What root's ssh_config asks of the stand-ins: the builders stand under the host names it
 * makes the machines lines' names, listen on the ports it names, and the agent's ssh is
 * checked to read it as the model does ({@link SshGCheck}: {@code ssh -G} on the agent's
 * stand-in, over the files as deployed).
 */
final class SshStandIns {
  /** Read before the image's dispatchcheck.conf ('-' sorts before '.'), so that its values win. */
  private static final String STAND_IN_CONF = "/etc/ssh/sshd_config.d/dispatchcheck-stand-in.conf";
  static final String SSHD_LOG = "/var/log/sshd.log";
  /**
   * sshd's default key exchange list, the one the image's dispatchcheck.conf takes sntrup
   * out of: '+' adds to the defaults what they already hold, and this file is read first.
   */
  private static final String ALL_DEFAULT_KEX = "KexAlgorithms +sntrup761x25519-sha512@openssh.com\n";
  /** Root's key on the agent host: the harness's, which stands for root's own key in production. */
  private static final String ROOT_KEY = "/root/.ssh/id_ed25519";

  private SshStandIns() {}

  /** What the plan's routes mean for the map, a note each: an alias, a user or a port ssh_config gives. */
  static List<String> notes(FarmPlan plan) {
    List<String> notes = new ArrayList<>();
    plan.routes().values().stream().filter(r -> r.isAlias() || !r.via().isEmpty()).forEach(r -> notes.add(
        "root's ssh_config: " + r.name() + (r.isAlias() ? " is " + r.host() : "") + " (user " + r.user() + ", port "
            + r.port() + ")" + (r.via().isEmpty() ? "" : (r.isAlias() ? "," : " is") + " reached via "
            + String.join(" and ", r.viaHosts())) + (r.isAlias() ? "; the stand-in answers to " + r.host()
            + ", and the map names both" : "")));
    return notes;
  }

  /** A stand-in for each jump host: its sshd only, on both networks, its login users made. */
  static List<HostSpec> bastions(FarmPlan plan, NixVersion nix, List<String> notes) {
    List<HostSpec> hosts = new ArrayList<>();
    for (FarmPlan.Bastion b : plan.bastions()) {
      hosts.add(HostSpec.bastion(b.host(), nix, b.sshUsers().stream().filter(u -> !u.equals("root")).toList()));
      List<String> behind = plan.routes().values().stream().filter(r -> r.viaHosts().contains(b.host()))
          .map(SshRoute::host).distinct().sorted().toList();
      notes.add(b.host() + ": a stand-in bastion (sshd only) that root's ssh logs in to as " + String.join(", ", b.sshUsers())
          + " and that opens the connections onward to " + String.join(", ", behind) + " (ssh -W); a builder ssh reaches"
          + " only through it is on a network of its own with the bastion, which the agent host is not on");
    }
    return hosts;
  }

  /**
   * Root's own key made whole again (a farm may deploy its public half), the routes' ports
   * listened on, the bastions' logins authorized, then each route checked against ssh -G; a
   * disagreement stops the check. {@code kexNamed}: where the farm's ssh_config names
   * KexAlgorithms, if it does ({@link KexAlgorithmsNamed}); the stand-ins then offer sshd's
   * whole default list, sntrup761x25519 included, which the image leaves out.
   */
  static void prepare(Farm farm, FarmPlan plan, Optional<String> kexNamed, List<String> notes) {
    NixHost agent = farm.agent().host();
    agent.shellOrFail("root", "ssh-keygen -y -f " + ROOT_KEY + " > " + ROOT_KEY + ".pub");
    String kex = kexNamed.isPresent() ? ALL_DEFAULT_KEX : "";
    kexNamed.ifPresent(line -> notes.add(line + ": the farm chooses ssh's key exchange, so every stand-in's sshd"
        + " offers its whole default list (dispatchcheck's stand-ins otherwise leave sntrup761x25519 out, for speed)"));
    for (FarmPlan.StandIn s : plan.standIns()) listen(farm.host(s.host()), s.ports(), kex, notes);
    for (FarmPlan.Bastion b : plan.bastions()) {
      NixHost bastion = farm.host(b.host());
      // Each connection it opens onward is logged at DEBUG1 only (server_request_direct_tcpip): the passage's evidence.
      listen(bastion, b.ports(), kex + "LogLevel DEBUG1\n", notes);
      for (BastionLogins.Login l : b.logins()) authorize(agent, bastion, l, notes);
    }
    checkAgainstSshG(agent, plan, notes);
  }

  /**
   * The keys ssh offers the bastion, made on the agent host where they are throwaways, and
   * the accepted ones alone authorized for the login: the bastion's authorized_keys holds
   * nothing else (the mesh's keys included), so that a refused key is refused.
   */
  private static void authorize(NixHost agent, NixHost bastion, BastionLogins.Login l, List<String> notes) {
    StringBuilder authorized = new StringBuilder();
    for (String identity : l.offered()) {
      String pub = identity.equals(ROOT_KEY) ? agent.shellOrFail("root", "cat " + ROOT_KEY + ".pub").strip()
          : throwawayKey(agent, identity);
      if (l.accepted().contains(identity)) authorized.append(pub).append('\n');
    }
    bastion.shellOrFail("root", "set -e; h=$(getent passwd " + Shell.quote(l.user()) + " | cut -d: -f6); mkdir -p \"$h/.ssh\";"
        + " printf '%s' " + Shell.quote(authorized.toString()) + " > \"$h/.ssh/authorized_keys\"; chown -R "
        + Shell.quote(l.user() + ":") + " \"$h/.ssh\"");
    notes.add(l.note());
  }

  /**
   * The evidence that builds passed through the bastions, from the sshd logs: the logins
   * each bastion let in or refused and the connections it opened onward, and where each
   * builder behind it was logged in from (by the addresses of the farm's hosts).
   */
  static List<String> passage(Farm farm, FarmPlan plan) {
    if (plan.bastions().isEmpty()) return List.of();
    Map<String, String> hostOfAddress = new HashMap<>();
    for (NixHost h : farm.hosts()) {
      for (String a : h.shellOrFail("root", "hostname -I").strip().split("\\s+")) hostOfAddress.put(a, h.name());
    }
    List<String> notes = new ArrayList<>();
    Set<String> behind = new TreeSet<>();
    for (FarmPlan.Bastion b : plan.bastions()) {
      String log = farm.host(b.host()).readFile(SSHD_LOG).orElse("");
      Map<String, Integer> onward = SshdLog.onward(log);
      notes.add(b.host() + "'s sshd log: " + logins(log, hostOfAddress) + "; it opened "
          + (onward.isEmpty() ? "no connection onward" : "connections onward to " + counted(onward))
          + " (server_request_direct_tcpip, at LogLevel DEBUG1)");
      plan.routes().values().stream().filter(r -> r.viaHosts().contains(b.host())).forEach(r -> behind.add(r.host()));
    }
    for (String h : behind) {
      notes.add(h + "'s sshd log: " + logins(farm.host(h).readFile(SSHD_LOG).orElse(""), hostOfAddress));
    }
    return notes;
  }

  private static String logins(String log, Map<String, String> hostOfAddress) {
    Map<String, Integer> in = SshdLog.accepted(log, a -> hostOfAddress.getOrDefault(a, a));
    Map<String, Integer> refused = SshdLog.refused(log, a -> hostOfAddress.getOrDefault(a, a));
    return (in.isEmpty() ? "no login" : "logins as " + counted(in))
        + (refused.isEmpty() ? "" : ", refused logins as " + counted(refused));
  }

  static String counted(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** A fresh key at {@code path} on the agent host, unless the farm put a private key there; its public half. */
  static String throwawayKey(NixHost agent, String path) {
    return agent.shellOrFail("root", "set -e; k=" + Shell.quote(path) + "; mkdir -p \"$(dirname \"$k\")\"; [ -f \"$k\" ]"
        + " || ssh-keygen -q -t ed25519 -N '' -C dispatchcheck-stand-in -f \"$k\"; cat \"$k.pub\"").strip();
  }

  /**
   * sshd listens on 22 and on each other port a route names, with {@code settings} before
   * the image's own (sshd takes the first value; the pristine sshd_config.d is restored at
   * reset).
   */
  static void listen(NixHost host, List<Integer> ports, String settings, List<String> notes) {
    List<Integer> others = ports.stream().filter(p -> p != 22).toList();
    if (others.isEmpty() && settings.isEmpty()) return;
    String conf = settings + (others.isEmpty() ? "" : "Port 22\n" + others.stream().map(p -> "Port " + p + "\n")
        .collect(Collectors.joining()));
    host.writeFile(STAND_IN_CONF, conf, "root");
    StringBuilder wait = new StringBuilder("kill -HUP \"$(cat /run/sshd.pid)\"; i=0; for p in");
    others.forEach(p -> wait.append(' ').append(String.format("%04X", p)));
    wait.append("; do until grep -q \":$p 00000000:0000 0A\\|:$p 00000000000000000000000000000000:0000 0A\""
        + " /proc/net/tcp /proc/net/tcp6 2>/dev/null; do i=$((i + 1)); [ $i -gt 250 ] && exit 1; sleep 0.02; done; done");
    host.shellOrFail("root", wait.toString());
    if (!others.isEmpty()) notes.add(host.name() + ": its sshd listens on port " + others.stream().map(String::valueOf)
        .collect(Collectors.joining(", ")) + " too, as root's ssh_config has ssh connect there");
  }

  /**
   * ssh -G for each route and jump host, as root on the agent host: where it disagrees with
   * the model, the stand-ins stand for another farm, and no map can be drawn (a harness
   * error, exit 3, naming each difference).
   */
  private static void checkAgainstSshG(NixHost agent, FarmPlan plan, List<String> notes) {
    Set<SshGCheck> checks = new LinkedHashSet<>();
    plan.routes().values().forEach(r -> checks.addAll(SshGCheck.of(r)));
    List<String> agreed = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (SshGCheck c : checks) {
      String cmd = c.command().stream().map(Shell::quote).collect(Collectors.joining(" "));
      CommandResult r = agent.shell("root", cmd + " </dev/null");
      List<String> diff = c.differences(r.exitCode(), r.stdout(), r.stderr());
      if (diff.isEmpty()) agreed.add(c.agreement());
      else differences.add(c.destination() + ": " + String.join("; ", diff));
    }
    if (!differences.isEmpty()) {
      throw new HarnessError("root's ssh_config as dispatchcheck reads it and as ssh -G on the agent host reads it"
          + " disagree, so the stand-ins would answer for another farm: " + String.join(" | ", differences));
    }
    if (!agreed.isEmpty() && plan.routes().values().stream().anyMatch(SshStandIns::configured)) {
      notes.add("ssh -G on the agent host reads root's ssh_config as dispatchcheck does: " + String.join("; ", agreed));
    }
  }

  /** Whether ssh_config changes anything of a route (else ssh -G only confirms the defaults). */
  private static boolean configured(SshRoute r) {
    return r.isAlias() || !r.via().isEmpty() || r.port() != 22 || !r.options().identityFiles().isEmpty()
        || r.options().user().filter(u -> !u.fromCommandLine()).isPresent();
  }
}
