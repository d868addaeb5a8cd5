package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.run.LiveTarget;
import dev.dispatchcheck.run.NixVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a live host must have before anything is built on it, asked in one command: root
 * through sudo without a password (or a root login), the agent's user, sudo itself (the
 * guide's check is {@code sudo -u hercules-ci-agent nix-build}), and Nix. What is missing
 * is said plainly, and is exit 3 ({@link LiveHostException}).
 */
final class LivePreflight {
  private static final Pattern VERSION = Pattern.compile("\\(Nix\\) ([0-9]+\\.[0-9]+(?:\\.[0-9]+)?)");
  static final String AGENT_USER = "hercules-ci-agent";
  private static final String SCRIPT = "id -u " + AGENT_USER + " >/dev/null 2>&1 || echo missing:agent;"
      + " command -v sudo >/dev/null 2>&1 || echo missing:sudo;"
      + " command -v nix-build >/dev/null 2>&1 && command -v nix-store >/dev/null 2>&1 || echo missing:nix;"
      + " nix --version 2>/dev/null | head -n 1; true";

  private LivePreflight() {}

  static NixVersion check(HostAccess host, LiveTarget target) {
    CommandResult root = host.exec(List.of("true"));
    if (root.exitCode() == SshAccess.SSH_FAILED) {
      throw new LiveHostException("cannot reach " + target.shown() + " over SSH: " + NixHost.said(root));
    }
    if (root.exitCode() != 0) {
      throw new LiveHostException("on " + target.shown() + ", the login user cannot run commands as root: without sudo,"
          + " or sudo asks for a password (live runs 'sudo -n'); sudo said: " + NixHost.said(root));
    }
    CommandResult r = host.exec(List.of("sh", "-c", SCRIPT));
    List<String> problems = problems(r.stdout());
    if (!problems.isEmpty()) {
      throw new LiveHostException("the live host " + target.shown() + " cannot run the guide's check: "
          + String.join("; ", problems));
    }
    return version(r.stdout()).orElseThrow(() -> new LiveHostException("the live host " + target.shown()
        + " has Nix, but 'nix --version' said no version: " + Printable.escape(r.stdout().strip())));
  }

  /** What the preflight's output says is missing, each said plainly. */
  static List<String> problems(String output) {
    List<String> out = new ArrayList<>();
    if (output.contains("missing:agent")) out.add("it has no user " + AGENT_USER + " (is the agent installed there?)");
    if (output.contains("missing:sudo")) out.add("it has no sudo (the guide's check runs 'sudo -u " + AGENT_USER + "')");
    if (output.contains("missing:nix")) out.add("it has no Nix (no nix-build or nix-store on root's PATH)");
    return out;
  }

  /** The version {@code nix --version} printed, e.g. 2.26.3 of "nix (Nix) 2.26.3". */
  static Optional<NixVersion> version(String output) {
    Matcher m = VERSION.matcher(output);
    return m.find() ? Optional.of(new NixVersion(m.group(1), "live")) : Optional.empty();
  }
}
