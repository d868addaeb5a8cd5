package dev.dispatchcheck.steps;

import dev.dispatchcheck.config.MachinesFile;
import dev.dispatchcheck.config.NixConf;
import dev.dispatchcheck.farm.AgentHost;
import io.cucumber.java.DocStringType;
import io.cucumber.java.ParameterType;

/** The step vocabulary's nouns: users, systems, builders, and typed doc strings. */
public class ParameterTypes {

  /** "the agent" is the hercules-ci-agent user; "the ordinary user" is alice. */
  @ParameterType("the agent|the ordinary user|root")
  public String user(String words) {
    return switch (words) {
      case "the agent" -> AgentHost.AGENT_USER;
      case "the ordinary user" -> AgentHost.ORDINARY_USER;
      default -> words;
    };
  }

  @ParameterType("[a-z0-9_]+-(?:linux|darwin|freebsd|netbsd|openbsd|cygwin|none)")
  public String system(String s) {
    return s;
  }

  /** Builder host names end in a number: aarch64-linux-0, aarch64-darwin-1. */
  @ParameterType("[a-z0-9_]+(?:-[a-z0-9_]+)*-[0-9]+")
  public String builder(String s) {
    return s;
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
