package dev.prep.runner.cli;

import dev.prep.runner.session.Pristine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "reset",
    description = "Restore an exercise's stub; your version is backed up first.")
final class ResetCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<exercise>")
  String exerciseId;

  @Override
  public Integer call() {
    var session = prep.session();
    restore(session, session.course().exercise(exerciseId), new Printer(spec));
    return PrepCommand.OK;
  }

  /** Backs up the learner's files, then writes the committed stubs back. */
  static void restore(
      dev.prep.runner.session.Session session,
      dev.prep.runner.course.Exercise exercise,
      Printer p) {
    String stamp = STAMP.format(session.clock().instant());
    for (Path rel : exercise.stubPaths()) {
      Path file = session.root().resolve(rel);
      var committed = Pristine.committed(session.root(), rel);
      if (committed.isEmpty()) {
        throw new UserError(
            "cannot find the committed version of "
                + rel
                + " (is this a git checkout?): nothing was changed");
      }
      try {
        if (Files.exists(file)) {
          if (Files.readString(file).equals(committed.get())) {
            p.line("%s is already the stub.", rel.toString());
            continue;
          }
          Path backup = session.stateDir().resolve("backups").resolve(rel.toString() + "." + stamp);
          Files.createDirectories(backup.getParent());
          Files.copy(file, backup);
          p.line(
              "Backed up your version to @|bold %s|@",
              session.root().relativize(backup).toString());
        }
        Files.writeString(file, committed.get());
        p.line("@|green Restored|@ %s", rel.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    session.update(pr -> pr.withoutResult(exercise.id()));
  }
}
