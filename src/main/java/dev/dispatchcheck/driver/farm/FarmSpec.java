package dev.dispatchcheck.driver.farm;

import java.util.List;

/**
 * A farm as data: the hosts to start, one of them the agent host. The guide's example
 * farm and an operator's farm are two values of this type, started by the same code.
 *
 * @param notes what the harness assumed or overrode to start this farm, for the report
 */
public record FarmSpec(List<HostSpec> hosts, List<String> notes) {
  public FarmSpec {
    hosts = List.copyOf(hosts);
    notes = List.copyOf(notes);
    if (hosts.stream().filter(h -> h.role() == HostSpec.Role.AGENT).count() != 1) {
      throw new IllegalArgumentException("a farm has exactly one agent host: " + hosts);
    }
    if (hosts.stream().map(HostSpec::name).distinct().count() != hosts.size()) {
      throw new IllegalArgumentException("host names must be distinct: " + hosts.stream().map(HostSpec::name).toList());
    }
  }

  public FarmSpec(List<HostSpec> hosts) {
    this(hosts, List.of());
  }

  public HostSpec agent() {
    return hosts.stream().filter(h -> h.role() == HostSpec.Role.AGENT).findFirst().orElseThrow();
  }
}
