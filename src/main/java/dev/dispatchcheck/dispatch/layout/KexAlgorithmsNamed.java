package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the farm chooses ssh's key exchange: the first {@code KexAlgorithms} line in the
 * agent host's ssh_config files it holds (and what they include), in any block. The
 * stand-ins' sshd leaves out sntrup761x25519, which costs a login some 70 ms of CPU; a farm
 * that names its own list gets the stand-ins' whole default list, so that no list of the
 * farm's, sntrup alone included, is refused by a stand-in where the real builder would
 * accept it.
 */
public final class KexAlgorithmsNamed {
  private KexAlgorithmsNamed() {}

  /** The line, as the farm's file and its line number ({@code agent/etc/ssh/ssh_config:4}); empty when none names it. */
  public static Optional<String> in(FarmLayout layout) {
    for (Map.Entry<String, SshConfig> f : SshConfigFiles.of(layout).entrySet()) {
      Optional<SshConfig.Line> line = f.getValue().lines().stream()
          .filter(l -> l.is("KexAlgorithms")).findFirst();
      if (line.isPresent()) return Optional.of(FarmLayout.farmPathOfAgentFile(f.getKey()) + ":" + line.get().number());
    }
    return Optional.empty();
  }
}
