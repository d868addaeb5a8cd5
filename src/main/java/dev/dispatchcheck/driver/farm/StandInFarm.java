package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.layout.FarmCommand;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.HarnessHosts;
import dev.dispatchcheck.dispatch.layout.HostKey;
import dev.dispatchcheck.dispatch.layout.KexAlgorithmsNamed;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.FarmUnderCheck;
import dev.dispatchcheck.run.RunSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An operator's farm in containers: the agent host with the operator's files as they will
 * be deployed, and a stand-in for every builder its machines files name, under the real
 * host names, SSH users and protocols. What the harness must assume or override is noted,
 * never silent.
 */
public final class StandInFarm {
  /** The hooks a recorded no-op stands in for, by the name it notes each call under. */
  private static final Set<String> HOOKS = Arrays.stream(FarmCommand.Kind.values())
      .filter(k -> k.deployed == FarmCommand.Deployed.RECORDED).map(k -> k.keyword).collect(Collectors.toSet());

  private StandInFarm() {}

  public static FarmSpec spec(FarmUnderCheck underCheck, RunSettings settings) {
    FarmLayout layout = underCheck.deployment().layout();
    FarmPlan plan = underCheck.plan();
    List<String> notes = new ArrayList<>(List.of(
        "overridden on every host: substituters = (empty; there is no binary cache offline), sandbox = false"
            + " (no namespaces in an unprivileged container), build-users-group = nixbld"));
    List<HostSpec> hosts = new ArrayList<>();
    hosts.add(HostSpec.agent(HarnessHosts.AGENT, settings.agentNix()).withFiles(layout.agentFiles())
        .withFiles(SecretStandIns.files(underCheck, HarnessHosts.AGENT)));
    for (FarmPlan.StandIn s : plan.standIns()) {
      List<String> users = s.sshUsers().stream().filter(u -> !u.equals("root")).toList();
      Map<String, String> files = new LinkedHashMap<>();
      layout.builderNixConf(s.host()).ifPresent(conf -> files.put(NixHost.SYSTEM_NIX_CONF, conf));
      files.putAll(SecretStandIns.files(underCheck, s.host()));
      boolean own = files.containsKey(NixHost.SYSTEM_NIX_CONF);
      hosts.add(new HostSpec(s.host(), HostSpec.Role.BUILDER, settings.buildersNix(), s.systems(),
          Set.copyOf(s.features()), users, own ? List.of() : users, files));
      notes.add(s.host() + ": a stand-in (Nix " + settings.buildersNix().label() + ") claiming "
          + String.join(", ", s.systems()) + (s.features().isEmpty() ? "" : " with features " + String.join(", ", s.features()))
          + " over " + String.join(" and ", s.protocols()) + " as " + String.join(", ", s.sshUsers())
          + (own ? "; its own nix.conf from the farm is applied after those claims"
              : "; no nix.conf of its own in the farm, so it is assumed correctly configured: its SSH users are"
                  + " trusted by its daemon, nix-store and nix-daemon are on the non-interactive PATH"));
    }
    hosts.addAll(SshStandIns.bastions(plan, settings.buildersNix(), notes));
    notes.addAll(SshStandIns.notes(plan));
    notes.addAll(underCheck.deployment().notes());
    notes.addAll(SecretStandIns.notes(underCheck));
    return new FarmSpec(hosts, notes, plan.routes());
  }

  /**
   * Starts the farm (its commands deployed as {@link FarmUnderCheck#deployment()} says), then
   * makes each farm file that a command run as written starts executable, gives each
   * key-file column a fresh key at that path on the agent host, authorized on its builder,
   * and puts each stand-in's host key where a host-key column names the real builder's (the
   * stand-in cannot hold the real private key).
   */
  public static Farm start(FarmUnderCheck underCheck, RunSettings settings, List<String> notes) {
    FarmPlan plan = underCheck.plan();
    FarmSpec spec = spec(underCheck, settings);
    notes.addAll(spec.notes());
    Farm farm = Farm.start(spec, settings);
    try {
      NixHost agent = farm.agent().host();
      for (String program : underCheck.deployment().executables()) {
        agent.shellOrFail("root", "chmod 755 -- " + Shell.quote(program));
        notes.add(FarmLayout.farmPathOfAgentFile(program) + ": deployed executable, as a command of the farm's runs it"
            + " (the farm keeps no file modes)");
      }
      for (FarmPlan.StandIn s : plan.standIns()) {
        NixHost builder = farm.host(s.host());
        for (String keyFile : s.keyFiles()) {
          SecretStandIns.authorize(agent, builder, keyFile, s.sshUsers(), s.host(), new java.util.HashSet<>());
          notes.add(s.host() + ": the key file " + keyFile + " is a fresh key made on the agent host, authorized on the stand-in");
        }
        if (!s.hostKeys().isEmpty()) {
          String standInKey = builder.shellOrFail("root", "base64 -w0 /etc/ssh/ssh_host_ed25519_key.pub").strip();
          for (HostKey k : s.hostKeys()) {
            // Replaced as a fixed string (no sed pattern), in every agent file that holds it.
            agent.shellOrFail("root", "old=" + Shell.quote(k.base64()) + "; new=" + Shell.quote(standInKey) + ";"
                + " grep -rlF -e \"$old\" /etc/nix /var/lib/hercules-ci-agent/.config/nix /root 2>/dev/null"
                + " | while read -r f; do awk -v o=\"$old\" -v n=\"$new\" '{ while ((i = index($0, o)) > 0)"
                + " $0 = substr($0, 1, i - 1) n substr($0, i + length(o)); print }' \"$f\" > \"$f.new\""
                + " && cat \"$f.new\" > \"$f\" && rm -f \"$f.new\"; done; true");
          }
          notes.add(s.host() + ": its host-key column now holds the stand-in's public host key (the real one's private"
              + " key is not here)");
        }
      }
      SecretStandIns.make(farm, underCheck, notes);
      SshStandIns.prepare(farm, plan, KexAlgorithmsNamed.in(underCheck.layout()), notes);
      return farm;
    } catch (RuntimeException e) {
      farm.close();
      throw e;
    }
  }

  /** The evidence that builds passed through the farm's bastions, from the sshd logs (none without a bastion). */
  public static List<String> passage(Farm farm, FarmUnderCheck underCheck) {
    return SshStandIns.passage(farm, underCheck.plan());
  }

  /**
   * How often Nix called each neutralised hook on each host, from the no-ops' own record
   * ({@link FarmCommand#RECORDER_LOG}): evidence that they stood in for the farm's. Empty
   * when no no-op was deployed.
   */
  public static List<String> neutralisedCalls(Farm farm, FarmUnderCheck underCheck) {
    if (!underCheck.deployment().recorded()) return List.of();
    List<String> notes = new ArrayList<>();
    for (NixHost h : farm.hosts()) {
      Map<String, Integer> calls = new TreeMap<>();
      for (String line : h.readFile(FarmCommand.RECORDER_LOG).orElse("").split("\n")) {
        String hook = line.split(" ", 2)[0];
        if (HOOKS.contains(hook)) calls.merge(hook, 1, Integer::sum);
      }
      calls.forEach((hook, n) -> notes.add(h.name() + ": Nix called the neutralised " + hook + " " + n + " time"
          + (n == 1 ? "" : "s") + " while mapping, each call in place of the farm's (" + FarmCommand.RECORDER_LOG + ")"));
    }
    if (notes.isEmpty()) notes.add("Nix called no neutralised hook while mapping (" + FarmCommand.RECORDER_LOG + " is empty on every host)");
    return notes;
  }
}
