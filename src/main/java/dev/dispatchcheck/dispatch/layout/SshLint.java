package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshHop;
import dev.dispatchcheck.dispatch.config.SshOptions;
import dev.dispatchcheck.dispatch.config.SshRoute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What lint says of the routes root's ssh_config gives the builders: values that cannot be
 * what they become on the stand-ins (a host name, a login, a port), what the model of
 * ssh_config does not evaluate, identity files no throwaway key can stand in for, and
 * routes on which ssh itself fails. Each finding is at the ssh_config line that sets the
 * value.
 */
final class SshLint {
  /** Root's own key on the agent host: the harness's, authorized on every stand-in. */
  static final String ROOT_KEY = FarmUser.ROOT.home() + "/.ssh/id_ed25519";
  private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

  private final List<Finding> findings = new ArrayList<>();

  private SshLint() {}

  /** The routes' findings, and those of the jump hosts' keys ({@link BastionLogins}). */
  static List<Finding> of(FarmLayout layout, FarmPlan plan) {
    List<Finding> out = new ArrayList<>(of(plan.routes().values()));
    out.addAll(BastionLogins.findings(layout, plan.bastions().stream().flatMap(b -> b.logins().stream()).toList()));
    return out;
  }

  static List<Finding> of(Collection<SshRoute> routes) {
    SshLint lint = new SshLint();
    for (SshRoute r : routes) {
      lint.route(r, "builder " + r.name(), Optional.empty());
      for (int i = 0; i < r.via().size(); i++) {
        // A jump host is named by the ProxyJump or ProxyCommand before it: there, unless its own HostName renames it.
        Optional<SshOptions.Value> namedBy = (i > 0 ? r.via().get(i - 1).options().proxy() : Optional.<SshOptions.Value>empty())
            .or(() -> r.options().proxy());
        lint.route(r.via().get(i), "jump host " + r.via().get(i).name(), namedBy);
      }
      r.failure().ifPresent(f -> lint.failure(r, f));
    }
    return lint.findings;
  }

  /**
   * A route's values where ssh_config sets them; {@code namedBy}, for a jump host, the proxy
   * line that names it, where its host, user and port are checked unless its own lines set them.
   */
  private void route(SshRoute r, String what, Optional<SshOptions.Value> namedBy) {
    SshOptions o = r.options();
    Optional<SshOptions.Value> hostName = o.hostName().filter(v -> !v.fromCommandLine());
    String named = hostName.isPresent() ? "HostName " + r.host() + " of " + what : what;
    hostName.or(() -> namedBy).ifPresent(v -> {
      List<String> errors = new ArrayList<>(MachineValues.sshRoute(r.host(), "root", "22", what));
      if (HarnessHosts.taken(r.host())) errors.add(HarnessHosts.takenBy(named));
      if (IPV4.matcher(r.host()).matches()) {
        errors.add(named + " is an IP address: the stand-ins answer to host names on the farm's own network, so"
            + " dispatchcheck cannot stand in for it; name the host in HostName");
      }
      errors.forEach(e -> error(v, e));
    });
    o.user().filter(v -> !v.fromCommandLine()).or(() -> namedBy).ifPresent(v ->
        MachineValues.sshRoute("h", r.user(), "22", what).forEach(e -> error(v, e)));
    o.port().filter(v -> !v.fromCommandLine()).or(() -> namedBy).ifPresent(v -> MachineValues.sshRoute("h", "root",
        o.port().map(SshOptions.Value::value).orElse("22"), what).forEach(e -> error(v, e)));
    o.proxy().filter(p -> p.keyword().equalsIgnoreCase("ProxyJump") && SshHop.proxyJump(p.value()).isEmpty())
        .ifPresent(p -> error(p, "ProxyJump " + p.value() + " of " + what + " is not a list of [user@]host[:port]"));
    for (SshOptions.Value v : o.unmodelled()) {
      warning(v, v.keyword() + (v.value().isEmpty() ? "" : " " + v.value()) + " is not modelled by dispatchcheck, which"
          + " takes the block as not applying; check compares its reading with ssh -G on the agent's"
          + " stand-in and stops (exit 3) where they differ");
    }
    for (SshOptions.Value v : r.unexpandedIdentityFiles()) {
      warning(v, "IdentityFile " + v.value() + " of " + what + " holds a token dispatchcheck does not expand (it expands"
          + " ~, %d, %u, %h, %r, %p, %n, %i and %%): no throwaway key stands in for it, so ssh offers root's others");
    }
    for (SshOptions.Value v : o.identityFiles()) {
      r.identityFile(v).filter(f -> !usable(f)).ifPresent(f -> warning(v, "IdentityFile " + f + " of " + what
          + " is not where dispatchcheck makes a throwaway key (an absolute path under "
          + String.join(", ", AgentPaths.KEY_DIRECTORIES) + ", not a file ssh or dispatchcheck uses otherwise): no key"
          + " stands in for it, so ssh offers root's others"));
    }
  }

  /** ssh fails on this route before it reaches the builder: said at the ProxyJump that leads round. */
  private void failure(SshRoute r, String failure) {
    SshOptions.Value at = r.via().stream().map(h -> h.options().proxy()).flatMap(Optional::stream).reduce((a, b) -> b)
        .or(() -> r.options().proxy()).orElse(new SshOptions.Value("ProxyJump", "", RootSsh.ROOT_CONFIG, 0));
    String loop = "jumphost loop via ";
    String advice = failure.contains(loop) ? ": the jump host's own name matches the Host line that gives it this"
        + " ProxyJump, so ssh refuses to reach it through itself; leave it out (Host *.example.com !"
        + failure.substring(failure.indexOf(loop) + loop.length()) + ") or give it ProxyJump none in a block before" : "";
    warning(at, "ssh fails on its way to builder " + r.name() + " (" + failure + ")" + advice + "; its builds fail"
        + " there in production as in the stand-ins");
  }

  private static boolean usable(String file) {
    return file.equals(ROOT_KEY) || FarmPlan.throwawayPlace(file);
  }

  private void error(SshOptions.Value at, String message) {
    findings.add(new Finding(Severity.ERROR, FarmLayout.farmPathOfAgentFile(at.file()), at.line(), message, ""));
  }

  private void warning(SshOptions.Value at, String message) {
    findings.add(new Finding(Severity.WARNING, FarmLayout.farmPathOfAgentFile(at.file()), at.line(), message, ""));
  }
}
