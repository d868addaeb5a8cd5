package dev.dispatchcheck.steps;

import dev.dispatchcheck.config.Machine;
import dev.dispatchcheck.config.MachinesFile;
import java.util.List;

/** The builders the agent host's /etc/nix/machines names, read from the host itself. */
public class SystemBuilders {
  private final World world;

  public SystemBuilders(World world) {
    this.world = world;
  }

  public List<String> names() {
    var host = world.farm().agent().host();
    String text = host.readFile("/etc/nix/machines")
        .orElseThrow(() -> new IllegalStateException("the agent host has no /etc/nix/machines"));
    return MachinesFile.parse(text, host::readFile).machines().stream().map(Machine::hostName).toList();
  }
}
