package dev.prep.runner.cli;

import dev.prep.runner.course.Course;
import dev.prep.runner.course.Exercise;
import dev.prep.runner.grade.GradeReport;
import dev.prep.runner.grade.Grading;
import dev.prep.runner.grade.WorkerSettings;
import dev.prep.runner.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts grading workers with prep's JVM options, and records results in the learner's progress.
 */
final class Graders {
  private Graders() {}

  static Grading open(Session session) {
    return open(session.root());
  }

  /**
   * For a verb that grades, starts the worker before picocli has even parsed the command line, so
   * the worker's JVM boots while the runner's does its own start-up (about 0.2 s on 2 cores). Null
   * when the verb does not grade or the checkout is not known yet.
   */
  static Grading prestart(String[] args) {
    String home = System.getProperty("prep.home");
    String verb =
        java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    if (home == null || !List.of("check", "watch", "verify").contains(verb)) {
      return null;
    }
    Grading grading = open(Path.of(home));
    grading.warmUp();
    return grading;
  }

  private static Grading open(Path root) {
    var defaults = WorkerSettings.defaults();
    // -Xshare is the default and clashes with writing an AOT cache
    List<String> options =
        new ArrayList<>(
            defaults.jvmOptions().stream().filter(o -> !o.startsWith("-Xshare:")).toList());
    for (String o : Session.workerJvmOptions(root, "grade.aot")) {
      if (!options.contains(o)) {
        options.add(o);
      }
    }
    List<Path> classpath = new ArrayList<>(defaults.workerClasspath());
    classpath.addAll(Course.workerLibraries(root));
    return new Grading(
        new WorkerSettings(
            defaults.javaExecutable(), classpath, options, defaults.outputCapBytes()));
  }

  static void record(Session session, Exercise exercise, GradeReport report) {
    session.update(p -> p.withResult(exercise.id(), report.passed(), session.clock().instant()));
  }
}
