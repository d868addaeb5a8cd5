package dev.dispatchcheck.steps;

import dev.dispatchcheck.driver.farm.FarmSpec;
import dev.dispatchcheck.driver.farm.HostSpec;
import dev.dispatchcheck.run.RunSettings;
import java.util.ArrayList;
import java.util.List;

/** The guide's farm as data: the agent host, and the builders a scenario's table names. */
final class GuideFarm {
  private GuideFarm() {}

  static FarmSpec of(List<ParameterTypes.BuilderRow> rows, RunSettings settings) {
    List<HostSpec> hosts = new ArrayList<>();
    hosts.add(HostSpec.agent(ParameterTypes.AGENT_HOST, settings.agentNix()));
    for (ParameterTypes.BuilderRow r : rows) {
      hosts.add(HostSpec.builder(r.name(), settings.buildersNix(), r.systems()).withSshUsers(r.sshUsers(), false));
    }
    return new FarmSpec(hosts);
  }
}
