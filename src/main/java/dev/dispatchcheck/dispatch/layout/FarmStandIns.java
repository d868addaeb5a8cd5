package dev.dispatchcheck.dispatch.layout;

import java.util.List;

/**
 * What a farm's hosts have that the stand-ins cannot: the secrets its files name and do not
 * hold ({@link FarmSecrets}), and the binary caches it names ({@link OfflineCaches}).
 */
public record FarmStandIns(List<FarmSecret> secrets, List<OfflineCaches.Cache> caches) {

  public FarmStandIns {
    secrets = List.copyOf(secrets);
    caches = List.copyOf(caches);
  }

  public static FarmStandIns of(FarmLayout layout, FarmLimits limits) {
    return new FarmStandIns(FarmSecrets.of(layout, limits), OfflineCaches.of(layout, limits));
  }

  /** {@code layout} with its caches deployed as the stand-ins get them. */
  public FarmLayout deployed(FarmLayout layout) {
    return OfflineCaches.deployed(layout, caches);
  }

  /** The secrets of {@code kind}. */
  public List<FarmSecret> secrets(FarmSecret.Kind kind) {
    return secrets.stream().filter(s -> s.kind() == kind).toList();
  }
}
