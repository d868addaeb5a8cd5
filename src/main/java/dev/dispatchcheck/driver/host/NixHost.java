package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.run.LiveTarget;
import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.run.NixVersion;

import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.testcontainers.containers.Network;

/**
 * One host of the farm: a container of the nix-host image, reachable on the scenario's
 * network under {@link #name()}, which is also its hostname. It wraps the container rather
 * than extending it, so the harness speaks of hosts, files and users, not of Docker.
 *
 * <p>The façade the rest of the harness uses; the work is done by what it does: the
 * container's life and the commands in it ({@link HostContainer}), the shell that writes
 * files ({@link HostScripts}), the system nix.conf ({@link HostNixConf}) and the warm
 * state ({@link WarmState}).
 */
public final class NixHost implements AutoCloseable {
  public static final String SYSTEM_NIX_CONF = "/etc/nix/nix.conf";
  /** Where Debian puts a machine's own name in /etc/hosts. */
  private static final String OWN_NAME_ADDRESS = "127.0.1.1";

  private final String name;
  private final NixVersion version;
  private final HostAccess container;
  private final HostNixConf nixConf = new HostNixConf();
  private final WarmState warm;
  private volatile String versionText;
  private final AtomicLong changes = new AtomicLong();

  /** A host of {@code image}, named {@code name} (hostname and network alias, as written). */
  public NixHost(String name, NixVersion version, String image, Network network, Map<String, String> labels) {
    this(name, version, image, List.of(network), labels);
  }

  /** The same on several networks, under its name on each: a jump host between the agent's and the builders'. */
  public NixHost(String name, NixVersion version, String image, List<Network> networks, Map<String, String> labels) {
    this(name, version, new HostContainer(name, image, networks, labels));
  }

  NixHost(String name, NixVersion version, HostAccess access) {
    this.name = name;
    this.version = version;
    this.container = access;
    this.warm = new WarmState(container, this::commandOrFail, nixConf);
  }

  /**
   * The live agent host {@code target}, reached over SSH ({@link SshAccess}), known to the
   * harness as {@code name}: read-only, every write refused. Its Nix version is asked at
   * once (its log is read by that version's catalogue); so is whether the login user is root.
   */
  public static NixHost live(String name, LiveTarget target) {
    SshAccess ssh = new SshAccess(target);
    try {
      CommandResult id = ssh.learnWhetherLoginIsRoot();
      if (id.exitCode() == SshAccess.SSH_FAILED) {
        throw new LiveHostException("cannot reach " + target.shown() + " over SSH: " + said(id));
      }
      return new NixHost(name, LivePreflight.check(ssh, target), ssh);
    } catch (RuntimeException e) {
      ssh.close();
      throw e;
    }
  }

  /** What a command printed on stderr, one line, made safe to show (a live host's text is its own). */
  static String said(CommandResult r) {
    return Printable.escape(r.stderr().strip().replace('\n', ' '));
  }

  /** Whether this is a live host: only probe builds and reads run on it. */
  public boolean isLive() {
    return container.readOnly();
  }

  /** Every write goes through here: a live host refuses it, whatever asked. */
  private void mutating(String what) {
    if (container.readOnly()) {
      throw new IllegalStateException("refused on the live host " + name + ": " + what + " (live only builds probes"
          + " and reads)");
    }
  }

  public String name() {
    return name;
  }

  public NixVersion version() {
    return version;
  }

  /** What {@code nix --version} says, e.g. "nix (Nix) 2.26.3"; asked once, as the image fixes it. */
  public String nixVersionText() {
    if (!isRunning()) return (container.frozen() ? "(frozen) Nix " : "(down) Nix ") + version.label();
    if (versionText == null) versionText = query(List.of("nix", "--version")).stdout().strip();
    return versionText;
  }

  /** Creates and starts the container and waits for its init to say it is ready, within the engine's deadline. */
  public void start() {
    container.start();
  }

  /**
   * Runs {@code command} on the host, through its command channel (opened at first use, and
   * again if it ended). It may change anything, so it counts in {@link #changes()}.
   */
  public CommandResult exec(List<String> command) {
    changes.incrementAndGet();
    return container.exec(command);
  }

  /**
   * Runs {@code command}, which only reads (a file, a setting, a store query): unlike
   * {@link #exec}, it leaves {@link #changes()} as it is.
   */
  public CommandResult query(List<String> command) {
    return container.exec(command);
  }

  /**
   * How many commands that may have changed the host have run on it, builds aside (they
   * change only the store): what was read of it is still true while this stays the same.
   */
  public long changes() {
    return changes.get();
  }

  /** Runs a shell script as {@code user} (root runs it directly), as a person at a prompt would. */
  public CommandResult shell(String user, String script) {
    return exec(HostScripts.asUser(user, script));
  }

  /** Like {@link #shell} but a non-zero exit is a harness error that quotes the output. */
  public String shellOrFail(String user, String script) {
    return orFail(user, script, shell(user, script));
  }

  /** Like {@link #shellOrFail} for a script that only reads, as {@link #query} runs it. */
  public String queryOrFail(String user, String script) {
    return orFail(user, script, query(HostScripts.asUser(user, script)));
  }

  private String orFail(String user, String script, CommandResult r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.format("on %s as %s, '%s' exited %d:%n%s%s",
          name, user, script, r.exitCode(), r.stdout(), r.stderr()));
    }
    return r.stdout();
  }

  /** Starts a command whose output is streamed while it runs. */
  public ExecStream stream(List<String> command) {
    return container.stream(command);
  }

  /** Opens what {@link #stream} runs through now, if it is not open, rather than at the first build. */
  public void prepareStreams() {
    container.prepareStreams();
  }

  /**
   * Writes a file owned by {@code owner}; parent directories are created as that owner
   * too, as they would be if the owner had made them. One command, content passed as
   * base64 so that every byte arrives as written.
   */
  public void writeFile(String path, String content, String owner) {
    mutating("write " + path);
    writeOrFail(HostScripts.writeFile(path, content, owner));
  }

  /**
   * Configures the host: {@code setup} (a shell script run as root), then {@code files} as
   * {@link #writeFiles} writes them; then a daemon restart.
   */
  public void configure(String setup, Map<String, String> files) {
    mutating("configure the host");
    if (!setup.isBlank()) shellOrFail("root", "set -e\n" + setup);
    writeFiles(files);
    restartDaemon();
  }

  /**
   * Writes several files in one command, each owned by whoever owns the nearest existing
   * directory above it (a user's home, or root's /etc), as its owner would have made it.
   */
  public void writeFiles(Map<String, String> files) {
    mutating("write " + files.keySet());
    if (files.isEmpty()) return;
    writeOrFail(HostScripts.writeFiles(files));
  }

  /** Runs a {@link HostScripts#writeFile} command; a non-zero exit is a harness error naming the paths (not the contents). */
  private void writeOrFail(List<String> command) {
    CommandResult r = exec(command);
    if (r.exitCode() != 0) {
      List<String> paths = IntStream.iterate(2, i -> i < command.size(), i -> i + 3)
          .mapToObj(command::get).toList();
      throw new IllegalStateException(String.format("on %s, %s for %s exited %d:%n%s%s", name, command.get(0), paths,
          r.exitCode(), r.stdout(), r.stderr()));
    }
  }

  /**
   * Puts a configuration file in place as its owner would: the owner is whoever owns the
   * nearest existing directory above it (a user's home, or root's /etc). The system
   * nix.conf keeps the host basics and restarts the daemon, as a NixOS switch would.
   */
  public void applyFile(String path, String content) {
    mutating("write " + path);
    if (path.equals(SYSTEM_NIX_CONF)) {
      setSystemNixConf(NixConf.parse(content));
      return;
    }
    writeFiles(Map.of(path, content));
  }

  public Optional<String> readFile(String path) {
    CommandResult r = query(List.of("cat", path));
    return r.exitCode() == 0 ? Optional.of(r.stdout()) : Optional.empty();
  }

  /** Replaces /etc/nix/nix.conf with the basics plus {@code conf}, and restarts the daemon, which reads it only at start. */
  public void setSystemNixConf(NixConf conf) {
    mutating("replace " + SYSTEM_NIX_CONF);
    writeFile(SYSTEM_NIX_CONF, systemNixConf(conf), "root");
    restartDaemon();
  }

  /**
   * This host's role, then {@code conf}, then the basics: later settings win, as Nix reads
   * them, so an operator's substituters or sandbox cannot undo what must hold offline in
   * a container.
   */
  public String systemNixConf(NixConf conf) {
    return nixConf.compose(conf);
  }

  /** Settings the host's role needs (a builder's claimed systems), kept in every system nix.conf. */
  public void setRoleNixConf(String text) {
    nixConf.setRole(text);
  }

  public void restartDaemon() {
    mutating("restart the daemon");
    commandOrFail(List.of("nix-daemon-restart"));
  }

  /**
   * Runs {@code command} (as root, as the channel runs everything) with no shell between:
   * the channel runs its own helpers in a fork of its own. A non-zero exit is a harness error.
   */
  private String commandOrFail(List<String> command) {
    return orFail("root", String.join(" ", command), exec(command));
  }

  /** Whether the host can be asked anything: up, and not frozen (Docker refuses to exec in a paused container). */
  public boolean isRunning() {
    return container.isRunning();
  }

  /** This version's {@code nix show-config}, which prints the settings Nix uses for whoever runs it, as a shell command line. */
  public String showConfigCommand() {
    List<String> cmd = MessageCatalogue.of(version.label()).showConfigCommand();
    return String.join(" ", cmd).replaceFirst("^nix ", "nix --extra-experimental-features nix-command ") + " 2>/dev/null";
  }

  /** The host's own logs, for failure messages. */
  public String diagnostics() {
    StringBuilder sb = new StringBuilder("=== " + name + " ===\n");
    if (isRunning()) {
      for (String log : List.of("/var/log/nix-daemon.log", "/var/log/sshd.log")) {
        String text = readFile(log).orElse("(none)\n");
        sb.append("--- ").append(log).append(" (last 20 lines)\n");
        List<String> lines = text.lines().toList();
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> sb.append(l).append('\n'));
      }
    } else {
      sb.append("(not running)\n");
    }
    return sb.toString();
  }

  /**
   * Records the host as it is now as its pristine state ({@code nix-host-warm snapshot}:
   * every process but init stopped, the restored trees archived, sshd started again) and
   * returns that state.
   */
  public HostState snapshot() {
    mutating("snapshot the host");
    return warm.snapshot();
  }

  /** Stops every process but init: a farm's hosts all stop before any is reset, so none reaches a reset one. */
  public void stopProcesses() {
    mutating("stop its processes");
    warm.stopProcesses();
  }

  /** Puts the pristine state back: processes stopped, trees and store restored, sshd restarted. */
  public void reset() {
    mutating("reset the host");
    warm.reset();
  }

  /** What the hand-over check compares: see {@link HostState}. */
  public HostState state() {
    return warm.state();
  }

  /** Resets the host ({@link #reset}) and, in the same exec, reads its state. */
  public HostState resetAndState() {
    mutating("reset the host");
    return warm.resetAndState();
  }

  /** What is wrong with the container itself, as Docker sees it: paused, stopped, on another network. */
  public List<String> containerProblems() {
    return container.problems();
  }

  /** Stops the container (a builder going down) and leaves it for {@link #close()} to remove. */
  public void stop() {
    container.stop();
  }

  /**
   * Freezes the container: its network still answers (the kernel completes a TCP
   * handshake), but sshd never speaks. Nix has no timeout of its own for this.
   */
  public void freeze() {
    container.freeze();
  }

  /**
   * Takes the host off the farm's network, as a client whose link drops mid-build: its peers
   * are told nothing, so their connections to it hang. Commands still run in it.
   */
  public void dropOffNetwork() {
    container.dropOffNetwork();
    // Docker takes the host's own name out of its /etc/hosts with the network, and sudo, which
    // every build and every look at a user's settings goes through, then waits 20 s for DNS
    // on each call; a machine whose link drops still knows its own name.
    shellOrFail("root", "printf '%s\\t%s\\n' " + OWN_NAME_ADDRESS + " " + Shell.quote(name) + " >> /etc/hosts");
  }

  /** Whether the host is on the farm's network (it is, unless a scenario took it off). */
  public boolean isOnline() {
    return !container.offline();
  }

  /** The processes running now, each with how long it has run and what it waits in. */
  public List<HostProcess> processes() {
    return HostProcess.parse(exec(HostProcess.PS).stdout());
  }

  /**
   * Brings a host a scenario stopped, froze or took off the network back up: unpaused, on its
   * network again, or started again and waited for until its init is ready. What it then
   * holds is for the reset and the hand-over check to put right or find.
   */
  public void revive() {
    boolean wasOffline = container.offline();
    container.revive();
    if (wasOffline) {
      // Docker's bind-mounted file: rewritten in place, as it cannot be replaced.
      shellOrFail("root", "grep -v -x -F \"$(printf '%s\\t%s' " + OWN_NAME_ADDRESS + " " + Shell.quote(name)
          + ")\" /etc/hosts > /run/hosts.kept; cat /run/hosts.kept > /etc/hosts; rm /run/hosts.kept");
    }
  }

  @Override
  public void close() {
    container.close();
  }
}
