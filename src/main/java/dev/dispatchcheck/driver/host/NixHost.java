package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.run.NixVersion;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * One host of the farm: a container of the nix-host image, reachable on the scenario's
 * network under {@link #name()}, which is also its hostname. It wraps the container rather
 * than extending it, so the harness speaks of hosts, files and users, not of Docker.
 */
public final class NixHost implements AutoCloseable {
  /** What every host's nix.conf needs to work in an unprivileged container offline. */
  public static final NixConf BASICS = NixConf.parse(String.join("\n",
      "build-users-group = nixbld",
      "sandbox = false",
      "substituters =",
      ""));

  private final String name;
  private final NixVersion version;
  private final GenericContainer<?> container;
  private final Network network;
  /** What this host's role needs in its nix.conf, kept under whatever a scenario writes. */
  private volatile String roleNixConf = "";
  private volatile boolean frozen;
  private volatile String versionText;
  /** How often the container has started: each start logs "nix-host ready" once more. */
  private int starts = 1;
  private CommandChannel channel;
  /** A command through the channel that has not ended by then is a harness error (Docker's own exec had no limit at all). */
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  /** A host of {@code image}, named {@code name} (hostname and network alias, as written). */
  public NixHost(String name, NixVersion version, String image, Network network, Map<String, String> labels) {
    this.name = name;
    this.version = version;
    this.network = network;
    this.container = new GenericContainer<>(image)
        .withNetwork(network)
        .withNetworkAliases(name)
        .withLabels(labels)
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName(name))
        .waitingFor(Wait.forLogMessage(".*nix-host ready.*", 1)
            .withStartupTimeout(Duration.ofSeconds(60)));
  }

  public String name() {
    return name;
  }

  public NixVersion version() {
    return version;
  }

  /** What {@code nix --version} says, e.g. "nix (Nix) 2.26.3"; asked once, as the image fixes it. */
  public String nixVersionText() {
    if (!isRunning()) return (frozen ? "(frozen) Nix " : "(down) Nix ") + version.label();
    if (versionText == null) versionText = exec(List.of("nix", "--version")).stdout().strip();
    return versionText;
  }

  /** Creates and starts the container and waits for its init to say it is ready, within the engine's deadline. */
  public void start() {
    Engine.lifecycle("start the container of " + name, container::start);
  }

  /** Runs {@code command} on the host, through its command channel (opened at first use, and again if it ended). */
  public CommandResult exec(List<String> command) {
    if (frozen) throw new IllegalStateException(name + " is frozen, so nothing can run on it: " + command);
    return channel().run(command, COMMAND_TIMEOUT);
  }

  private synchronized CommandChannel channel() {
    if (channel == null || !channel.usable()) {
      channel = Engine.ask("open a command channel to " + name,
          () -> CommandChannel.open(container.getDockerClient(), container.getContainerId(), name));
    }
    return channel;
  }

  /** Runs a shell script as {@code user} (root runs it directly), as a person at a prompt would. */
  public CommandResult shell(String user, String script) {
    List<String> cmd = new ArrayList<>();
    if (!user.equals("root")) cmd.addAll(List.of("sudo", "-u", user, "-H"));
    cmd.addAll(List.of("sh", "-c", script));
    return exec(cmd);
  }

  /** Like {@link #shell} but a non-zero exit is a harness error that quotes the output. */
  public String shellOrFail(String user, String script) {
    CommandResult r = shell(user, script);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.format("on %s as %s, '%s' exited %d:%n%s%s",
          name, user, script, r.exitCode(), r.stdout(), r.stderr()));
    }
    return r.stdout();
  }

  /** Starts a command whose output is streamed while it runs. */
  public ExecStream stream(List<String> command) {
    return Engine.ask("start '" + String.join(" ", command.subList(0, Math.min(3, command.size()))) + " …' on " + name,
        () -> new ExecStream(container.getDockerClient(), container.getContainerId(), command));
  }

  /**
   * Writes a file owned by {@code owner}; parent directories are created as that owner
   * too, as they would be if the owner had made them. One exec, content passed as base64
   * so that every byte arrives as written.
   */
  public void writeFile(String path, String content, String owner) {
    shellOrFail("root", "set -e; " + writeScript(path, content, Shell.quote(owner)));
  }

  /**
   * Configures the host in one exec: {@code setup} (a shell script run as root), then
   * {@code files} as {@link #writeFiles} writes them, then a daemon restart.
   */
  public void configure(String setup, Map<String, String> files) {
    StringBuilder script = new StringBuilder("set -e\n").append(setup);
    files.forEach((path, content) -> script.append(ownedWriteScript(path, content)));
    shellOrFail("root", script.append("nix-daemon-restart\n").toString());
  }

  /**
   * Writes several files in one exec, each owned by whoever owns the nearest existing
   * directory above it (a user's home, or root's /etc), as its owner would have made it.
   */
  public void writeFiles(Map<String, String> files) {
    if (files.isEmpty()) return;
    StringBuilder script = new StringBuilder("set -e\n");
    files.forEach((path, content) -> script.append(ownedWriteScript(path, content)));
    shellOrFail("root", script.toString());
  }

  private static String ownedWriteScript(String path, String content) {
    return "d=$(dirname " + Shell.quote(path) + "); while [ ! -e \"$d\" ]; do d=$(dirname \"$d\"); done; o=$(stat -c %U \"$d\")\n"
        + writeScript(path, content, "\"$o\"") + "\n";
  }

  /** {@code owner} is a shell word already: a quoted name, or "$o". */
  private static String writeScript(String path, String content, String owner) {
    String dir = Shell.quote(path.substring(0, Math.max(1, path.lastIndexOf('/'))));
    String file = Shell.quote(path);
    String base64 = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    return "if [ " + owner + " = root ]; then mkdir -p " + dir + "; else sudo -u " + owner + " mkdir -p " + dir + "; fi; "
        + "echo " + Shell.quote(base64) + " | base64 -d > " + file + "; chown " + owner + ": " + file;
  }

  public static final String SYSTEM_NIX_CONF = "/etc/nix/nix.conf";

  /**
   * Puts a configuration file in place as its owner would: the owner is whoever owns the
   * nearest existing directory above it (a user's home, or root's /etc). The system
   * nix.conf keeps the host basics and restarts the daemon, as a NixOS switch would.
   */
  public void applyFile(String path, String content) {
    if (path.equals(SYSTEM_NIX_CONF)) {
      setSystemNixConf(NixConf.parse(content));
      return;
    }
    writeFiles(Map.of(path, content));
  }

  public Optional<String> readFile(String path) {
    CommandResult r = exec(List.of("cat", path));
    return r.exitCode() == 0 ? Optional.of(r.stdout()) : Optional.empty();
  }

  /** Replaces /etc/nix/nix.conf with the basics plus {@code conf}, and restarts the daemon, which reads it only at start. */
  public void setSystemNixConf(NixConf conf) {
    writeFile(SYSTEM_NIX_CONF, systemNixConf(conf), "root");
    restartDaemon();
  }

  /**
   * This host's role, then {@code conf}, then the basics: later settings win, as Nix reads
   * them, so an operator's substituters or sandbox cannot undo what must hold offline in
   * a container.
   */
  public String systemNixConf(NixConf conf) {
    return (roleNixConf.isEmpty() ? "" : "# role (dispatchcheck)\n" + roleNixConf)
        + "# configuration\n" + conf.render()
        + "# overridden by dispatchcheck: cannot work offline or in an unprivileged container\n" + BASICS.render();
  }

  /** Settings the host's role needs (a builder's claimed systems), kept in every system nix.conf. */
  public void setRoleNixConf(String text) {
    this.roleNixConf = text;
  }

  public void restartDaemon() {
    shellOrFail("root", "nix-daemon-restart");
  }

  /** Whether the host can be asked anything: up, and not frozen (Docker refuses to exec in a paused container). */
  public boolean isRunning() {
    return !frozen && Engine.ask("ask whether " + name + " runs", container::isRunning);
  }

  /** The settings Nix uses for {@code user} here, as {@code nix show-config} prints them. */
  public String showConfig(String user) {
    return shellOrFail(user, showConfigCommand());
  }

  /** This version's command for {@link #showConfig}, as a shell command line. */
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
    return stateAfter("nix-host-warm snapshot && ");
  }

  /** Stops every process but init: a farm's hosts all stop before any is reset, so none reaches a reset one. */
  public void stopProcesses() {
    shellOrFail("root", "nix-host-warm stop");
  }

  /** Puts the pristine state back: processes stopped, trees and store restored, sshd restarted. */
  public void reset() {
    shellOrFail("root", "nix-host-warm reset");
    roleNixConf = "";
  }

  /** What the hand-over check compares: see {@link HostState}. */
  public HostState state() {
    return stateAfter("");
  }

  /** Resets the host ({@link #reset}) and, in the same exec, reads its state. */
  public HostState resetAndState() {
    HostState after = stateAfter("nix-host-warm reset && ");
    roleNixConf = "";
    return after;
  }

  /** The state, read in the same exec as {@code before} runs (a script ending in "&& " or nothing); a container Docker finds wrong is not asked. */
  private HostState stateAfter(String before) {
    List<String> problems = containerProblems();
    if (!problems.isEmpty()) return new HostState(java.util.Set.of(), problems);
    return new HostState(new TreeSet<>(shellOrFail("root", before + "nix-host-warm state").lines().toList()), problems);
  }

  /** What is wrong with the container itself, as Docker sees it: paused, stopped, on another network. */
  public List<String> containerProblems() {
    var inspected = Engine.ask("inspect the container of " + name,
        () -> container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec());
    var st = inspected.getState();
    if (Boolean.TRUE.equals(st.getPaused())) return List.of("the container is paused");
    if (!Boolean.TRUE.equals(st.getRunning())) return List.of("the container is not running (" + st.getStatus() + ")");
    var networks = inspected.getNetworkSettings().getNetworks();
    if (networks.size() != 1 || networks.values().stream().noneMatch(n -> network.getId().equals(n.getNetworkID()))) {
      return List.of("the container is on networks " + networks.keySet() + ", not on its farm's network alone");
    }
    return List.of();
  }

  /** Stops the container (a builder going down) and leaves it for {@link #close()} to remove. */
  public void stop() {
    synchronized (this) {
      if (channel != null) channel.abandon();
    }
    Engine.lifecycle("stop the container of " + name,
        () -> container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(2).exec());
  }

  /**
   * Freezes the container: its network still answers (the kernel completes a TCP
   * handshake), but sshd never speaks. Nix has no timeout of its own for this.
   */
  public void freeze() {
    Engine.tell("pause the container of " + name,
        () -> container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec());
    frozen = true;
  }

  /**
   * Brings a host a scenario stopped or froze back up: unpaused, or started again and
   * waited for until its init is ready. What it then holds is for the reset and the
   * hand-over check to put right or find.
   */
  public synchronized void revive() {
    var docker = container.getDockerClient();
    if (frozen) {
      Engine.tell("unpause the container of " + name, () -> docker.unpauseContainerCmd(container.getContainerId()).exec());
      frozen = false;
    }
    if (!Engine.ask("ask whether " + name + " runs", container::isRunning)) {
      if (channel != null) channel.abandon();
      starts++;
      Engine.lifecycle("start the container of " + name + " again", () -> {
        docker.startContainerCmd(container.getContainerId()).exec();
        Wait.forLogMessage(".*nix-host ready.*", starts).withStartupTimeout(Duration.ofSeconds(60)).waitUntilReady(container);
      });
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (channel != null) channel.close();
    }
    if (frozen) {
      // Docker refuses to stop or remove a paused container.
      try {
        Engine.tell("unpause the container of " + name,
            () -> container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec());
      } catch (HarnessError wedged) {
        throw wedged;
      } catch (RuntimeException alreadyGone) {
        // removed already, or not paused any more
      }
    }
    Engine.lifecycle("remove the container of " + name, container::stop);
  }
}
