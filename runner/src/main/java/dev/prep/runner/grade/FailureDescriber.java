package dev.prep.runner.grade;

import java.util.ConcurrentModificationException;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.ValueWrapper;

/** Turns what a test threw into a message a learner can act on. */
final class FailureDescriber {
  private final CourseFrames frames;

  FailureDescriber(CourseFrames frames) {
    this.frames = frames;
  }

  TestResult describe(
      String name, Throwable thrown, CapturedOutput output, Integer task, String code) {
    String location = frames.firstLocation(thrown);
    if (thrown instanceof AssertionFailedError failed) {
      String expected = failed.isExpectedDefined() ? represent(failed.getExpected()) : null;
      String actual = failed.isActualDefined() ? represent(failed.getActual()) : null;
      if (quoted(expected) && quoted(actual)) {
        expected = expected.substring(1, expected.length() - 1);
        actual = actual.substring(1, actual.length() - 1);
      }
      return new TestResult(
          name, TestStatus.FAIL, message(thrown), expected, actual, location, output, task, code);
    }
    TestStatus status = thrown instanceof AssertionError ? TestStatus.FAIL : TestStatus.ERROR;
    return new TestResult(name, status, explain(thrown), null, null, location, output, task, code);
  }

  private String explain(Throwable thrown) {
    return switch (thrown) {
      case AssertionError error -> message(error);
      case StackOverflowError overflow -> recursion(overflow);
      case UnsupportedOperationException todo
          when todo.getMessage() != null && todo.getMessage().startsWith("TODO") ->
          "not implemented yet: " + todo.getMessage();
      case ConcurrentModificationException cme ->
          headline(cme)
              + "\nhint: a collection was changed while something iterated over it; use"
              + " Iterator.remove, removeIf, a copy, or a concurrent collection";
      case IllegalMonitorStateException ims ->
          headline(ims)
              + "\nhint: wait, notify and notifyAll need the object's monitor: call them inside"
              + " synchronized (thatObject) { ... }; a Lock's unlock needs the same thread that"
              + " locked it";
      case UnsupportedOperationException uoe ->
          headline(uoe)
              + "\nhint: List.of, Map.of, toList() and Collections.unmodifiable* collections cannot"
              + " be changed; copy into an ArrayList or HashMap first";
      case InterruptedException interrupted ->
          headline(interrupted) + "\nhint: the grader interrupted a thread that was waiting";
      default -> headline(thrown);
    };
  }

  /** The learner's recursing frame once, not the thousand copies the JVM recorded. */
  private String recursion(StackOverflowError overflow) {
    StackTraceElement[] stack = overflow.getStackTrace();
    for (StackTraceElement frame : stack) {
      if (frames.isLearner(frame)) {
        return "StackOverflowError: infinite recursion? "
            + frame.getMethodName()
            + " at "
            + frames.location(frame)
            + " keeps calling itself without reaching a base case";
      }
    }
    return "StackOverflowError: infinite recursion? (no frame in your files on the stack)";
  }

  private static String headline(Throwable thrown) {
    String type = thrown.getClass().getSimpleName();
    return thrown.getMessage() == null ? type : type + ": " + thrown.getMessage();
  }

  private static String message(Throwable thrown) {
    return Objects.requireNonNullElse(thrown.getMessage(), thrown.getClass().getSimpleName())
        .strip();
  }

  /**
   * AssertJ hands opentest4j its own representations, so strings arrive quoted; JUnit's
   * assertEquals hands over the raw values. Both quoted means AssertJ: strip one layer.
   */
  private static boolean quoted(String text) {
    return text != null && text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
  }

  private static String represent(ValueWrapper value) {
    return value.getValue() instanceof String text ? text : value.getStringRepresentation();
  }
}
