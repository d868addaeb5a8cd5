package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.config.SshGCheck;
import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.host.CommandResult;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.ArrayList;
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
  private static final String PORTS_CONF = "/etc/ssh/sshd_config.d/dispatchcheck-ports.conf";

  private SshStandIns() {}

  /** What the plan's routes mean for the map, a note each: an alias, a user or a port ssh_config gives. */
  static List<String> notes(FarmPlan plan) {
    List<String> notes = new ArrayList<>();
    plan.routes().values().stream().filter(r -> r.isAlias() || !r.via().isEmpty()).forEach(r -> notes.add(
        "root's ssh_config: " + r.name() + " is " + r.host() + " (user " + r.user() + ", port " + r.port() + ")"
            + (r.via().isEmpty() ? "" : ", reached via " + String.join(" and ", r.viaHosts()))
            + "; the stand-in answers to " + r.host() + ", and the map names both"));
    return notes;
  }

  /** Listens on the routes' ports, then checks each route against ssh -G; a disagreement stops the check. */
  static void prepare(Farm farm, FarmPlan plan, List<String> notes) {
    for (FarmPlan.StandIn s : plan.standIns()) listen(farm.host(s.host()), s.ports(), notes);
    checkAgainstSshG(farm.agent().host(), plan, notes);
  }

  /** sshd listens on 22 and on each other port a route names (the pristine sshd_config.d is restored at reset). */
  static void listen(NixHost host, List<Integer> ports, List<String> notes) {
    List<Integer> others = ports.stream().filter(p -> p != 22).toList();
    if (others.isEmpty()) return;
    String conf = "Port 22\n" + others.stream().map(p -> "Port " + p + "\n").collect(Collectors.joining());
    host.writeFile(PORTS_CONF, conf, "root");
    StringBuilder wait = new StringBuilder("kill -HUP \"$(cat /run/sshd.pid)\"; i=0; for p in");
    others.forEach(p -> wait.append(' ').append(String.format("%04X", p)));
    wait.append("; do until grep -q \":$p 00000000:0000 0A\\|:$p 00000000000000000000000000000000:0000 0A\""
        + " /proc/net/tcp /proc/net/tcp6 2>/dev/null; do i=$((i + 1)); [ $i -gt 250 ] && exit 1; sleep 0.02; done; done");
    host.shellOrFail("root", wait.toString());
    notes.add(host.name() + ": its sshd listens on port " + others.stream().map(String::valueOf)
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
