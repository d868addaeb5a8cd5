package dev.dispatchcheck.driver.host;

/**
 * The live host cannot be checked as it is (unreachable, no agent user, no sudo, no Nix):
 * the environment's failure, exit 3, said plainly; never a verdict on the farm.
 */
public final class LiveHostException extends IllegalStateException {
  public LiveHostException(String message) {
    super(message);
  }
}
