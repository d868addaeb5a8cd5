package dev.dispatchcheck.dispatch.log;

/**
 * A build activity of {@code --log-format internal-json} (type 105): the derivation and
 * the machine that builds it, {@code ""} when it is built locally.
 */
public record BuildActivity(String derivation, String machine) {
  public boolean isLocal() {
    return machine.isEmpty();
  }
}
