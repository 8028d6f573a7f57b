package dev.prep.runner.cli;

import dev.prep.runner.course.Exercise;
import dev.prep.runner.course.Topic;
import dev.prep.runner.progress.Progress;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    description = "Per topic: exercises done, notebooks read; what to do next.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return show(prep, new Printer(spec));
  }

  int show(PrepCommand prep, Printer p) {
    var session = prep.session();
    var course = session.course();
    Progress progress = session.progress();
    p.line("@|bold Prep|@ — read, run, solve");
    p.line("");
    for (Topic t : course.topics()) {
      long done = t.exercises().stream().filter(e -> progress.isDone(e.id())).count();
      long read =
          t.notebooks().stream()
              .filter(n -> progress.notebooksRead().containsKey(n.topic() + "/" + n.id()))
              .count();
      p.line(
          "  @|bold %-14s|@ exercises %s  notebooks %d/%d  demos %d",
          t.id(), bar(done, t.exercises().size()), read, t.notebooks().size(), t.demos().size());
    }
    p.line("");
    Optional<Exercise> next = Next.exercise(course, progress);
    if (next.isEmpty()) {
      p.line(
          "@|green,bold Every exercise passes.|@ Try the demos (prep list) or prep verify to re-check them all.");
      return PrepCommand.OK;
    }
    Exercise e = next.get();
    p.line("Next: @|bold %s|@ — %s", e.id(), e.title());
    for (var path : e.stubPaths()) {
      p.line("      %s", path.toString());
    }
    if (e.notebook() != null
        && !progress.notebooksRead().containsKey(e.topic() + "/" + e.notebook())) {
      p.line("Read first: @|cyan ./prep read %s %s|@", e.topic(), e.notebook());
    }
    p.line(
        "Then: @|cyan ./prep watch|@ (grades on every save) or @|cyan ./prep check %s|@", e.id());
    return PrepCommand.OK;
  }

  private static String bar(long done, int total) {
    return String.format(java.util.Locale.ROOT, "%d/%d", done, total);
  }
}
