package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.config.StoreUri;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A farm as data: the hosts to start, one of them the agent host. The guide's example
 * farm and an operator's farm are two values of this type, started by the same code.
 *
 * @param notes what the harness assumed or overrode to start this farm, for the report
 * @param routes how root's ssh on the agent host reaches each builder, by a machines line's {@code [user@]host}
 *     as written; none where it reaches the host of that name directly
 */
public record FarmSpec(List<HostSpec> hosts, List<String> notes, Map<String, SshRoute> routes) {
  public FarmSpec {
    hosts = List.copyOf(hosts);
    notes = List.copyOf(notes);
    routes = Map.copyOf(routes);
    if (hosts.stream().filter(h -> h.role() == HostSpec.Role.AGENT).count() != 1) {
      throw new IllegalArgumentException("a farm has exactly one agent host: " + hosts);
    }
    if (hosts.stream().map(HostSpec::name).distinct().count() != hosts.size()) {
      throw new IllegalArgumentException("host names must be distinct: " + hosts.stream().map(HostSpec::name).toList());
    }
  }

  public FarmSpec(List<HostSpec> hosts, List<String> notes) {
    this(hosts, notes, Map.of());
  }

  public FarmSpec(List<HostSpec> hosts) {
    this(hosts, List.of());
  }

  /** The route to the builder of a store URI as the client's log writes it. */
  public Optional<SshRoute> route(String storeUri) {
    return Optional.ofNullable(routes.get(FarmPlan.routeKey(new StoreUri(storeUri))));
  }

  public HostSpec agent() {
    return hosts.stream().filter(h -> h.role() == HostSpec.Role.AGENT).findFirst().orElseThrow();
  }
}
