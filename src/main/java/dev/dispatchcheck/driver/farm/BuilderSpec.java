package dev.dispatchcheck.driver.farm;

import java.util.List;

/** A remote builder to start: its host name on the network and the systems it claims. */
public record BuilderSpec(String name, List<String> systems) {
  public BuilderSpec {
    systems = List.copyOf(systems);
  }
}
