package dev.dispatchcheck.cyclefixture.ping;

import dev.dispatchcheck.cyclefixture.pong.Pong;

/** Half of a package cycle, for LayeringTest to show that its cycle rule sees one. */
public final class Ping {
  public Pong pong() {
    return new Pong();
  }
}
