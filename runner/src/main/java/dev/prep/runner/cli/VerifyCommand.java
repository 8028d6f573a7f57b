package dev.prep.runner.cli;

import dev.prep.runner.course.Exercise;
import dev.prep.runner.grade.GradeReport;
import dev.prep.runner.grade.Grading;
import dev.prep.runner.grade.ReportRenderer;
import dev.prep.runner.session.Session;
import dev.prep.runner.session.Submission;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description = {
      "Grade every exercise: yours by default;",
      "--solutions: every grader must pass on its reference (concurrent graders several times);",
      "--stubs: every grader must fail on its stub as committed (your edits are not graded)."
    })
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--solutions", description = "Prove every grader passes on its solution.")
    boolean solutions;

    @Option(names = "--stubs", description = "Prove every grader fails on its pristine stub.")
    boolean stubs;
  }

  @Parameters(
      arity = "0..1",
      paramLabel = "<topic|exercise>",
      description = "Only this topic or exercise.")
  String filter;

  @Override
  public Integer call() {
    var p = new Printer(spec);
    var session = prep.session();
    List<Exercise> exercises = select(session);
    int bad = 0;
    try (var grading = prep.grading(session)) {
      grading.warmUp();
      for (Exercise e : exercises) {
        bad +=
            mode.solutions
                ? solution(p, session, grading, e)
                : mode.stubs ? stub(p, session, grading, e) : learner(p, session, grading, e);
      }
    }
    String what =
        mode.solutions
            ? "solutions pass"
            : mode.stubs ? "stubs fail as they should" : "exercises pass";
    if (bad == 0) {
      p.line("@|green,bold All %d %s.|@", exercises.size(), what);
      return PrepCommand.OK;
    }
    p.line("@|red,bold %d of %d exercises: not as they should be.|@", bad, exercises.size());
    return PrepCommand.FAILED;
  }

  private List<Exercise> select(Session session) {
    var course = session.course();
    if (filter == null) {
      return course.exercises().toList();
    }
    if (course.topics().stream().anyMatch(t -> t.id().equals(filter))) {
      return course.topic(filter).exercises();
    }
    return List.of(course.exercise(filter));
  }

  private int solution(Printer p, Session session, Grading grading, Exercise e) {
    for (int run = 1; run <= e.runs(); run++) {
      GradeReport r = grading.grade(Submission.SOLUTION.request(session, e));
      if (!r.passed()) {
        p.line(
            "@|red ✗|@ %-32s the grader fails on the reference solution (run %d of %d):",
            e.id(), run, e.runs());
        p.markup(new ReportRenderer(prep.verbose).render(r));
        return 1;
      }
    }
    p.line(
        "@|green ✓|@ %-32s passes on the solution%s",
        e.id(), e.runs() > 1 ? " (" + e.runs() + " runs)" : "");
    return 0;
  }

  private int stub(Printer p, Session session, Grading grading, Exercise e) {
    GradeReport r = grading.grade(Submission.COMMITTED_STUB.request(session, e));
    if (!r.compiled()) {
      p.line("@|red ✗|@ %-32s the stub does not compile with its grader:", e.id());
      p.markup(new ReportRenderer(prep.verbose).render(r));
      return 1;
    }
    if (r.passed()) {
      p.line(
          "@|red ✗|@ %-32s the grader PASSES on the untouched stub: it cannot tell a solution from nothing",
          e.id());
      return 1;
    }
    p.line("@|green ✓|@ %-32s fails on the stub", e.id());
    return 0;
  }

  private int learner(Printer p, Session session, Grading grading, Exercise e) {
    GradeReport r = grading.grade(Submission.LEARNER.request(session, e));
    Graders.record(session, e, r);
    p.line(r.passed() ? "@|green ✓|@ %s" : "@|red ✗|@ %s", e.id());
    return r.passed() ? 0 : 1;
  }
}
