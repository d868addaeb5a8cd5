package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.Machine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a farm's files before any container starts: what Nix would reject, what it would
 * silently drop, and what differs between Nix versions. Every finding names the farm file
 * and line at fault.
 */
public final class Lint {

  private final Set<Finding> findings = new LinkedHashSet<>(); // a file reached twice reports once

  private Lint() {}

  /** The findings, sorted by file and line. */
  public static List<Finding> check(FarmLayout layout) {
    Lint lint = new Lint();
    lint.agent(layout);
    layout.builderNixConfs().forEach((host, text) -> lint.conf(
        NixConfChain.read(FarmLayout.SYSTEM_NIX_CONF, p -> Optional.of(text), false),
        p -> FarmLayout.farmPathOfBuilderNixConf(host)));
    List<Finding> sorted = new ArrayList<>(lint.findings);
    sorted.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line));
    return sorted;
  }

  private void agent(FarmLayout layout) {
    AgentView view = new AgentView(layout);
    Function<String, String> where = FarmLayout::farmPathOfAgentFile;
    conf(view.system(), where);
    Set<String> machinesFilesRead = new LinkedHashSet<>();
    walk(view.walkSystem(), where, machinesFilesRead);
    for (FarmUser user : FarmUser.ALL) {
      view.dotfile(user).ifPresent(c -> conf(c, where));
      view.ownBuilders(user).filter(b -> !view.trusted(user)).ifPresent(b -> findings.add(new Finding(
          Severity.WARNING, where.apply(b.file()), b.line(),
          user.name() + " is not in trusted-users, so the daemon ignores a builders setting from"
              + " this untrusted user and uses the system's (Nix 2.22+ warns, older Nix says nothing)", "all")));
      view.walkOwn(user).ifPresent(w -> walk(w, where, machinesFilesRead));
    }
    unread(layout, machinesFilesRead);
  }

  private void conf(NixConfChain conf, Function<String, String> where) {
    for (NixConfChain.Problem p : conf.problems()) {
      findings.add(new Finding(Severity.ERROR, where.apply(p.file()), p.line(), p.message(), "all"));
    }
    for (NixConfChain.Located s : conf.settings()) unknownSetting(s, where);
  }

  /** A name some checked Nix does not know: it warns and drops the setting. */
  private void unknownSetting(NixConfChain.Located s, Function<String, String> where) {
    KnownSettings known = KnownSettings.get();
    List<String> unknownIn = known.unknownIn(s.name());
    if (unknownIn.isEmpty()) return;
    String warning = "`warning: unknown setting '" + s.name() + "'` and drops it";
    String message;
    String versions;
    if (unknownIn.size() == KnownSettings.VERSIONS.size()) {
      String base = s.name().startsWith("extra-") ? s.name().substring(6) : "";
      message = "Nix prints " + warning + (known.knownAnywhere(base)
          ? " ('" + base + "' holds a single value, so there is no extra-" + base + ")" : "");
      versions = "all";
    } else {
      versions = "Nix " + String.join(", ", unknownIn);
      message = versions + " print" + (unknownIn.size() == 1 ? "s " : " ") + warning;
    }
    findings.add(new Finding(Severity.WARNING, where.apply(s.file()), s.line(), message, versions));
  }

  private void walk(MachineEntries walk, Function<String, String> where, Set<String> filesRead) {
    filesRead.addAll(walk.filesRead());
    for (MachineEntries.Problem p : walk.problems()) {
      findings.add(new Finding(p.severity(), where.apply(p.origin().file()), p.origin().line(), p.message(), p.versions()));
    }
    for (MachineEntries.Builder b : walk.builders()) builder(b, where.apply(b.origin().file()), b.origin().line());
  }

  private void builder(MachineEntries.Builder b, String file, int line) {
    Machine m = b.machine();
    m.publicHostKey().map(HostKey::of).ifPresent(key -> {
      if (!key.decodes()) {
        findings.add(new Finding(Severity.ERROR, file, line, "host key '" + key.base64() + "' of " + m.storeUri()
            + " is not base64; Nix rejects the line (`is not valid base64 string`)", "all"));
      } else if (!key.looksLikeKey()) {
        findings.add(new Finding(Severity.WARNING, file, line, "host key of " + m.storeUri() + " decodes, but not to"
            + " an OpenSSH public key ('ssh-ed25519 AAAA...'); ssh will not accept the builder's key", "all"));
      }
    });
    m.sshKey().filter(k -> !k.startsWith("/")).ifPresent(k -> findings.add(new Finding(Severity.ERROR, file, line,
        "ssh key '" + k + "' of " + m.storeUri() + " is a relative path, which ssh resolves against the working directory"
            + " of the Nix process that runs it, not a home; give an absolute path", "all")));
    if (!FarmPlan.isSsh(m)) {
      findings.add(new Finding(Severity.WARNING, file, line, m.storeUri() + " is not an ssh:// or ssh-ng:// builder;"
          + " dispatchcheck cannot stand in for it", ""));
    }
  }

  /** A machines file no builders value names is never read: the guide's agent machines file is the case in point. */
  private void unread(FarmLayout layout, Set<String> read) {
    for (Map.Entry<String, String> e : layout.agentFiles().entrySet()) {
      String path = e.getKey();
      if (path.endsWith("/nix/machines") && !read.contains(path)) {
        findings.add(new Finding(Severity.WARNING, FarmLayout.farmPathOfAgentFile(path), 0,
            "no builders value names this file (@" + path + "), so Nix never reads it", "all"));
      }
    }
  }
}
