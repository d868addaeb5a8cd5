package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.probe.BuildRun;
import dev.dispatchcheck.driver.host.CommandResult;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One hercules-ci-agent effect on the agent host, as far as its Nix builds go. Each part
 * stands for a part of hercules-ci-agent (0.10.8, commit 037a7f91; docs/effects.md):
 *
 * <ul>
 *   <li>the effect's directory, {@value #WORK_DIR}/effect-SALT with {@code build/} and an
 *       empty {@code etc/}: {@code withWorkDir "effect"} under the agent's work directory
 *       ({@code Hercules/Agent/Files.hs:14-18}) and {@code mkDir "build"}/{@code "etc"}
 *       ({@code Hercules/Effect.hs:184-185});
 *   <li>the proxy, {@code nix-effect-proxy} (containers/nix-host): the agent binds the
 *       socket and starts {@code hercules-ci-nix-daemon} on it, as itself, with its own
 *       environment and the {@code nixSettings} as {@code --option}s in key order
 *       ({@code Effect.hs:338-365}); the proxy serves each connection {@code NotTrusted}
 *       with the default store, the system daemon ({@code hercules-ci-nix-daemon/daemon.cxx:45-107});
 *   <li>the client: the effect's environment and nothing else, {@code HOME=/homeless-shelter},
 *       {@code NIX_REMOTE=daemon}, the socket where the container binds the proxy's
 *       ({@code Effect.hs:208-238,255-260,283,297}), no configuration file (its {@code /etc}
 *       is empty, {@code Effect.hs:185,285-293});
 *   <li>the end: TERM, then KILL after 1 s, and the directory removed ({@code Effect.hs:374-401}).
 * </ul>
 *
 * Not modelled: the container (crun, uid 0 inside mapped to the agent, a read-only store),
 * a derivation overriding the environment, mounts, secrets, the network; and the proxy is
 * the host's Nix, not the Nix the agent links.
 */
public final class Effect {
  /** The agent's work directory ({@code baseDirectory/work}). */
  public static final String WORK_DIR = AgentHost.AGENT_HOME + "/work";
  /** The helper in the host image (containers/nix-host/nix-effect-proxy), by its full path: the service's PATH lacks sbin. */
  static final String HELPER = "/usr/local/sbin/nix-effect-proxy";
  /** What the agent's service runs with: systemd's {@code User=} sets HOME to the user's home. */
  static final List<String> SERVICE_ENV = List.of("HOME=" + AgentHost.AGENT_HOME, "USER=" + AgentHost.AGENT_USER,
      "LOGNAME=" + AgentHost.AGENT_USER, "SHELL=/bin/bash", "PATH=/usr/local/bin:/usr/bin:/bin");

  private final NixHost host;
  private final String dir;
  private final String pid;
  private final EffectPath path;
  private final List<String> proxyCommand;

  private Effect(NixHost host, String dir, String pid, EffectPath path, List<String> proxyCommand) {
    this.host = host;
    this.dir = dir;
    this.pid = pid;
    this.path = path;
    this.proxyCommand = proxyCommand;
  }

  /** The effect's directory for the probe with {@code salt}. */
  static String directoryFor(String salt) {
    if (!salt.matches("[A-Za-z0-9-]+")) throw new IllegalArgumentException("bad salt " + Printable.escape(salt));
    return WORK_DIR + "/effect-" + salt;
  }

  /** The argv that starts the proxy, as the agent with the service's environment. */
  static List<String> proxyCommand(String dir, EffectPath path) {
    List<String> cmd = new ArrayList<>(List.of("sudo", "-u", AgentHost.AGENT_USER, "env", "-i"));
    cmd.addAll(SERVICE_ENV);
    cmd.addAll(List.of(HELPER, "start", dir));
    path.nixSettings().forEach((k, v) -> cmd.addAll(List.of("--option", k, v)));
    return List.copyOf(cmd);
  }

  /** The argv of the effect's nix-build of {@code probe}: the effect's environment and nothing else. */
  static List<String> clientCommand(String dir, EffectPath path, Probe probe) {
    List<String> cmd = new ArrayList<>(List.of("sudo", "-u", AgentHost.AGENT_USER, "env", "-i",
        "PATH=/usr/bin:/bin", "HOME=/homeless-shelter", "NIX_REMOTE=daemon",
        // The bind mount of the proxy's socket at the daemon's socket path.
        "NIX_DAEMON_SOCKET_PATH=" + dir + "/nix-daemon-socket",
        // The effect's empty /etc: no system nix.conf, no /etc/xdg.
        "NIX_CONF_DIR=" + dir + "/etc/nix", "XDG_CONFIG_DIRS=" + dir + "/etc/xdg",
        "NIX_BUILD_TOP=" + dir + "/build", "TMPDIR=" + dir + "/build", "NIX_BUILD_CORES=1", "NIX_STORE=/nix/store",
        "IN_HERCULES_CI_EFFECT=true", "TERM=xterm-256color"));
    cmd.addAll(probe.nixBuildArgs(path.ownBuilders().map(b -> List.of("--builders", b)).orElse(List.of())));
    return List.copyOf(cmd);
  }

  /** Starts the effect's proxy on {@code host} for a build of {@code probe}. */
  static Effect start(NixHost host, EffectPath path, Probe probe, Progress progress) {
    String dir = directoryFor(probe.salt());
    List<String> cmd = proxyCommand(dir, path);
    CommandResult r = host.exec(cmd);
    String pid = r.stdout().strip();
    if (r.exitCode() != 0 || !pid.matches("[1-9][0-9]*")) {
      throw new HarnessError("the effect's proxy did not start on " + host.name() + " (exit " + r.exitCode() + "):\n$ "
          + shown(cmd) + "\n" + r.stdout() + r.stderr());
    }
    progress.say("%s: effect proxy for salt %s runs as pid %s", host.name(), probe.salt(), pid);
    return new Effect(host, dir, pid, path, cmd);
  }

  /**
   * An effect's build of {@code probe} on the agent host: its proxy started, then its
   * nix-build; the proxy is stopped once nix-build has exited.
   */
  public static BuildRun build(AgentHost agent, EffectPath path, Probe probe, Progress progress) {
    Effect effect = start(agent.host(), path, probe, progress);
    try {
      return BuildRun.startEffect(agent.host(), AgentHost.AGENT_USER, probe, progress,
          clientCommand(effect.dir, path, probe), path, effect::stop);
    } catch (RuntimeException e) {
      effect.stop();
      throw e;
    }
  }

  /**
   * Stops the proxy and removes the effect's directory; returns the proxy's command and
   * log for the evidence. A proxy that trusted its client would not stand for the agent's,
   * which trusts none: that is a harness error.
   */
  String stop() {
    CommandResult r = host.exec(List.of("sudo", "-u", AgentHost.AGENT_USER, HELPER, "stop", dir, pid));
    String log = r.stdout();
    String text = "the effect's proxy (pid " + pid + "), started as\n$ " + shown(proxyCommand) + "\nits log:\n"
        + (log.isEmpty() ? "(empty)\n" : log) + r.stderr();
    if (r.exitCode() != 0) throw new HarnessError("the effect's proxy on " + host.name() + " did not stop cleanly:\n" + text);
    if (log.lines().anyMatch(l -> l.contains("accepted connection") && l.contains("(trusted)"))) {
      throw new HarnessError("the effect's proxy trusted its client, which hercules-ci-nix-daemon never does:\n" + text);
    }
    return text;
  }

  static String shown(List<String> argv) {
    return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  EffectPath path() {
    return path;
  }
}
