package dev.prep.runner.grade;

/** The outcome of one test. */
public enum TestStatus {
  PASS,
  /** An assertion failed: the code ran and gave a wrong answer. */
  FAIL,
  /** The code threw, or hung, or brought the worker down while this test ran. */
  ERROR,
  /** Never started: an earlier test brought the worker down. */
  NOT_RUN,
  /** Disabled or aborted by an assumption. */
  SKIPPED
}
