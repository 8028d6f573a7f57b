package dev.prep.runner.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "solution",
    description = "Show the reference solution as a diff against your file, once yours passes.")
final class SolutionCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<exercise>")
  String exerciseId;

  @Option(names = "--force", description = "Show it even though your exercise does not pass yet.")
  boolean force;

  @Override
  public Integer call() {
    var p = new Printer(spec);
    var session = prep.session();
    var exercise = session.course().exercise(exerciseId);
    if (!force && !session.progress().isDone(exercise.id())) {
      p.line(
          "%s does not pass yet: the reference is shown once it does (prep check %s), or now with --force.",
          exercise.id(), exercise.id());
      return PrepCommand.FAILED;
    }
    for (int i = 0; i < exercise.files().size(); i++) {
      Path mine = exercise.stubPaths().get(i);
      Path reference = exercise.solutionPaths().get(i);
      List<String> a = lines(session.root().resolve(mine));
      List<String> b = lines(session.root().resolve(reference));
      var patch = DiffUtils.diff(a, b);
      if (patch.getDeltas().isEmpty()) {
        p.line("@|green %s is identical to the reference.|@", mine.toString());
        continue;
      }
      for (String line :
          UnifiedDiffUtils.generateUnifiedDiff(
              mine.toString(), reference.toString(), a, patch, 3)) {
        String style =
            line.startsWith("+") && !line.startsWith("+++")
                ? "green"
                : line.startsWith("-") && !line.startsWith("---")
                    ? "red"
                    : line.startsWith("@@") ? "cyan" : null;
        if (style == null) {
          p.plain(line);
        } else {
          p.line("@|" + style + " %s|@", line);
        }
      }
    }
    return PrepCommand.OK;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
