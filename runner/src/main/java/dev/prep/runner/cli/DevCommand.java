package dev.prep.runner.cli;

import dev.prep.runner.course.CourseAudit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "dev",
    description = "Tools for course authors.",
    subcommands = DevCommand.Check.class)
final class DevCommand {
  @ParentCommand PrepCommand prep;

  @Command(
      name = "check",
      description =
          "Validate the catalog: every exercise has a stub, a solution, a grader and a hint; no orphans.")
  static final class Check implements Callable<Integer> {
    @ParentCommand DevCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      var p = new Printer(spec);
      var session = parent.prep.session();
      var problems = CourseAudit.audit(session.course());
      if (problems.isEmpty()) {
        long exercises = session.course().exercises().count();
        p.line(
            "@|green ✓ catalog is whole:|@ %d topics, %d exercises, each with stub, solution, grader and hints.",
            session.course().topics().size(), exercises);
        return PrepCommand.OK;
      }
      problems.forEach(problem -> p.line("@|red ✗|@ %s", problem));
      return PrepCommand.FAILED;
    }
  }
}
