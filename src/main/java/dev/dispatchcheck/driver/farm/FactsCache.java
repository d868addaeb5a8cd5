package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's view of each user on a host, read once and used again while no command that
 * may change the host has run there since ({@link NixHost#changes()}: builds and reads do
 * not count; writing a file, restarting a daemon or a step's own command does). A read is
 * two Nix processes, and a scenario asks for it after every build.
 */
final class FactsCache {
  private record Key(String host, String user, Optional<EffectPath> effect) {}

  private record Entry(long changes, ClientFactsReader.Reading reading) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  ClientFacts get(NixHost host, String user, Optional<EffectPath> effect) {
    return reading(host, user, effect).facts();
  }

  /** What {@code nix show-config} prints as {@code user}: part of the same read. */
  String settingsAsUser(NixHost host, String user) {
    return reading(host, user, Optional.empty()).settingsAsUser();
  }

  /** Forgets every read: after a hand-over, a host of the same name may be another one. */
  void clear() {
    entries.clear();
  }

  private ClientFactsReader.Reading reading(NixHost host, String user, Optional<EffectPath> effect) {
    Key key = new Key(host.name(), user, effect);
    // Taken before the read: a change while it runs makes the next ask read again.
    long changes = host.changes();
    Entry known = entries.get(key);
    if (known != null && known.changes() == changes) return known.reading();
    ClientFactsReader.Reading read = ClientFactsReader.read(host, user, effect);
    entries.put(key, new Entry(changes, read));
    return read;
  }
}
