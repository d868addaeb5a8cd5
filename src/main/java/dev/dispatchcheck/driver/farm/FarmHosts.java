package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.driver.host.NixHost;
import java.util.List;

/**
 * The hosts a {@link Farm} is made of, and what goes when it closes: containers
 * ({@link WarmHosts}), or the live agent host over SSH ({@link LiveHosts}).
 */
interface FarmHosts extends AutoCloseable {
  /** The host named {@code name} (lowercased), or null. */
  NixHost host(String name);

  List<NixHost> hosts();

  @Override
  void close();
}
