package dev.prep.runner.cli;

import dev.prep.runner.notebook.NotebookCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "notebook",
    description = "Check notebooks' stored outputs, or regenerate them.",
    subcommands = {NotebookCommand.Check.class, NotebookCommand.Update.class})
final class NotebookCommand {
  @ParentCommand PrepCommand prep;

  @Command(
      name = "check",
      description = "Run notebooks and fail on any output that differs from the stored one.")
  static final class Check implements Callable<Integer> {
    @ParentCommand NotebookCommand parent;
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..1",
        paramLabel = "<topic|file>",
        description = "A topic or a notebook file; default: all.")
    String target;

    @Override
    public Integer call() {
      var p = new Printer(spec);
      var session = parent.prep.session();
      int[] failed = {0};
      int[] total = {0};
      Notebooks.runEach(
          session,
          target,
          ran -> {
            total[0]++;
            var result = NotebookCheck.check(ran.notebook(), ran.run());
            if (result.passed()) {
              p.line("@|green ✓|@ %s", ran.ref().path().toString());
            } else {
              failed[0]++;
              p.line("@|red ✗|@ %s", ran.ref().path().toString());
              p.plain(result.report());
            }
          });
      if (failed[0] > 0) {
        p.line(
            "@|red,bold %d of %d notebooks differ.|@ If the new output is right, run prep notebook update %s",
            failed[0], total[0], target == null ? "" : target);
        return PrepCommand.FAILED;
      }
      p.line("@|green %d notebooks match their stored output.|@", total[0]);
      return PrepCommand.OK;
    }
  }

  @Command(
      name = "update",
      description = "Run notebooks and rewrite their output blocks (never type outputs by hand).")
  static final class Update implements Callable<Integer> {
    @ParentCommand NotebookCommand parent;
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..1",
        paramLabel = "<topic|file>",
        description = "A topic or a notebook file; default: all.")
    String target;

    @Override
    public Integer call() {
      var p = new Printer(spec);
      var session = parent.prep.session();
      int[] refused = {0};
      Notebooks.runEach(
          session,
          target,
          ran -> {
            var check = NotebookCheck.check(ran.notebook(), ran.run());
            String shown = ran.ref().path().toString();
            if (!check.contractsHold()) {
              refused[0]++;
              p.line("@|red ✗|@ %s not updated:", shown);
              p.plain(check.report());
              return;
            }
            var file = session.root().resolve(ran.ref().path());
            String updated = NotebookCheck.update(ran.notebook(), ran.run());
            try {
              if (!updated.equals(Files.readString(file))) {
                Files.writeString(file, updated);
                p.line("@|yellow ↻|@ %s updated", shown);
              } else {
                p.line("@|green ✓|@ %s unchanged", shown);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      return refused[0] == 0 ? PrepCommand.OK : PrepCommand.FAILED;
    }
  }
}
