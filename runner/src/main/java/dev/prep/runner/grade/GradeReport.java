package dev.prep.runner.grade;

import java.time.Duration;
import java.util.List;

/**
 * Everything a learner needs to know about one grading.
 *
 * @param exerciseId the exercise
 * @param status PASS, FAIL, or ERROR when nothing ran
 * @param message for ERROR: what went wrong (compile error, worker crash), else null
 * @param tests the grader's tests in source order
 * @param diagnostics compile errors; empty when it compiled
 * @param compiled whether learner and grader compiled
 * @param hazard a timeout, deadlock, exit, OutOfMemoryError or leaked threads, or null
 * @param elapsed wall time from request to report
 */
public record GradeReport(
    String exerciseId,
    GradeStatus status,
    String message,
    List<TestResult> tests,
    List<Diagnostic> diagnostics,
    boolean compiled,
    Hazard hazard,
    Duration elapsed) {

  public GradeReport {
    tests = List.copyOf(tests);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean passed() {
    return status == GradeStatus.PASS;
  }

  public long passedCount() {
    return tests.stream().filter(TestResult::passed).count();
  }

  /** Tests that failed or errored (not those skipped or never run). */
  public List<TestResult> failures() {
    return tests.stream()
        .filter(test -> test.status() == TestStatus.FAIL || test.status() == TestStatus.ERROR)
        .toList();
  }
}
