package dev.dispatchcheck.dispatch.config;

import dev.dispatchcheck.dispatch.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The self-check of the ssh_config model against its reference: {@code ssh -G} run as root
 * on the agent's stand-in, over the files as deployed, prints what ssh obtains for a
 * destination. Where the model ({@link SshRoute}) and ssh disagree on the host, the user,
 * the port or the jump host, the stand-ins would answer for another farm: the check stops.
 *
 * @param destination as ssh is given it
 * @param user the user ssh's command line gives ({@code -l}), as Nix's {@code user@} or ProxyJump's
 * @param port the port ssh's command line gives ({@code -p}), as ProxyJump's {@code :port}
 * @param expected the route the model predicts
 * @param jumpCompared whether the jump host is compared (not for a jump host reached with {@code -J}, which ssh -G is not given)
 */
public record SshGCheck(String destination, Optional<String> user, Optional<String> port, SshRoute expected,
    boolean jumpCompared) {

  /** The checks of a route: the builder's, then each jump host's as ssh runs it. */
  public static List<SshGCheck> of(SshRoute route) {
    List<SshGCheck> out = new ArrayList<>();
    out.add(new SshGCheck(route.name(), commandLine(route.options().user()), commandLine(route.options().port()), route,
        true));
    for (SshRoute hop : route.via()) {
      out.add(new SshGCheck(hop.name(), commandLine(hop.options().user()), commandLine(hop.options().port()), hop, false));
    }
    return out;
  }

  private static Optional<String> commandLine(Optional<SshOptions.Value> v) {
    return v.filter(SshOptions.Value::fromCommandLine).map(SshOptions.Value::value);
  }

  /** ssh's arguments, each one word (the caller quotes them). */
  public List<String> command() {
    List<String> cmd = new ArrayList<>(List.of("ssh", "-G"));
    user.ifPresent(u -> cmd.addAll(List.of("-l", u)));
    port.ifPresent(p -> cmd.addAll(List.of("-p", p)));
    cmd.addAll(List.of("--", destination));
    return cmd;
  }

  /**
   * Where ssh -G's answer differs from the model's, one line each; none when they agree.
   * ssh -G fails (and prints nothing) only where ssh itself would fail: a jumphost loop,
   * which the model must predict too.
   */
  public List<String> differences(int exitCode, String stdout, String stderr) {
    Optional<String> loop = expected.failure().filter(f -> f.startsWith("jumphost loop"));
    if (exitCode != 0) {
      // ssh's words may quote the farm's text: escaped, as everything of a farm's that reaches a log.
      String said = Printable.escape(stderr.strip().lines().reduce((a, b) -> b).orElse("exit " + exitCode));
      return loop.isPresent() && said.contains(loop.get()) ? List.of()
          : List.of("ssh -G fails (" + said + ") where dispatchcheck expects it to reach " + expected.host());
    }
    Map<String, String> got = parse(stdout);
    List<String> out = new ArrayList<>();
    loop.ifPresent(l -> out.add("ssh -G succeeds where dispatchcheck expects '" + l + "'"));
    compare(out, "hostname", expected.host(), got.get("hostname"));
    compare(out, "user", expected.user(), got.get("user"));
    compare(out, "port", String.valueOf(expected.port()), got.get("port"));
    if (jumpCompared) compare(out, "jump host", jump(expected.options().proxy()), jump(got));
    return out;
  }

  /** What the model says ssh obtains, as a note: "arm1: hostname …, user …, port …[, jump host …]". */
  public String agreement() {
    String jump = jumpCompared ? jump(expected.options().proxy()) : "none";
    return destination + ": hostname " + expected.host() + ", user " + expected.user() + ", port " + expected.port()
        + (jump.equals("none") ? "" : ", jump host " + jump);
  }

  private static void compare(List<String> out, String what, String model, String ssh) {
    if (!model.equals(ssh)) {
      out.add(what + ": dispatchcheck reads " + Printable.escape(model) + ", ssh -G says "
          + (ssh == null ? "nothing" : Printable.escape(ssh)));
    }
  }

  /** The last hop of a ProxyJump or of a recognised ssh -W ProxyCommand, as written; "none" without one. */
  private static String jump(Optional<SshOptions.Value> proxy) {
    return proxy.flatMap(SshRoute::hops).filter(h -> !h.isEmpty()).map(h -> h.get(h.size() - 1).toString()).orElse("none");
  }

  private static String jump(Map<String, String> got) {
    if (got.containsKey("proxyjump")) return jump(Optional.of(SshOptions.Value.commandLine("ProxyJump", got.get("proxyjump"))));
    if (got.containsKey("proxycommand")) {
      return jump(Optional.of(SshOptions.Value.commandLine("ProxyCommand", got.get("proxycommand"))));
    }
    return "none";
  }

  /** ssh -G's lines: a lowercase keyword, a space, the value; the first of each keyword. */
  static Map<String, String> parse(String output) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp > 0) m.putIfAbsent(line.substring(0, sp).toLowerCase(Locale.ROOT), line.substring(sp + 1).strip());
    }
    return m;
  }
}
