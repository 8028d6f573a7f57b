package dev.prep.runner.cli;

import dev.prep.runner.course.Exercise;
import dev.prep.runner.grade.GradeReport;
import dev.prep.runner.grade.Grading;
import dev.prep.runner.grade.WorkerSettings;
import dev.prep.runner.session.Session;
import java.util.ArrayList;
import java.util.List;

/** Starts grading workers with prep's JVM options, and records results in the learner's progress. */
final class Graders {
  private Graders() {}

  static Grading open(Session session) {
    var defaults = WorkerSettings.defaults();
    List<String> options = new ArrayList<>(defaults.jvmOptions());
    for (String o : session.workerJvmOptions("grade.aot")) {
      if (!options.contains(o)) {
        options.add(o);
      }
    }
    return new Grading(new WorkerSettings(defaults.javaExecutable(), defaults.workerClasspath(), options, defaults.outputCapBytes()));
  }

  static void record(Session session, Exercise exercise, GradeReport report) {
    session.update(p -> p.withResult(exercise.id(), report.passed(), session.clock().instant()));
  }
}
