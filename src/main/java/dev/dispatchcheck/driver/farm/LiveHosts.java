package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.evidence.CrossCheck;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.host.CommandResult;
import dev.dispatchcheck.driver.host.NixHost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live farm's hosts: the agent host, over SSH, the only one the harness runs anything
 * on; and its builders, known by the store URI the agent host's root reaches each with.
 * Their stores are asked from the agent host as root, through Nix and root's own SSH
 * set-up (its known_hosts, the key file the machines line names), the access the daemon's
 * builds already use and no other: the path's presence and its deriver.
 */
final class LiveHosts implements FarmHosts {
  /** A builder, by the name the machines lines give it, and the store URI root asks it by. */
  record BuilderStore(String host, String uri) {}

  private final NixHost agent;
  private final List<BuilderStore> builders;

  LiveHosts(NixHost agent, List<BuilderStore> builders) {
    this.agent = agent;
    this.builders = List.copyOf(builders);
  }

  /** A builder's store URI as one of the farm's machines lines reaches it: its protocol, user, key file and host key. */
  static BuilderStore storeOf(FarmPlan.StandIn s) {
    List<String> params = new ArrayList<>();
    s.keyFiles().stream().findFirst().ifPresent(k -> params.add("ssh-key=" + encoded(k)));
    s.hostKeys().stream().findFirst().ifPresent(k -> params.add("base64-ssh-public-host-key=" + encoded(k.base64())));
    String protocol = s.protocols().isEmpty() ? "ssh" : s.protocols().get(0);
    String user = s.sshUsers().isEmpty() ? "root" : s.sshUsers().get(0);
    return new BuilderStore(s.host(), protocol + "://" + user + "@" + s.host()
        + (params.isEmpty() ? "" : "?" + String.join("&", params)));
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  List<BuilderStore> builders() {
    return builders;
  }

  @Override
  public NixHost host(String name) {
    return agent.name().equalsIgnoreCase(name) ? agent : null;
  }

  @Override
  public List<NixHost> hosts() {
    return List.of(agent);
  }

  /**
   * Which builder's store holds {@code output}, each asked at once: a store that holds it
   * with another deriver than {@code derivation} is a harness error (the log and the store
   * tell two stories); a builder root cannot reach now is not counted either way, as a
   * stand-in that is down is not. No probe journal: a live probe notes none.
   */
  CrossCheck crossCheck(String output, Optional<String> derivation) {
    List<CommandResult> answers = Concurrently.map(builders, b -> agent.query(List.of("nix-store", "--store", b.uri(),
        "--query", "--deriver", output)));
    Map<String, Boolean> stores = new LinkedHashMap<>();
    List<String> unasked = new ArrayList<>();
    for (int i = 0; i < builders.size(); i++) {
      BuilderStore b = builders.get(i);
      CommandResult answer = answers.get(i);
      holds(b, answer, output, derivation).ifPresentOrElse(h -> stores.put(b.host(), h), () -> unasked.add(b.host()
          + " (" + Printable.escape(answer.stderr().strip()).replace("\\x0a", "; ") + ")"));
    }
    if (stores.isEmpty() && !unasked.isEmpty()) {
      throw new HarnessError("no builder's store could be asked from the agent host as root: " + String.join(", ", unasked));
    }
    return new CrossCheck(agent.name(), stores, Map.of());
  }

  /** One store's answer: holds it, does not, or could not be asked (empty). */
  static Optional<Boolean> holds(BuilderStore b, CommandResult r, String output, Optional<String> derivation) {
    if (r.exitCode() != 0) {
      return r.stderr().contains("is not valid") ? Optional.of(false) : Optional.empty();
    }
    String deriver = r.stdout().strip();
    if (derivation.isPresent() && !deriver.equals("unknown-deriver") && !deriver.equals(derivation.get())) {
      throw new HarnessError("the store of " + b.host() + " holds " + output + " built from "
          + Printable.escape(deriver) + ", not from the build's " + derivation.get());
    }
    return Optional.of(true);
  }

  @Override
  public void close() {
    agent.close();
  }
}
