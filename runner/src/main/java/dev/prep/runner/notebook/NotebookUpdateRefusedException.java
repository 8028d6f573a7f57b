package dev.prep.runner.notebook;

import java.io.Serial;

/**
 * {@link NotebookCheck#update} will not rewrite a notebook whose cells broke their flags' promise
 * (a {@code throws} cell that completed, an unexpected compile error, a timeout): the new output
 * would enshrine a bug. The message lists the problems as {@code path:line: …} lines.
 */
public final class NotebookUpdateRefusedException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient CheckResult problems;

  NotebookUpdateRefusedException(CheckResult problems) {
    super(problems.report().strip());
    this.problems = problems;
  }

  /** The mismatches that stopped the update. */
  public CheckResult problems() {
    return problems;
  }
}
