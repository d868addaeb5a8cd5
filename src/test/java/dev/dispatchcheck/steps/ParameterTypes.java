package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.driver.farm.AgentHost;
import dev.dispatchcheck.driver.farm.Topology;
import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.driver.farm.BuilderSpec;
import io.cucumber.java.DataTableType;
import io.cucumber.java.DocStringType;
import io.cucumber.java.ParameterType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The step vocabulary's nouns: users, hosts, builders, systems, failure causes, typed doc strings. */
public class ParameterTypes {
  static final String CLIENT = "client";

  /** "the agent" is the hercules-ci-agent user; "the ordinary user" is alice. */
  @ParameterType("the agent|the ordinary user|root")
  public String user(String words) {
    return switch (words) {
      case "the agent" -> AgentHost.AGENT_USER;
      case "the ordinary user" -> AgentHost.ORDINARY_USER;
      default -> words;
    };
  }

  /** A host by its role, or a builder by its network name (which ends in a number). */
  @ParameterType("the agent host|the client host|[a-z0-9_]+(?:-[a-z0-9_]+)*-[0-9]+")
  public String host(String words) {
    return hostName(words);
  }

  /** Where a build may go: a remote builder, or the agent host acting as one. */
  @ParameterType("the agent host|[a-z0-9_]+(?:-[a-z0-9_]+)*-[0-9]+")
  public String builder(String words) {
    return hostName(words);
  }

  private static String hostName(String words) {
    return switch (words) {
      case "the agent host" -> Topology.AGENT;
      case "the client host" -> CLIENT;
      default -> words;
    };
  }

  @ParameterType("[a-z0-9_]+-(?:linux|darwin|freebsd|netbsd|openbsd|cygwin|none)")
  public String system(String s) {
    return s;
  }

  /** Required system features, e.g. "big-parallel" or "big-parallel, benchmark". */
  @ParameterType("[a-z0-9-]+(?:, [a-z0-9-]+)*")
  public Set<String> features(String words) {
    return Set.of(words.split(",\\s*"));
  }

  /** Why a build failed, in the words of {@link ErrorClass#meaning()}'s callers. */
  @ParameterType("no builder can build it|the builder's host key was not accepted"
      + "|no SSH connection to the builder could be made|the builder refused the SSH key"
      + "|nix-store is missing on the builder|the SSH key named for the builder cannot be used")
  public ErrorClass failure(String words) {
    return switch (words) {
      case "no builder can build it" -> ErrorClass.NO_MACHINE_FOR_SYSTEM;
      case "the builder's host key was not accepted" -> ErrorClass.SSH_HOST_KEY_VERIFICATION;
      case "no SSH connection to the builder could be made" -> ErrorClass.SSH_CONNECTION;
      case "the builder refused the SSH key" -> ErrorClass.SSH_AUTHENTICATION;
      case "the SSH key named for the builder cannot be used" -> ErrorClass.SSH_KEY_UNUSABLE;
      default -> ErrorClass.REMOTE_NIX_MISSING;
    };
  }

  /** A row of a builders table: | builder | systems |, systems separated by commas. */
  @DataTableType
  public BuilderSpec builderSpec(Map<String, String> row) {
    return new BuilderSpec(row.get("builder"), List.of(row.get("systems").split(",\\s*")));
  }

  /** A row of a builds table: | user | host | system |, in the same words as the steps. */
  @DataTableType
  public World.Request buildRequest(Map<String, String> row) {
    return new World.Request(host(row.get("host")), user(row.get("user")), Probe.salted(row.get("system")));
  }

  @DocStringType
  public NixConf nixConf(String text) {
    return NixConf.parse(text);
  }

  @DocStringType
  public MachinesFile machinesFile(String text) {
    return MachinesFile.parse(text);
  }
}
