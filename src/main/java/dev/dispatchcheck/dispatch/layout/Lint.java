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
  /** The farm linted; null when a text is checked alone (what an expectation deploys). */
  private final FarmLayout layout;
  private final FarmLimits limits;
  /** The plan's size as the machines lines are walked, against the limits. */
  private final PlanSize planSize;

  private Lint(FarmLayout layout, FarmLimits limits) {
    this.layout = layout;
    this.limits = limits;
    this.planSize = new PlanSize(limits, layout == null ? RootSsh.none() : RootSsh.of(layout));
  }

  /** The findings, sorted by file and line, under the default limits. */
  public static List<Finding> check(FarmLayout layout) {
    return check(layout, FarmLimits.DEFAULT);
  }

  /** The findings, sorted by file and line; a farm past one of {@code limits} is an error at the line that takes it past. */
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
    for (FarmCommand c : FarmCommands.of(layout, limits)) {
      lint.findings.add(new Finding(Severity.WARNING, c.file(), c.line(), c.lintMessage(), ""));
    }
    lint.findings.addAll(FarmSecrets.findings(layout, limits));
    lint.findings.addAll(lint.planSize.findings());
    // Routes only for a plan within the limits: each reads root's ssh_config again.
    if (lint.planSize.findings().isEmpty()) lint.findings.addAll(SshLint.of(layout, FarmPlan.of(layout, limits)));
    return lint.sorted();
  }

  private List<Finding> sorted() {
    List<Finding> sorted = new ArrayList<>(findings);
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
    nixSettings(config);
    effectBuilders(config, view);
  }

  /** Each entry: what cannot be read, a name that is not a setting's, a value of more than one line, a name twice. */
  private void nixSettings(AgentConfig config) {
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
  }

  /** What nixSettings do to the agent's effects, as the farm's files have the agent trusted or not. */
  private void effectBuilders(AgentConfig config, AgentView view) {
    String file = config.file();
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
    for (MachineEntries.LixTomlFile t : walk.lixTomlFiles()) {
      findings.add(new Finding(Severity.WARNING, where.apply(t.file()), t.line(), NixReadings.lixToml(), "all"));
    }
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

  /**
   * Farm files are copied and parsed as text: a line that is not (bytes that are not UTF-8,
   * control characters) is named once, and so is the first line longer than the limit.
   */
  private void text(String file, String content) {
    String[] lines = content.split("\n", -1);
    boolean text = true;
    boolean withinLength = true;
    for (int n = 1; n <= lines.length; n++) {
      if (text && !Printable.isTextLine(lines[n - 1])) {
        findings.add(new Finding(Severity.ERROR, file, n, "not text: the line holds bytes that are not UTF-8, or control"
            + " characters; dispatchcheck reads a farm's files as UTF-8 text", ""));
        text = false;
      }
      if (withinLength && lines[n - 1].length() > limits.lineLength()) {
        findings.add(new Finding(Severity.ERROR, file, n, lineTooLong(lines[n - 1].length(), limits.lineLength()), ""));
        withinLength = false;
      }
    }
  }

  /** What a line longer than the limit is told; shared with the expectations' check. */
  public static String lineTooLong(int length, int limit) {
    return "the line is " + length + " characters long; " + FarmLimits.atMost("reads lines of", limit, "--max-line-length",
        length);
  }

  private void builder(MachineEntries.Builder b, String file, int line) {
    Machine m = b.machine();
    planSize.add(m, file, line);
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
    if (m.uri().isSsh() && HarnessHosts.taken(m.hostName())) {
      findings.add(new Finding(Severity.ERROR, file, line, HarnessHosts.takenBy("builder host name '" + m.hostName() + "'"), ""));
    }
    m.sshKey().filter(k -> layout != null && layout.agentFile(k).isPresent() && layout.agentFile(k + ".pub").isEmpty()).ifPresent(k ->
        findings.add(new Finding(Severity.ERROR, file, line, "key file '" + k + "' of " + m.storeUri() + " is in the farm"
            + " but its .pub is not: dispatchcheck authorizes the key's .pub on the stand-in, so the farm holds both,"
            + " or neither (and dispatchcheck makes a fresh key there)", "")));
    if (!m.uri().isSsh() && !m.uri().isRelativePath()) {
      findings.add(new Finding(Severity.WARNING, file, line, m.storeUri() + " is not an ssh:// or ssh-ng:// builder;"
          + " dispatchcheck cannot stand in for it", ""));
    }
    for (NixReadings.Reading r : NixReadings.of(m)) findings.add(new Finding(Severity.WARNING, file, line, r.message(), r.versions()));
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

  // What a farm's expectations deploy (cli.ExpectationContent): a .feature's step may write a
  // machines file, a nix.conf, nixSettings or a builders table where a farm file would be, so
  // its text meets the rules of that file. Each finding's file is "", its line counts from 1 at
  // the text's first line (0: the whole text). An @file or include is not followed: the text is
  // checked alone, as the step writes it. A hook is refused besides (FarmCommands.runsCommands).

  /** nix.conf settings whose value is a command that Nix runs as root; an extra- form counts as its base. */

  /** A machines file, or a builders value (an effect's own --builders): each line's entries. */
  public static List<Finding> machinesText(String text) {
    Lint lint = new Lint(null, FarmLimits.DEFAULT);
    lint.text("", text);
    String[] lines = text.split("\n", -1);
    for (int n = 1; n <= lines.length; n++) lint.builders(lines[n - 1], n);
    return lint.sorted();
  }

  /** A nix.conf: what Nix rejects, each builders value's entries, and no hook. */
  public static List<Finding> nixConfText(String text) {
    Lint lint = new Lint(null, FarmLimits.DEFAULT);
    lint.text("", text);
    NixConfChain conf = NixConfChain.read("", p -> Optional.of(text), false);
    lint.conf(conf, f -> f);
    conf.settings().forEach(s -> lint.deployed(s.name(), s.value(), s.line()));
    return lint.sorted();
  }

  /** The agent's nixSettings in nix.conf syntax, one setting a line: an agent configuration's rules, and no hook. */
  public static List<Finding> nixSettingsText(String text) {
    Lint lint = new Lint(null, FarmLimits.DEFAULT);
    lint.text("", text);
    AgentConfig config = AgentConfig.ofLines("", text);
    lint.nixSettings(config);
    config.settings().forEach(e -> lint.deployed(e.name(), e.value(), e.line()));
    return lint.sorted();
  }

  /**
   * A row of the guide farm's builders table: the builder as {@code [user@]host}, its systems
   * separated by commas; each cell one line of text. Line 0: the row.
   */
  public static List<Finding> builderRow(String builder, String systems) {
    Lint lint = new Lint(null, FarmLimits.DEFAULT);
    for (String cell : List.of(builder, systems)) {
      if (!Printable.isTextLine(cell)) lint.findings.add(new Finding(Severity.ERROR, "", 0, "cell '" + cell
          + "' is not one line of text: a cell names one builder, or its systems", ""));
    }
    MachineValues.builderRow(builder, List.of(systems.split(",\\s*")))
        .forEach(e -> lint.findings.add(new Finding(Severity.ERROR, "", 0, e, "")));
    return lint.sorted();
  }

  /** A setting an expectation deploys: a builders value is walked where it is written, a hook refused. */
  private void deployed(String name, String value, int line) {
    if (name.equals("builders")) builders(value, line);
    if (FarmCommands.runsCommands(name)) {
      findings.add(new Finding(Severity.ERROR, "", line, name + " is not for a farm's expectations: it runs a command"
          + " (or loads code) as root on the hosts; put it in the farm's files, where lint names it and check neutralises it", ""));
    }
  }

  /** Machines entries written at {@code line}, checked as a machines file's are; an {@code @file} is not followed. */
  private void builders(String value, int line) {
    walk(MachineEntries.walk(value, new MachineEntries.Origin("", line), p -> Optional.empty(), false), f -> f,
        new LinkedHashSet<>(), null);
  }
}
