package dev.prep.runner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "hint",
    description = "Show the next hint for an exercise (one at a time; earlier ones stay visible).")
final class HintCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<exercise>")
  String exerciseId;

  @Override
  public Integer call() {
    var session = prep.session();
    reveal(session, session.course().exercise(exerciseId), new Printer(spec));
    return PrepCommand.OK;
  }

  /** Reveals one more hint (remembered) and shows all revealed so far. */
  static void reveal(
      dev.prep.runner.session.Session session,
      dev.prep.runner.course.Exercise exercise,
      Printer p) {
    int shown =
        Math.min(exercise.hints().size(), session.progress().hintsRevealed(exercise.id()) + 1);
    session.update(pr -> pr.withHintsRevealed(exercise.id(), shown));
    show(p, exercise, shown);
  }

  static void show(Printer p, dev.prep.runner.course.Exercise exercise, int shown) {
    int total = exercise.hints().size();
    for (int i = 0; i < shown; i++) {
      p.line("@|bold Hint %d of %d|@  %s", i + 1, total, exercise.hints().get(i));
    }
    if (shown >= total) {
      p.line(
          "@|faint That was the last hint. The notebook %s explains the idea; prep solution %s --force shows the reference.|@",
          String.valueOf(exercise.notebook()), exercise.id());
    }
  }
}
