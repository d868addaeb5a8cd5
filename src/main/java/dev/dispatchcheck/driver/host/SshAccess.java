package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.run.LiveTarget;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A live host reached with the system's OpenSSH client: every command one {@code ssh}
 * process, all multiplexed over one connection (a control master in a private directory,
 * ended on {@link #close()}). The client reads no configuration file ({@code -F none}),
 * never asks (BatchMode), accepts only a host key already in the known_hosts file named
 * (StrictHostKeyChecking, no global file, no updates), and authenticates with the
 * ssh-agent's keys or the one identity file named, never a default key file; nothing is
 * forwarded. Commands run as root: directly when the login user is root, else through
 * {@code sudo -n}, which fails rather than asks for a password.
 *
 * <p>Read-only by construction: it has no life to change (starting, stopping, freezing it
 * are refused), and {@link NixHost} refuses every write on it ({@link #readOnly()}).
 */
final class SshAccess implements HostAccess {
  /** ssh's own exit status when it, not the remote command, failed. */
  static final int SSH_FAILED = 255;
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private final LiveTarget target;
  private final Path controlDir;
  private volatile boolean asRoot;
  private volatile boolean closed;

  SshAccess(LiveTarget target) {
    this.target = target;
    try {
      this.controlDir = Files.createTempDirectory("dispatchcheck-ssh-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a private directory for ssh's control socket", e);
    }
  }

  /**
   * Asks the login user itself, never through sudo, whether it is root, and from then on
   * runs commands directly if so, else through {@code sudo -n}. (Asked through sudo, every
   * login user would say uid 0, and then run everything as itself.)
   */
  CommandResult learnWhetherLoginIsRoot() {
    CommandResult id = run("id -u");
    loginIsRoot(id.exitCode() == 0 && id.stdout().strip().equals("0"));
    return id;
  }

  /** The login user is root: commands run as they are, without sudo. */
  void loginIsRoot(boolean root) {
    this.asRoot = root;
  }

  /** ssh's argv, up to and excluding the remote command. */
  List<String> sshArgv() {
    List<String> argv = new ArrayList<>(List.of("ssh", "-F", "none", "-T",
        "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + target.knownHosts().toAbsolutePath(), "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "UpdateHostKeys=no", "-o", "CheckHostIP=no",
        "-o", "ForwardAgent=no", "-o", "ForwardX11=no", "-o", "ClearAllForwardings=yes", "-o", "PermitLocalCommand=no",
        "-o", "ConnectTimeout=20", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4", "-o", "LogLevel=ERROR",
        "-o", "ControlMaster=auto", "-o", "ControlPath=" + controlDir.resolve("master"), "-o", "ControlPersist=300"));
    // Credentials: the one file named, or the agent's keys alone (no default ~/.ssh/id_* file is read).
    argv.addAll(List.of("-o", "IdentitiesOnly=" + (target.identity().isPresent() ? "yes" : "no"),
        "-o", "IdentityFile=" + target.identity().map(p -> p.toAbsolutePath().toString()).orElse("/dev/null")));
    target.port().ifPresent(p -> argv.addAll(List.of("-p", Integer.toString(p))));
    target.user().ifPresent(u -> argv.addAll(List.of("-l", u)));
    argv.add("--");
    argv.add(target.host());
    return argv;
  }

  /** The remote command line: each word quoted for the login shell, through {@code sudo -n} unless that is root. */
  String remoteCommand(List<String> command) {
    String words = command.stream().map(Shell::quote).collect(Collectors.joining(" "));
    return asRoot ? words : "sudo -n -- " + words;
  }

  private Process start(List<String> command) {
    return startLine(remoteCommand(command));
  }

  private Process startLine(String remoteLine) {
    if (closed) throw new IllegalStateException("the connection to " + target.shown() + " is closed");
    List<String> argv = sshArgv();
    argv.add(remoteLine);
    try {
      return new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run ssh (is OpenSSH's client installed?): " + e.getMessage(), e);
    }
  }

  @Override
  public CommandResult exec(List<String> command) {
    return run(remoteCommand(command));
  }

  private CommandResult run(String remoteLine) {
    ExecStream s = ExecStream.ofProcess(startLine(remoteLine), "ssh");
    long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
    while (!s.isFinished()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no answer from " + target.shown() + " within " + COMMAND_TIMEOUT.toMinutes()
            + " minutes");
      }
      try {
        TimeUnit.MILLISECONDS.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
    return new CommandResult(s.exitCode().orElse(SSH_FAILED), s.stdout(), s.stderr());
  }

  @Override
  public ExecStream stream(List<String> command) {
    return ExecStream.ofProcess(start(command), "ssh-stream");
  }

  @Override
  public boolean isRunning() {
    return !closed;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  /** Ends the control master and removes its directory. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    List<String> argv = new ArrayList<>(sshArgv());
    argv.add(argv.size() - 2, "-O");
    argv.add(argv.size() - 2, "exit");
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no master to end
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(controlDir)) {
      for (Path f : files.toList()) Files.deleteIfExists(f);
      Files.deleteIfExists(controlDir);
    } catch (IOException e) {
      // a socket the master still removes
    }
  }
}
