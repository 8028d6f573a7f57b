package dev.prep.runner.grade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles a {@link GradeReport} from the worker's messages, whatever point they stopped at. */
final class ReportBuilder {
  private final String exerciseId;
  private final Map<String, WorkerMessage.PlannedTest> plan = new LinkedHashMap<>();
  private final Map<String, List<TestResult>> results = new LinkedHashMap<>();
  private List<Diagnostic> diagnostics = List.of();
  private boolean compiled;
  private boolean done;
  private boolean tainted;
  private String problem;
  private Hazard hazard;
  private WorkerMessage.Started running;
  private boolean anyStarted;
  private long compileMillis = -1;

  ReportBuilder(String exerciseId) {
    this.exerciseId = exerciseId;
  }

  /** Takes one message; returns true when grading is over. */
  boolean accept(WorkerMessage message) {
    switch (message) {
      case WorkerMessage.Compiled c -> {
        compiled = c.ok();
        diagnostics = c.diagnostics();
        compileMillis = c.millis();
      }
      case WorkerMessage.Plan p -> p.tests().forEach(test -> plan.put(test.id(), test));
      case WorkerMessage.Started s -> {
        running = s;
        anyStarted = true;
      }
      case WorkerMessage.Finished f -> {
        results.computeIfAbsent(f.entry(), entry -> new ArrayList<>()).add(f.result());
        running = null;
        anyStarted = true;
      }
      case WorkerMessage.HazardFound h -> hazard = hazard == null ? h.hazard() : hazard;
      case WorkerMessage.Done d -> {
        done = true;
        tainted = d.tainted();
        problem = d.problem();
      }
      case WorkerMessage.Gone g -> {
        return true;
      }
      case WorkerMessage.Ready r -> {}
      case WorkerMessage.Grade g -> {}
    }
    return done && !tainted;
  }

  /** How long the worker's javac took, or -1 when it did not get that far. */
  long compileMillis() {
    return compileMillis;
  }

  boolean compiled() {
    return compiled;
  }

  boolean planned() {
    return !plan.isEmpty() || done;
  }

  /** Whether the worker can take another request. */
  boolean workerReusable() {
    return done && !tainted && hazard == null;
  }

  String runningTest() {
    return running == null ? null : running.name();
  }

  /** The runner's own verdict when the worker could not give one. */
  void hazard(Hazard found) {
    if (hazard == null) {
      hazard = found;
    }
  }

  boolean hasHazard() {
    return hazard != null;
  }

  GradeReport build(Duration elapsed) {
    List<TestResult> tests = new ArrayList<>();
    for (var entry : plan.values()) {
      List<TestResult> finished = results.remove(entry.id());
      if (finished != null) {
        tests.addAll(finished);
      } else if (running != null && entry.id().equals(running.entry())) {
        tests.add(
            TestResult.errored(running.name(), stopReason(), entry.taskId(), entry.testCode()));
      } else {
        tests.add(
            TestResult.notRun(entry.name(), notRunReason(), entry.taskId(), entry.testCode()));
      }
    }
    results.values().forEach(tests::addAll);
    GradeStatus status;
    String message = null;
    if (!compiled && !diagnostics.isEmpty()) {
      status = GradeStatus.ERROR;
      message =
          diagnostics.size()
              + (diagnostics.size() == 1 ? " compile error" : " compile errors")
              + "\n"
              + diagnostics.getFirst().render();
    } else if (problem != null) {
      status = GradeStatus.ERROR;
      message = problem;
    } else if (!anyStarted) {
      status = GradeStatus.ERROR;
      message = hazard != null ? hazard.summary() : "the grader has no tests";
    } else if (tests.stream().allMatch(t -> t.passed() || t.status() == TestStatus.SKIPPED)) {
      status = GradeStatus.PASS;
    } else {
      status = GradeStatus.FAIL;
    }
    return new GradeReport(
        exerciseId, status, message, tests, diagnostics, compiled, hazard, elapsed);
  }

  private String stopReason() {
    return hazard == null ? "the grading JVM stopped while this test ran" : hazard.summary();
  }

  private String notRunReason() {
    return "not run: "
        + (hazard == null || hazard.testName() == null
            ? "the grading JVM stopped first"
            : "grading stopped at \"" + hazard.testName() + "\"");
  }
}
