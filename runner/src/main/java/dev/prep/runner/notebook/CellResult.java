package dev.prep.runner.notebook;

import java.time.Duration;
import java.util.List;

/** What became of one cell in a run. */
public sealed interface CellResult {

  /**
   * What the cell printed, then its value, exception or compile errors; empty if it did not run.
   */
  String output();

  /** The cell ran to its end; {@code output} ends with {@code ==> value} for a final expression. */
  record Completed(String output) implements CellResult {}

  /** The cell threw; {@code output} ends with {@code Exception type: message}. */
  record Threw(String output, String exceptionClass) implements CellResult {}

  /** The compiler rejected a snippet; {@code output} ends with {@code error: …} lines. */
  record Rejected(String output, List<String> errorKeys) implements CellResult {
    public Rejected {
      errorKeys = List.copyOf(errorKeys);
    }
  }

  /** The cell is flagged {@code skip} or {@code no-run}. */
  record Skipped() implements CellResult {
    @Override
    public String output() {
      return "";
    }
  }

  /** The cell ran past its timeout and its worker JVM was killed. */
  record TimedOut(Duration limit) implements CellResult {
    @Override
    public String output() {
      return "";
    }
  }

  /** The worker JVM ended during the cell (for example {@code System.exit(3)}). */
  record Died(String output, int exitCode) implements CellResult {}

  /** The cell did not run because an earlier cell or the shell's setup failed. */
  record NotRun(String reason) implements CellResult {
    @Override
    public String output() {
      return "";
    }
  }
}
