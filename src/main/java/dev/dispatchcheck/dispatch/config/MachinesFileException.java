package dev.dispatchcheck.dispatch.config;

import dev.dispatchcheck.dispatch.Printable;

/**
 * A machines file that Nix would reject; the message names the offending line, which it
 * quotes escaped (the line is the operator's bytes, and the message is printed as it is).
 */
public class MachinesFileException extends IllegalArgumentException {
  public MachinesFileException(String message) {
    super(Printable.escape(message));
  }
}
