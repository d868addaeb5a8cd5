package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.NixSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a farm's files before any container starts: what Nix would reject, what it would
 * silently drop, and what differs between Nix versions. Every finding names the farm file
 * and line at fault.
 */
public final class Lint {

  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

  private final Set<Finding> findings = new LinkedHashSet<>(); // a file reached twice reports once
  private final FarmLayout layout;
  private final FarmLimits limits;

  private Lint(FarmLayout layout, FarmLimits limits) {
    this.layout = layout;
    this.limits = limits;
  }

  /** The findings, sorted by file and line, under the default limits. */
  public static List<Finding> check(FarmLayout layout) {
    return check(layout, FarmLimits.DEFAULT);
  }

  /** The findings, sorted by file and line; a farm past one of {@code limits} has an error that names it. */
  public static List<Finding> check(FarmLayout layout, FarmLimits limits) {
    Lint lint = new Lint(layout, limits);
    layout.agentFiles().forEach((path, text) -> lint.text(FarmLayout.farmPathOfAgentFile(path), text));
    layout.agentFiles().keySet().stream().filter(p -> !AgentPaths.allowed(p)).forEach(p -> lint.findings.add(new Finding(
        Severity.ERROR, FarmLayout.farmPathOfAgentFile(p), 0, "a farm may put files on the agent host only under "
            + String.join(", ", AgentPaths.ALLOWED) + ": anywhere else a file could replace a program the harness or"
            + " the probe runs, and forge where builds went", "")));
    layout.builderNixConfs().forEach((host, text) -> lint.text(FarmLayout.farmPathOfBuilderNixConf(host), text));
    lint.findings.addAll(HarnessHosts.directoryClashes(layout.builderNixConfs().keySet()));
    lint.agent();
    layout.agentConfig().ifPresent(c -> lint.agentConfig(c, new AgentView(layout, limits)));
    layout.builderNixConfs().forEach((host, text) -> lint.conf(
        NixConfChain.read(FarmLayout.SYSTEM_NIX_CONF, p -> Optional.of(text), false),
        p -> FarmLayout.farmPathOfBuilderNixConf(host)));
    List<Finding> sorted = new ArrayList<>(lint.findings);
    sorted.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line));
    return sorted;
  }

  private void agent() {
    AgentView view = new AgentView(layout, limits);
    Function<String, String> where = FarmLayout::farmPathOfAgentFile;
    conf(view.system(), where);
    Set<String> machinesFilesRead = new LinkedHashSet<>();
    walk(view.walkSystem(), where, machinesFilesRead, null);
    for (FarmUser user : FarmUser.ALL) {
      view.dotfile(user).ifPresent(c -> conf(c, where));
      view.ownBuilders(user).filter(b -> !view.trusted(user)).ifPresent(b -> findings.add(new Finding(
          Severity.WARNING, where.apply(b.file()), b.line(),
          user.name() + " is not in trusted-users, so the daemon ignores a builders setting from"
              + " this untrusted user and uses the system's (Nix 2.22+ warns, older Nix says nothing)", "all")));
      view.walkOwn(user).ifPresent(w -> walk(w, where, machinesFilesRead, user));
    }
    unread(machinesFilesRead);
  }

  /**
   * The agent configuration's nixSettings: what cannot be read, and the settings that do
   * not do there what an operator may think (README, "Defects found in the guide").
   */
  private void agentConfig(AgentConfig config, AgentView view) {
    String file = config.file();
    for (AgentConfig.Entry p : config.problems()) findings.add(new Finding(Severity.ERROR, file, p.line(), p.value(), ""));
    Set<String> seen = new java.util.HashSet<>();
    for (AgentConfig.Entry e : config.settings()) {
      if (!NixSettings.NAME.matcher(e.name()).matches()) {
        findings.add(new Finding(Severity.ERROR, file, e.line(), "nixSettings name '" + e.name() + "' is not a setting's name ("
            + NixSettings.NAME.pattern() + "); the agent passes it to Nix as --option NAME VALUE", ""));
        continue;
      }
      if (!Printable.isTextLine(e.value())) {
        findings.add(new Finding(Severity.ERROR, file, e.line(), "nixSettings." + e.name() + " holds a line break or"
            + " control characters; a Nix setting's value is one line of text", ""));
      }
      if (!seen.add(e.name())) {
        findings.add(new Finding(Severity.ERROR, file, e.line(), "nixSettings." + e.name() + " is set a second time", ""));
      }
      unknownSetting(new NixConfChain.Located(file, e.line(), e.name(), e.value()), f -> f);
      String base = e.name().startsWith("extra-") ? e.name().substring(6) : "";
      if (!base.isEmpty() && config.setting(base).isPresent() && KnownSettings.get().unknownIn(e.name()).isEmpty()) {
        findings.add(new Finding(Severity.WARNING, file, e.line(), "nixSettings sets both " + base + " and " + e.name()
            + "; the agent applies them in key order, so " + base + " replaces what " + e.name() + " added"
            + " (hercules-ci-agent's documentation: use one or the other, not both)", ""));
      }
    }
    config.setting("builders").ifPresent(b -> findings.add(new Finding(Severity.WARNING, file, b.line(),
        "builders in nixSettings reach the agent's effects over its dotfile's, but the guide's check (sudo -u "
            + "hercules-ci-agent nix-build) cannot see them: it cannot vouch for where effects build (the map's effect rows show it)"
            + (view.trusted(FarmUser.AGENT) ? "" : "; and hercules-ci-agent is not in trusted-users, so the daemon ignores them"),
        "")));
    config.setting("max-jobs").ifPresent(m -> findings.add(new Finding(Severity.WARNING, file, m.line(),
        "max-jobs in nixSettings does not limit the agent's effects: an effect's nix-build sends its own max-jobs,"
            + " which the daemon applies for any client", "all")));
    Function<String, String> where = f -> f.equals(file) ? f : FarmLayout.farmPathOfAgentFile(f);
    view.walkNixSettings().ifPresent(w -> walk(w, where, new LinkedHashSet<>(), FarmUser.AGENT));
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

  /** {@code user} is whose own builders value it is; null for the system's. */
  private void walk(MachineEntries walk, Function<String, String> where, Set<String> filesRead, FarmUser user) {
    filesRead.addAll(walk.filesRead());
    for (MachineEntries.Problem p : walk.problems()) {
      findings.add(new Finding(p.severity(), where.apply(p.origin().file()), p.origin().line(), p.message(), p.versions()));
    }
    for (MachineEntries.Builder b : walk.builders()) builder(b, where.apply(b.origin().file()), b.origin().line());
    for (MachineEntries.EmptyFile e : walk.emptyFiles()) emptyFile(e, walk.builders().isEmpty(), where, user);
  }

  /** The guide's grep as printed leaves the agent's machines file empty, and Nix says nothing of it. */
  private void emptyFile(MachineEntries.EmptyFile e, boolean noBuilders, Function<String, String> where, FarmUser user) {
    String setting = user != null ? user.name() + "'s builders setting"
        : e.origin().line() == 0 ? "Nix's default builders value" : "the system's builders setting";
    String left = user == null ? "every user without a builders setting of their own"
        : user.equals(FarmUser.AGENT) ? "the agent (" + user.name() + ")" : user.name();
    findings.add(new Finding(Severity.WARNING, where.apply(e.origin().file()), e.origin().line(),
        e.path() + " is empty (" + where.apply(e.path()) + " holds no machine lines): " + (noBuilders
            ? setting + " leaves " + left + " with no remote builders" : "it adds no builders to " + setting), "all"));
  }

  /** Farm files are copied and parsed as text: a line that is not (bytes that are not UTF-8, control characters) is named once. */
  private void text(String file, String content) {
    String[] lines = content.split("\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      if (!Printable.isTextLine(lines[n - 1])) {
        findings.add(new Finding(Severity.ERROR, file, n, "not text: the line holds bytes that are not UTF-8, or control"
            + " characters; dispatchcheck reads a farm's files as UTF-8 text", ""));
        return;
      }
    }
  }

  private void builder(MachineEntries.Builder b, String file, int line) {
    Machine m = b.machine();
    m.publicHostKey().map(HostKey::of).ifPresent(key -> {
      if (!key.decodes()) {
        findings.add(new Finding(Severity.ERROR, file, line, "host key '" + key.base64() + "' of " + m.storeUri()
            + " is not base64; Nix rejects the line (`is not valid base64 string`)", "all"));
      } else if (!BASE64.matcher(key.base64()).matches()) {
        // Nix stops decoding at the first '='; the harness passes the column on, so it must be base64 throughout.
        findings.add(new Finding(Severity.ERROR, file, line, "host key '" + key.base64() + "' of " + m.storeUri()
            + " holds characters that are not base64 (Nix ignores what follows its '=')", ""));
      } else if (!key.looksLikeKey()) {
        findings.add(new Finding(Severity.WARNING, file, line, "host key of " + m.storeUri() + " decodes, but not to"
            + " an OpenSSH public key ('ssh-ed25519 AAAA...'); ssh will not accept the builder's key", "all"));
      }
    });
    for (String error : MachineValues.errors(m)) findings.add(new Finding(Severity.ERROR, file, line, error, ""));
    if (FarmPlan.isSsh(m) && HarnessHosts.taken(m.hostName())) {
      findings.add(new Finding(Severity.ERROR, file, line, HarnessHosts.takenBy("builder host name '" + m.hostName() + "'"), ""));
    }
    m.sshKey().filter(k -> layout.agentFile(k).isPresent() && layout.agentFile(k + ".pub").isEmpty()).ifPresent(k ->
        findings.add(new Finding(Severity.ERROR, file, line, "key file '" + k + "' of " + m.storeUri() + " is in the farm"
            + " but its .pub is not: dispatchcheck authorizes the key's .pub on the stand-in, so the farm holds both,"
            + " or neither (and dispatchcheck makes a fresh key there)", "")));
    if (!FarmPlan.isSsh(m) && !MachineValues.isRelativeStorePath(m)) {
      findings.add(new Finding(Severity.WARNING, file, line, m.storeUri() + " is not an ssh:// or ssh-ng:// builder;"
          + " dispatchcheck cannot stand in for it", ""));
    }
  }

  /** A machines file no builders value names is never read: the guide's agent machines file is the case in point. */
  private void unread(Set<String> read) {
    for (Map.Entry<String, String> e : layout.agentFiles().entrySet()) {
      String path = e.getKey();
      if (path.endsWith("/nix/machines") && !read.contains(path)) {
        findings.add(new Finding(Severity.WARNING, FarmLayout.farmPathOfAgentFile(path), 0,
            "no builders value names this file (@" + path + "), so Nix never reads it", "all"));
      }
    }
  }
}
