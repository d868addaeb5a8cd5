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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  /** The same helper as the jar holds it, for a live host, which has none of the harness's files. */
  private static final String HELPER_RESOURCE = "/dispatchcheck-project/containers/nix-host/nix-effect-proxy";
  /** A stand-in's PATH, Debian's; a live host's adds NixOS's system profile and the default profile before it. */
  private static final String PATH = "/usr/local/bin:/usr/bin:/bin";
  private static final String LIVE_PATH = "/run/current-system/sw/bin:/nix/var/nix/profiles/default/bin:" + PATH;

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

  /** What the agent's service runs with: systemd's {@code User=} sets HOME to the user's home. */
  private static List<String> serviceEnv(boolean live) {
    return List.of("HOME=" + AgentHost.AGENT_HOME, "USER=" + AgentHost.AGENT_USER, "LOGNAME=" + AgentHost.AGENT_USER,
        "SHELL=/bin/bash", "PATH=" + (live ? LIVE_PATH : PATH));
  }

  /**
   * The helper's argv: the image's script on a stand-in; on a live host the same script,
   * handed to the host's perl as an argument (nothing is copied there, nothing is left).
   */
  static List<String> helper(boolean live) {
    return live ? List.of("perl", "-e", HelperScript.TEXT) : List.of(HELPER);
  }

  /** The script's text, read from the jar once, when a live host first needs it. */
  private static final class HelperScript {
    static final String TEXT = read();
  }

  private static String read() {
    try (InputStream in = Effect.class.getResourceAsStream(HELPER_RESOURCE)) {
      if (in == null) throw new IllegalStateException("the jar holds no " + HELPER_RESOURCE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + HELPER_RESOURCE + " from the jar", e);
    }
  }

  /** The argv that starts the proxy on a live host ({@code live}) or a stand-in, as the agent with the service's environment. */
  static List<String> proxyCommand(String dir, EffectPath path, boolean live) {
    List<String> cmd = new ArrayList<>(List.of("sudo", "-u", AgentHost.AGENT_USER, "env", "-i"));
    cmd.addAll(serviceEnv(live));
    cmd.addAll(helper(live));
    cmd.addAll(List.of("start", dir));
    path.nixSettings().forEach((k, v) -> cmd.addAll(List.of("--option", k, v)));
    return List.copyOf(cmd);
  }

  /**
   * The argv of the effect's nix-build of {@code probe}: the effect's environment and nothing
   * else; on a live host ({@code live}), Nix may be on NixOS's PATH.
   */
  static List<String> clientCommand(String dir, EffectPath path, Probe probe, boolean live) {
    List<String> cmd = new ArrayList<>(List.of("sudo", "-u", AgentHost.AGENT_USER, "env", "-i",
        "PATH=" + (live ? LIVE_PATH : "/usr/bin:/bin"), "HOME=/homeless-shelter", "NIX_REMOTE=daemon",
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
    List<String> cmd = proxyCommand(dir, path, host.isLive());
    CommandResult r = host.exec(cmd);
    String pid = r.stdout().strip();
    if (host.isLive() && r.exitCode() == 127) {
      throw new HarnessError("the effect's proxy did not start on the live host " + host.name() + ": the harness's stand-in"
          + " for the agent's proxy runs under perl, and sudo -u " + AgentHost.AGENT_USER + " finds no perl on " + LIVE_PATH
          + " (" + Printable.escape(r.stderr().strip()) + ")");
    }
    if (r.exitCode() != 0 || !pid.matches("[1-9][0-9]*")) {
      throw new HarnessError("the effect's proxy did not start on " + host.name() + " (exit " + r.exitCode() + "):\n$ "
          + shown(cmd) + "\n" + Printable.escape(r.stdout() + r.stderr()));
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
          clientCommand(effect.dir, path, probe, agent.host().isLive()), path, effect::stop);
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
    List<String> stop = new ArrayList<>(List.of("sudo", "-u", AgentHost.AGENT_USER));
    // On a live host, the perl the proxy started with: its PATH, not whatever sudo's is there.
    if (host.isLive()) stop.addAll(List.of("env", "PATH=" + LIVE_PATH));
    stop.addAll(helper(host.isLive()));
    stop.addAll(List.of("stop", dir, pid));
    CommandResult r = host.exec(stop);
    String log = r.stdout();
    // The log is the host's own text (a live host's included): each line escaped for the reports.
    String text = "the effect's proxy (pid " + pid + "), started as\n$ " + shown(proxyCommand) + "\nits log:\n"
        + (log.isEmpty() ? "(empty)\n" : escapedLines(log)) + escapedLines(r.stderr());
    if (r.exitCode() != 0) throw new HarnessError("the effect's proxy on " + host.name() + " did not stop cleanly:\n" + text);
    if (log.lines().anyMatch(l -> l.contains("accepted connection") && l.contains("(trusted)"))) {
      throw new HarnessError("the effect's proxy trusted its client, which hercules-ci-nix-daemon never does:\n" + text);
    }
    return text;
  }

  private static String escapedLines(String text) {
    return text.lines().map(Printable::escape).map(l -> l + "\n").collect(Collectors.joining());
  }

  /** An argv as a shell line; the helper's script, handed to a live host's perl, shown by its name. */
  static String shown(List<String> argv) {
    boolean live = argv.contains("perl");
    return argv.stream().map(w -> live && w.equals(HelperScript.TEXT) ? "\"$(cat containers/nix-host/nix-effect-proxy)\"" : Shell.quote(w))
        .collect(Collectors.joining(" "));
  }

  EffectPath path() {
    return path;
  }
}
