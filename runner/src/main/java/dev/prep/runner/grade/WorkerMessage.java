package dev.prep.runner.grade;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The worker protocol: one JSON object per line, runner to worker on the worker's stdin ({@link
 * Grade}), worker to runner on its original stdout (everything else). The worker's {@code
 * System.out} and {@code System.err} are redirected to capture buffers, so learner output never
 * reaches the channel.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WorkerMessage.Grade.class, name = "grade"),
  @JsonSubTypes.Type(value = WorkerMessage.Ready.class, name = "ready"),
  @JsonSubTypes.Type(value = WorkerMessage.Compiled.class, name = "compiled"),
  @JsonSubTypes.Type(value = WorkerMessage.Plan.class, name = "plan"),
  @JsonSubTypes.Type(value = WorkerMessage.Started.class, name = "started"),
  @JsonSubTypes.Type(value = WorkerMessage.Finished.class, name = "finished"),
  @JsonSubTypes.Type(value = WorkerMessage.HazardFound.class, name = "hazard"),
  @JsonSubTypes.Type(value = WorkerMessage.Done.class, name = "done"),
})
sealed interface WorkerMessage {

  /** Runner to worker: compile these sources and run the grader. */
  record Grade(
      String exerciseId,
      List<SourceFile> learnerSources,
      List<SourceFile> graderSources,
      List<String> classpath,
      long timeLimitMillis)
      implements WorkerMessage {}

  /** The worker is up and its compiler is warm. */
  record Ready(long pid, long warmUpMillis) implements WorkerMessage {}

  /** Compilation finished; {@code diagnostics} is empty when it succeeded. */
  record Compiled(boolean ok, List<Diagnostic> diagnostics, long millis) implements WorkerMessage {}

  /** The tests the grader will run, in grader source order. */
  record Plan(List<PlannedTest> tests) implements WorkerMessage {}

  /** One entry of the plan. */
  record PlannedTest(String id, String name, Integer taskId, String testCode) {}

  /** A test started: from now on it is the one a hang is blamed on. */
  record Started(String id, String entry, String name) implements WorkerMessage {}

  /** A test finished. */
  record Finished(String id, String entry, TestResult result) implements WorkerMessage {}

  /** A hazard; the worker halts after sending one unless it is {@code LEAKED_THREADS}. */
  record HazardFound(Hazard hazard) implements WorkerMessage {}

  /**
   * The grader finished; {@code tainted} means the worker will not take another request.
   *
   * @param problem why the grader could not run at all (e.g. no test class), or null
   */
  record Done(long millis, boolean tainted, String problem) implements WorkerMessage {}

  /** Not on the wire: the runner's reader saw the end of the worker's stdout. */
  record Gone() implements WorkerMessage {}
}
