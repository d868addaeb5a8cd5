package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.Printable;

/**
 * A farm directory that cannot be read as one; the message names the path at fault. It is
 * escaped here, once, because it is printed as it is and a farm's file names are the
 * operator's bytes.
 */
public class FarmInputException extends RuntimeException {
  public FarmInputException(String message) {
    super(Printable.escape(message));
  }

  public FarmInputException(String message, Throwable cause) {
    super(Printable.escape(message), cause);
  }
}
