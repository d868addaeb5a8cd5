package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.layout.FarmCommand.Deployed;
import dev.dispatchcheck.dispatch.layout.FarmCommand.Source;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The farm as the stand-ins get it. Unless the operator runs farm commands, each of its
 * {@link FarmCommand}s is neutralised line for line, so that the map is the answer of the
 * farm without that command:
 *
 * <ul>
 *   <li>pre-, post-build and diff hooks point at the harness's no-op, which notes the call
 *       and exits 0: a hook that succeeds is what a farm without it amounts to (none of them
 *       decides where a build goes), and the call is still seen to happen;
 *   <li>build-hook and plugin-files are dropped (commented out): a no-op cannot speak the
 *       build hook's protocol, and without the setting Nix's stock hook decides, which is
 *       the farm without it;
 *   <li>ProxyCommand, LocalCommand, KnownHostsCommand and PKCS11Provider become {@code none}
 *       (SecurityKeyProvider ssh's own, {@code internal}), not a comment: ssh keeps the first
 *       value it reads, so a later block's value must not take the place of the neutralised one;
 *   <li>a {@code Match} line with {@code exec} becomes a Match that never matches (its
 *       condition taken as false), the block's lines kept as ssh would still read them.
 * </ul>
 *
 * The farm's text only ever travels as file content (base64) and {@code --option}
 * arguments; the harness's replacements hold none of it.
 *
 * @param layout the farm's files as deployed
 * @param commands the farm's commands, neutralised or as written
 * @param ran whether they were deployed as written ({@code --run-farm-commands})
 */
public record FarmDeployment(FarmLayout layout, List<FarmCommand> commands, boolean ran) {

  static final String MARK = "# neutralised by dispatchcheck";

  public FarmDeployment {
    commands = List.copyOf(commands);
  }

  /** {@code layout}'s commands neutralised, or, with {@code runFarmCommands}, left as written. */
  public static FarmDeployment of(FarmLayout layout, boolean runFarmCommands) {
    return of(layout, FarmLimits.DEFAULT, runFarmCommands);
  }

  /** Under {@code limits}: the include chains are followed as deep as lint followed them, so no hook hides deeper. */
  public static FarmDeployment of(FarmLayout layout, FarmLimits limits, boolean runFarmCommands) {
    List<FarmCommand> commands = FarmCommands.of(layout, limits);
    if (runFarmCommands) return new FarmDeployment(layout, commands, true);
    Map<String, String> agent = new TreeMap<>(layout.agentFiles());
    Map<String, String> builders = new TreeMap<>(layout.builderNixConfs());
    for (FarmCommand c : commands) {
      if (c.source() == Source.AGENT_FILE) agent.computeIfPresent(c.key(), (k, text) -> neutralised(text, c));
      if (c.source() == Source.BUILDER_NIX_CONF) builders.computeIfPresent(c.key(), (k, text) -> neutralised(text, c));
    }
    Optional<AgentConfig> config = layout.agentConfig().map(a -> neutralised(a, commands));
    return new FarmDeployment(new FarmLayout(layout.dir(), agent, builders, layout.features(), config), commands, false);
  }

  /** What the map's notes say: each command, neutralised or run, and what that means for the answers. */
  public List<String> notes() {
    return commands.stream().map(c -> c.note(ran)).toList();
  }

  /** Whether a recorded no-op was deployed, so that the hosts' record of calls is worth reading. */
  public boolean recorded() {
    return !ran && commands.stream().anyMatch(c -> c.kind().deployed == Deployed.RECORDED);
  }

  /**
   * Farm files a command run as written starts as a program (its first word, on the agent
   * host): the farm keeps no file modes, and on the real farm such a file must be
   * executable, or Nix and ssh could not run it.
   */
  public List<String> executables() {
    if (!ran) return List.of();
    Set<String> out = new LinkedHashSet<>();
    for (FarmCommand c : commands) {
      if (c.source() == Source.BUILDER_NIX_CONF || c.kind().deployed == Deployed.AS_WRITTEN || c.kind().loadsCode()) continue;
      String first = c.command().strip().split("\\s+", 2)[0];
      if (first.startsWith("/") && layout.agentFile(first).isPresent()) out.add(FarmLayout.normalize(first));
    }
    return List.copyOf(out);
  }

  /** {@code text} with the line of {@code c} replaced (line for line, so the rest keeps its numbers). */
  static String neutralised(String text, FarmCommand c) {
    String[] lines = text.split("\n", -1);
    if (c.line() < 1 || c.line() > lines.length) return text;
    String line = lines[c.line() - 1];
    String indent = line.substring(0, line.length() - line.stripLeading().length());
    lines[c.line() - 1] = switch (c.kind().deployed) {
      case RECORDED -> c.name() + " = " + FarmCommand.recorder(c.kind()) + " " + MARK;
      case DROPPED -> MARK + ": " + line.strip();
      case OFF -> indent + c.name() + " " + c.kind().offValue();
      case NEVER_APPLIES -> indent + FarmCommand.NEVER_MATCHES;
      case AS_WRITTEN -> line;
    };
    return String.join("\n", lines);
  }

  /** The agent configuration with its hooks in nixSettings neutralised as a nix.conf's are. */
  private static AgentConfig neutralised(AgentConfig config, List<FarmCommand> commands) {
    List<AgentConfig.Entry> settings = new ArrayList<>();
    for (AgentConfig.Entry e : config.settings()) {
      Optional<FarmCommand> c = commands.stream()
          .filter(x -> x.source() == Source.NIX_SETTINGS && x.line() == e.line() && x.key().equals(e.name())).findFirst();
      Deployed how = c.map(x -> x.kind().deployed).orElse(Deployed.AS_WRITTEN);
      if (how == Deployed.RECORDED) settings.add(new AgentConfig.Entry(e.line(), e.name(), FarmCommand.recorder(c.get().kind())));
      else if (how != Deployed.DROPPED) settings.add(e);
    }
    return new AgentConfig(config.file(), settings, config.problems());
  }
}
