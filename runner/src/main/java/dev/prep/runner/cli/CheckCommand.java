package dev.prep.runner.cli;

import dev.prep.runner.course.Exercise;
import dev.prep.runner.grade.GradeReport;
import dev.prep.runner.grade.ReportRenderer;
import dev.prep.runner.grade.ResultsJson;
import dev.prep.runner.session.Submission;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    description = "Grade one exercise: compile your files with its grader and run it.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<exercise>", description = "An id such as slices/append-growth.")
  String exerciseId;

  @Option(names = "--solution", description = "Grade the reference solution instead of your file.")
  boolean solution;

  @Option(
      names = "--json",
      arity = "0..1",
      fallbackValue = "results.json",
      paramLabel = "<file>",
      description = "Also write Exercism test-runner v3 results (default file: ${FALLBACK-VALUE}).")
  Path json;

  @Override
  public Integer call() {
    var p = new Printer(spec);
    var session = prep.session();
    try (var grading = prep.grading(session)) {
      grading.warmUp();
      Exercise exercise = session.course().exercise(exerciseId);
      p.line("@|faint checking %s …|@", exercise.id());
      session.progress(); // read while the worker boots, not after it answers
      GradeReport report =
          grading.grade(
              (solution ? Submission.SOLUTION : Submission.LEARNER).request(session, exercise));
      p.markup(new ReportRenderer(prep.verbose).render(report));
      if (json != null) {
        try {
          ResultsJson.write(report, json);
        } catch (java.io.IOException e) {
          throw new UserError("cannot write " + json + ": " + e.getMessage(), e);
        }
        p.line("@|faint wrote %s|@", json.toString());
      }
      if (!solution) {
        Graders.record(session, exercise, report);
        afterwards(p, session.progress(), exercise, report);
      }
      return report.passed() ? PrepCommand.OK : PrepCommand.FAILED;
    }
  }

  private static void afterwards(
      Printer p, dev.prep.runner.progress.Progress progress, Exercise e, GradeReport report) {
    if (report.passed()) {
      p.line(
          "@|green,bold ✓ %s passes.|@ Compare with the reference: @|cyan ./prep solution %s|@",
          e.id(), e.id());
      return;
    }
    int shown = progress.hintsRevealed(e.id());
    if (shown < e.hints().size()) {
      p.line("Stuck? @|cyan ./prep hint %s|@ (hint %d of %d)", e.id(), shown + 1, e.hints().size());
    }
  }
}
