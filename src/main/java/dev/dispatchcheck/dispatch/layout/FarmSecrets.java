package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshConfig;
import dev.dispatchcheck.dispatch.layout.FarmSecret.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets a farm's files name and do not hold ({@link FarmSecret}): each nix.conf's
 * {@code secret-key-files} and {@code netrc-file} (the agent's, its includes and each user's
 * dotfile; each builder's), each include of a secret that is not there, and every
 * {@code IdentityFile} of the farm's ssh_config files. Each path where the harness would make
 * a throwaway is checked first ({@link SecretPaths}); a path it may not use is an error at
 * the line that names it.
 */
public final class FarmSecrets {
  private static final Set<String> SIGNING_KEYS = Set.of("secret-key-files", "extra-secret-key-files");
  private static final String NETRC = "netrc-file";

  private FarmSecrets() {}

  /** The farm's secrets, by file and line (a line's paths in their order), each once. */
  public static List<FarmSecret> of(FarmLayout layout, FarmLimits limits) {
    Set<FarmSecret> found = new LinkedHashSet<>();
    for (NixConfChain chain : new AgentView(layout, limits).nixConfs()) {
      nixConf(chain, HarnessHosts.AGENT, FarmLayout::farmPathOfAgentFile, found);
    }
    layout.builderNixConfs().forEach((host, text) -> nixConf(
        NixConfChain.read(FarmLayout.SYSTEM_NIX_CONF, p -> Optional.of(text), false), host,
        p -> FarmLayout.farmPathOfBuilderNixConf(host), found));
    SshConfigFiles.of(layout).forEach((path, config) -> {
      for (SshConfig.Line l : config.lines()) {
        if (l.is("IdentityFile") && !l.args().isEmpty() && !l.args().get(0).equalsIgnoreCase("none")) {
          found.add(new FarmSecret(Kind.SSH_IDENTITY, HarnessHosts.AGENT, l.args().get(0),
              FarmLayout.farmPathOfAgentFile(path), l.number(), l.keyword()));
        }
      }
    });
    // What the farm holds is deployed as it is: only what it lacks is a secret to stand in for.
    return found.stream().filter(s -> !s.onAgent() || s.kind() == Kind.SSH_IDENTITY || layout.agentFile(s.path()).isEmpty())
        .sorted(Comparator.comparing(FarmSecret::file).thenComparingInt(FarmSecret::line)).toList();
  }

  private static void nixConf(NixConfChain chain, String host, java.util.function.Function<String, String> where,
      Set<FarmSecret> found) {
    for (NixConfChain.Located s : chain.settings()) {
      Kind kind = SIGNING_KEYS.contains(s.name()) ? Kind.SIGNING_KEY : s.name().equals(NETRC) ? Kind.NETRC : null;
      if (kind == null) continue;
      for (String path : s.value().strip().split("\\s+")) {
        if (!path.isEmpty()) found.add(new FarmSecret(kind, host, path, where.apply(s.file()), s.line(), s.name()));
      }
    }
    for (NixConfChain.Absent a : chain.absent()) {
      if (!SecretPaths.secretDirectory(a.path())) continue; // a missing include of any other file: lint's error, or Nix skips it
      found.add(new FarmSecret(a.optional() ? Kind.OPTIONAL_INCLUDE : Kind.INCLUDE, host, a.path(), where.apply(a.file()),
          a.line(), a.optional() ? "!include" : "include"));
    }
  }

  /** Each throwaway's path the harness may not use, as an error at the line that names it. */
  static List<Finding> findings(FarmLayout layout, FarmLimits limits) {
    List<Finding> findings = new ArrayList<>();
    for (FarmSecret s : of(layout, limits)) {
      if (!s.kind().throwaway) continue;
      String what = s.setting() + " '" + FarmCommand.shown(s.path()) + "'";
      Optional<String> problem = s.kind() == Kind.SSH_IDENTITY ? SshIdentities.problem(s.path(), what)
          : SecretPaths.problem(s.path(), false, what);
      problem.ifPresent(p -> findings.add(new Finding(Severity.ERROR, s.file(), s.line(), p, "")));
    }
    return findings;
  }
}
