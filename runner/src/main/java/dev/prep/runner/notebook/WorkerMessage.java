package dev.prep.runner.notebook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON-lines protocol between {@link NotebookEngine} and {@link JShellWorker}: one object per
 * line each way.
 */
final class WorkerMessage {
  private WorkerMessage() {}

  /** Request types. */
  static final String OPEN = "open";

  static final String EVAL = "eval";
  static final String CLOSE = "close";

  /** Reply types. */
  static final String OPENED = "opened";

  static final String RESULT = "result";
  static final String CLOSED = "closed";
  static final String EXITING = "exiting";

  /** What a cell's evaluation ended with. */
  enum Ending {
    COMPLETED,
    THREW,
    REJECTED
  }

  /**
   * Parent to worker.
   *
   * @param type {@code open} (a fresh shell with a class path and imports), {@code eval} (one
   *     cell), or {@code close}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Request(String type, List<String> classpath, List<String> imports, String source) {
    static Request open(List<String> classpath, List<String> imports) {
      return new Request(OPEN, classpath, imports, null);
    }

    static Request eval(String source) {
      return new Request(EVAL, null, null, source);
    }

    static Request close() {
      return new Request(CLOSE, null, null, null);
    }
  }

  /**
   * Worker to parent.
   *
   * @param type {@code opened}, {@code result}, {@code closed}, or {@code exiting} (sent by a
   *     shutdown hook when a cell calls {@code System.exit})
   * @param ending for {@code result}
   * @param output everything the cell printed, then its value, exception or compile errors
   * @param exceptionClass the qualified class of what the cell threw
   * @param errorKeys javac keys of a rejected cell
   * @param problem for {@code opened}: why the shell could not be set up
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Reply(
      String type,
      Ending ending,
      String output,
      String exceptionClass,
      List<String> errorKeys,
      String problem) {}
}
