package dev.dispatchcheck.dispatch.layout;

/** A farm directory that cannot be read as one; the message names the path at fault. */
public class FarmInputException extends RuntimeException {
  public FarmInputException(String message) {
    super(message);
  }

  public FarmInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
