package dev.prep.runner.grade;

/** The verdict on a whole submission, with Exercism's meaning of each value. */
public enum GradeStatus {
  /** Every test passed. */
  PASS,
  /** At least one test failed or errored. */
  FAIL,
  /** Nothing ran: a compile error, or the worker died before any test finished. */
  ERROR
}
