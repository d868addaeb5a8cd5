package dev.dispatchcheck.check;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.driver.farm.Farm;
import dev.dispatchcheck.driver.farm.StandInFarm;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.FarmUnderCheck;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.suite.Runs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A farm's stand-ins kept up for {@code live} to be proven against (tests/live-farm.sh): the
 * farm started as {@code check} starts it, a public key authorized for root, for a user who
 * may use sudo without a password and for one who may not, on the agent host, whose sshd the caller reaches at the address
 * written to the ready file with the host's key; everything goes when standard input ends.
 */
public final class StandInServe {
  /** A login user on the stand-in agent host without sudo rights: live's plain exit 3. */
  public static final String NO_SUDO_USER = "nosudo";
  /** A login user who may run anything as root through sudo without a password, as an operator's account may. */
  public static final String SUDO_USER = "ops";

  private StandInServe() {}

  public static int call(Path farmDir, FarmLimits limits, Matrix.Pair pair, Path publicKey, Path ready, RunContext run,
      InputStream until) {
    Optional<FarmLayout> layout = FarmLint.read(farmDir);
    if (layout.isEmpty() || FarmLint.lint(layout.get(), limits, run.progress())) return ExitCode.INVALID;
    String key = read(publicKey).strip();
    if (!key.matches("ssh-[a-z0-9-]+ [A-Za-z0-9+/=]+( [^\\n]*)?")) {
      throw new IllegalArgumentException(publicKey + ": not one OpenSSH public key line");
    }
    FarmUnderCheck farm = FarmUnderCheck.of(layout.get(), limits, false);
    try (Runs.RunScope scope = Runs.openRun(run)) {
      RunSettings settings = new RunSettings(run, pair.agent(), pair.builders(),
          run.reportsRoot().resolve("stand-in"), Optional.of(farm));
      Runs.prepareImages(settings);
      List<String> notes = new ArrayList<>();
      try (Farm standIns = StandInFarm.start(farm, settings, notes)) {
        NixHost agent = standIns.agent().host();
        String k = Shell.quote(key);
        agent.shellOrFail("root", "set -e; umask 077; mkdir -p /root/.ssh; printf '%s\\n' " + k
            + " >> /root/.ssh/authorized_keys; " + login(NO_SUDO_USER, k) + login(SUDO_USER, k) + "echo '" + SUDO_USER
            + " ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/" + SUDO_USER + "; chmod 440 /etc/sudoers.d/" + SUDO_USER);
        String ip = agent.shellOrFail("root", "hostname -I").strip().split("\\s+")[0];
        String hostKey = agent.shellOrFail("root", "cut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub").strip();
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, "ssh://root@" + ip + "\n" + ip + " " + hostKey + "\n");
        Files.move(tmp, ready, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        run.progress().say("stand-in agent host of %s up at %s; it goes when standard input ends", farmDir, ip);
        while (until.read() >= 0) {
          // held until the caller closes our standard input
        }
        return ExitCode.OK;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A user made if missing, who logs in with {@code quotedKey}. */
  private static String login(String user, String quotedKey) {
    return "id -u " + user + " >/dev/null 2>&1 || useradd -m " + user + "; h=$(getent passwd " + user + " | cut -d: -f6);"
        + " mkdir -p \"$h/.ssh\"; printf '%s\\n' " + quotedKey + " > \"$h/.ssh/authorized_keys\"; chown -R " + user
        + ": \"$h/.ssh\"; ";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
