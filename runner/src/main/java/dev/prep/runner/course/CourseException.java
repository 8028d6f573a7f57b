package dev.prep.runner.course;

/**
 * A problem the learner or author can fix: a missing build, a malformed topic file, an unknown id.
 * Its message is complete and meant to be printed as is.
 */
public final class CourseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CourseException(String message) {
    super(message);
  }

  public CourseException(String message, Throwable cause) {
    super(message, cause);
  }
}
