package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.dispatch.config.StoreUri;
import dev.dispatchcheck.dispatch.layout.HarnessHosts;
import dev.dispatchcheck.dispatch.verdict.SelfCheck;
import dev.dispatchcheck.driver.farm.AgentHost;
import dev.dispatchcheck.run.RunSettings;
import io.cucumber.java.DataTableType;
import io.cucumber.java.DocStringType;
import io.cucumber.java.ParameterType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The step vocabulary's nouns: users, hosts, builders, systems, failure causes, verdicts, typed doc strings. */
public class ParameterTypes {
  static final String AGENT_HOST = HarnessHosts.AGENT;
  static final String CLIENT = HarnessHosts.CLIENT;

  private final Verdicts verdicts;

  public ParameterTypes(Verdicts verdicts) {
    this.verdicts = verdicts;
  }

  /** "the agent" is the hercules-ci-agent user; "the ordinary user" is alice. */
  @ParameterType(Vocabulary.USER)
  public String user(String words) {
    return userOf(words);
  }

  static String userOf(String words) {
    return switch (words) {
      case "the agent" -> AgentHost.AGENT_USER;
      case "the ordinary user" -> AgentHost.ORDINARY_USER;
      default -> words;
    };
  }

  /** The reverse: the words a phrase uses for {@code user}. */
  static String wordsOf(String user) {
    return switch (user) {
      case AgentHost.AGENT_USER -> "the agent";
      case AgentHost.ORDINARY_USER -> "the ordinary user";
      default -> user;
    };
  }

  /** A host by its role, or by any host name a machines file may hold for it. */
  @ParameterType(Vocabulary.HOST)
  public String host(String words) {
    return hostOf(words);
  }

  /** Where a build may go: a remote builder by its host name, or the agent host acting as one. */
  @ParameterType(Vocabulary.BUILDER)
  public String builder(String words) {
    return hostOf(words);
  }

  /** The host's name on the network: {@code user@} dropped, lower case, as DNS compares it. */
  static String hostOf(String words) {
    return switch (words) {
      case "the agent host" -> AGENT_HOST;
      case "the client host" -> CLIENT;
      default -> new StoreUri(words).host().toLowerCase();
    };
  }

  /** Whose Nix version a per-version table is keyed by. */
  public enum NixRole {
    AGENT_HOST, BUILDERS, PAIR;

    String versionOf(RunSettings s) {
      return switch (this) {
        case AGENT_HOST -> s.agentNix().label();
        case BUILDERS -> s.buildersNix().label();
        case PAIR -> s.agentNix().label() + "/" + s.buildersNix().label();
      };
    }
  }

  @ParameterType("the agent host's|the builders'|the pair's")
  public NixRole nixRole(String words) {
    return switch (words) {
      case "the agent host's" -> NixRole.AGENT_HOST;
      case "the builders'" -> NixRole.BUILDERS;
      default -> NixRole.PAIR;
    };
  }

  @ParameterType(Vocabulary.SYSTEM)
  public String system(String s) {
    return s;
  }

  /**
   * A chatty probe's log, 0 to 32 MiB: enough to fill every pipe and buffer to a client that
   * is gone, and a bound on what a healthy link carries into the harness's memory (a farm's
   * expectation asking for more matches no step).
   */
  @ParameterType("3[0-2]|[12]?[0-9]")
  public int mib(String words) {
    return Integer.parseInt(words);
  }

  /** Required system features, e.g. "big-parallel" or "big-parallel, benchmark". */
  @ParameterType("[a-z0-9-]+(?:, [a-z0-9-]+)*")
  public Set<String> features(String words) {
    return Set.of(words.split(",\\s*"));
  }

  /** An expectation, worded as one of {@link Vocabulary#VERDICT}'s phrases. */
  @ParameterType(Vocabulary.VERDICT)
  public SelfCheck.Verdict verdict(String words) {
    return verdicts.of(words);
  }

  /**
   * A row of a builders table: | builder | systems |, systems separated by commas. The
   * builder is a host name as a machines file writes it; a {@code user@} makes that user a
   * login on the builder, which its daemon does not trust.
   */
  @DataTableType
  public BuilderRow builderRow(Map<String, String> row) {
    String name = row.get("builder");
    List<String> users = new StoreUri(name).user().map(List::of).orElse(List.of());
    return new BuilderRow(hostOf(name), users, List.of(row.get("systems").split(",\\s*")));
  }

  /** A builder to start: its host name, its login users besides root, the systems it claims. */
  public record BuilderRow(String name, List<String> sshUsers, List<String> systems) {}

  /** A row of a builds table: | user | host | system |, in the same words as the steps. */
  @DataTableType
  public World.Request buildRequest(Map<String, String> row) {
    return new World.Request(host(row.get("host")), user(row.get("user")), Probe.salted(row.get("system")));
  }

  @DocStringType
  public NixConf nixConf(String text) {
    return NixConf.parse(text);
  }

}
