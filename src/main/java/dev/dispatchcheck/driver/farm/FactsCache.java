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
 *
 * <p>Its parts are kept apart: the host's settings as root serve every user and every effect,
 * a user's part serves that user's builds with or without an effect, and the facts drawn
 * from them (which read the machines files they name) serve one user and effect.
 */
final class FactsCache {
  private record Known<T>(long changes, T value) {}

  private record UserKey(String host, String user) {}

  private record FactsKey(String host, String user, Optional<EffectPath> effect) {}

  private final Map<String, Known<String>> systems = new ConcurrentHashMap<>();
  private final Map<UserKey, Known<ClientFactsReader.UserView>> users = new ConcurrentHashMap<>();
  private final Map<FactsKey, Known<ClientFacts>> facts = new ConcurrentHashMap<>();

  ClientFacts get(NixHost host, String user, Optional<EffectPath> effect) {
    // Taken before any read: a change while it runs makes the next ask read again.
    long changes = host.changes();
    FactsKey key = new FactsKey(host.name(), user, effect);
    ClientFacts known = current(facts.get(key), changes);
    if (known != null) return known;
    ClientFacts drawn = ClientFactsReader.facts(host, user, effect, system(host, user, changes), view(host, user, changes));
    facts.put(key, new Known<>(changes, drawn));
    return drawn;
  }

  /** What {@code nix show-config} prints as {@code user}: part of the same read. */
  String settingsAsUser(NixHost host, String user) {
    return view(host, user, host.changes()).settings();
  }

  /** Forgets every read: after a hand-over, a host of the same name may be another one. */
  void clear() {
    facts.clear();
    users.clear();
    systems.clear();
  }

  private String system(NixHost host, String user, long changes) {
    String known = current(systems.get(host.name()), changes);
    return known != null ? known : readMissing(host, user, changes).systemSettings().orElseThrow();
  }

  private ClientFactsReader.UserView view(NixHost host, String user, long changes) {
    ClientFactsReader.UserView known = current(users.get(new UserKey(host.name(), user)), changes);
    return known != null ? known : readMissing(host, user, changes).user().orElseThrow();
  }

  /** Reads whichever of the two parts is not known at {@code changes}, both in one command if neither is. */
  private ClientFactsReader.Asked readMissing(NixHost host, String user, long changes) {
    UserKey userKey = new UserKey(host.name(), user);
    String system = current(systems.get(host.name()), changes);
    ClientFactsReader.UserView view = current(users.get(userKey), changes);
    ClientFactsReader.Asked asked = ClientFactsReader.read(host, user, system == null, view == null);
    asked.systemSettings().ifPresent(s -> systems.put(host.name(), new Known<>(changes, s)));
    asked.user().ifPresent(v -> users.put(userKey, new Known<>(changes, v)));
    return new ClientFactsReader.Asked(asked.systemSettings().or(() -> Optional.of(system)),
        asked.user().or(() -> Optional.of(view)));
  }

  private static <T> T current(Known<T> known, long changes) {
    return known != null && known.changes() == changes ? known.value() : null;
  }
}
