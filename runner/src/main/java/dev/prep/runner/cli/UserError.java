package dev.prep.runner.cli;

/**
 * A mistake the user can fix (a bad argument, a file in the wrong shape); printed without a trace.
 */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
