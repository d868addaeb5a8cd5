package dev.dispatchcheck.dispatch.log;

/**
 * A build activity of {@code --log-format internal-json} (type 105): the derivation and
 * the machine that builds it, {@code ""} when it is built locally.
 *
 * <p>Over {@code ssh-ng://} the builder's own daemon reports its (local) build activity
 * back to the client, which logs it nested inside its own dispatch activity. Such an
 * activity is {@code forwarded}: it is the builder speaking, evidence of where the build
 * ran, not a second build on the client.
 */
public record BuildActivity(String derivation, String machine, boolean forwarded) {
  /** The client's own activity. */
  public BuildActivity(String derivation, String machine) {
    this(derivation, machine, false);
  }

  public boolean isLocal() {
    return machine.isEmpty();
  }

  @Override
  public String toString() {
    if (forwarded) return "build activity forwarded by the builder's daemon";
    return isLocal() ? "build activity, local" : "build activity on '" + machine + "'";
  }
}
