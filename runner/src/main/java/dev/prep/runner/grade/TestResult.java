package dev.prep.runner.grade;

/**
 * One test's outcome, as a learner needs to read it.
 *
 * @param name the test's {@code @DisplayName} (for a parameterized case: the method's name, then
 *     the case)
 * @param status what happened
 * @param message why it failed, with a hint for common exceptions; null when it passed
 * @param expected the expected value when the assertion knew it, else null
 * @param actual the actual value when the assertion knew it, else null
 * @param location the first stack frame in the learner's files as {@code path:line} (or, when the
 *     learner's code is not on the stack, the grader's line); null when unknown
 * @param output what the test printed, capped
 * @param taskId N from the test's {@code @Tag("task:N")}, or null
 * @param testCode the grader method's source, for results.json; may be empty
 */
public record TestResult(
    String name,
    TestStatus status,
    String message,
    String expected,
    String actual,
    String location,
    CapturedOutput output,
    Integer taskId,
    String testCode) {

  public TestResult {
    output = output == null ? CapturedOutput.NONE : output;
    testCode = testCode == null ? "" : testCode;
  }

  /** A test that passed. */
  static TestResult passed(String name, CapturedOutput output, Integer taskId, String testCode) {
    return new TestResult(name, TestStatus.PASS, null, null, null, null, output, taskId, testCode);
  }

  /** A test with no result of its own: never ran, or was running when the worker stopped. */
  static TestResult errored(String name, String message, Integer taskId, String testCode) {
    return new TestResult(
        name, TestStatus.ERROR, message, null, null, null, CapturedOutput.NONE, taskId, testCode);
  }

  /** A test that never started because an earlier one stopped the worker. */
  static TestResult notRun(String name, String reason, Integer taskId, String testCode) {
    return new TestResult(
        name, TestStatus.NOT_RUN, reason, null, null, null, CapturedOutput.NONE, taskId, testCode);
  }

  public boolean passed() {
    return status == TestStatus.PASS;
  }

  /** Whether expected and actual are both known, so a diff can be shown. */
  public boolean hasComparison() {
    return expected != null && actual != null;
  }
}
