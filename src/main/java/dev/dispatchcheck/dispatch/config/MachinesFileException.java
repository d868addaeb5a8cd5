package dev.dispatchcheck.dispatch.config;

/** A machines file that Nix would reject; the message names the offending line. */
public class MachinesFileException extends IllegalArgumentException {
  public MachinesFileException(String message) {
    super(message);
  }
}
