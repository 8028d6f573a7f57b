package dev.prep.runner.cli;

import dev.prep.runner.course.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "Notebooks, demos and exercises, with their state.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "<topic>", description = "Only this topic.")
  String topicId;

  @Override
  public Integer call() {
    print(new Printer(spec), prep.session(), topicId);
    return PrepCommand.OK;
  }

  void print(Printer p, dev.prep.runner.session.Session session, String only) {
    var course = session.course();
    var progress = session.progress();
    List<Topic> topics = only == null ? course.topics() : List.of(course.topic(only));
    for (Topic t : topics) {
      p.line("@|bold %s|@ — %s", t.title(), t.summary());
      p.line("  @|underline notebooks|@  (prep read %s <name>)", t.id());
      int width = t.notebooks().stream().mapToInt(n -> n.id().length()).max().orElse(0);
      for (var n : t.notebooks()) {
        boolean read = progress.notebooksRead().containsKey(t.id() + "/" + n.id());
        p.line(
            "    " + (read ? "@|green ✓|@" : " ") + " %-" + width + "s  %s%s",
            n.id(),
            heading(course.root().resolve(n.path())),
            read ? "  (read)" : "");
      }
      p.line("  @|underline demos|@  (prep demo %s <name>)", t.id());
      for (var d : t.demos()) {
        p.line("      %-28s %s", d.name(), d.title());
      }
      p.line("  @|underline exercises|@  (prep check <id>)");
      for (var e : t.exercises()) {
        String state = progress.state(e.id());
        String mark =
            switch (state) {
              case "done" -> "@|green ✓ done       |@";
              case "not started" -> "  not started";
              default -> "@|red ✗ failing    |@";
            };
        p.line(
            "    " + mark + "  %-28s %-6s %s",
            e.id(),
            e.difficulty().name().toLowerCase(java.util.Locale.ROOT),
            e.title());
      }
      p.line("");
    }
  }

  /**
   * A notebook's title: its first {@code # } heading without the {@code NN · } prefix, or nothing
   * if the file has none or cannot be read (the listing never fails on one notebook).
   */
  static String heading(Path notebook) {
    try (var lines = Files.lines(notebook)) {
      return lines
          .filter(line -> line.startsWith("# "))
          .findFirst()
          .map(line -> line.substring(2).replaceFirst("^\\d+\\s*·\\s*", "").strip())
          .orElse("");
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
