package dev.dispatchcheck.cyclefixture.pong;

import dev.dispatchcheck.cyclefixture.ping.Ping;

/** The other half of the cycle: see {@link Ping}. */
public final class Pong {
  public Ping ping() {
    return new Ping();
  }
}
