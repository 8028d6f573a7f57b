package dev.prep.runner.cli;

import dev.prep.runner.course.CourseException;
import dev.prep.runner.course.NotebookRef;
import dev.prep.runner.notebook.NotebookRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "read", description = "Run a notebook and show its prose, code and outputs.")
final class ReadCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<topic>")
  String topicId;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<notebook>",
      description = "Its number-name or name; default: the first unread.")
  String notebookName;

  @Override
  public Integer call() {
    var p = new Printer(spec);
    var session = prep.session();
    var topic = session.course().topic(topicId);
    var progress = session.progress();
    NotebookRef ref =
        notebookName != null
            ? topic
                .notebook(notebookName)
                .orElseThrow(
                    () ->
                        new CourseException(
                            "no notebook '"
                                + notebookName
                                + "' in "
                                + topic.id()
                                + dev.prep.runner.course.Course.didYouMean(
                                    notebookName,
                                    topic.notebooks().stream().map(NotebookRef::id).toList())))
            : topic.notebooks().stream()
                .filter(n -> !progress.notebooksRead().containsKey(topic.id() + "/" + n.id()))
                .findFirst()
                .or(() -> topic.notebooks().stream().findFirst())
                .orElseThrow(() -> new CourseException(topic.id() + " has no notebooks yet"));
    var notebook = Notebooks.parse(session, ref);
    p.line("@|faint running %s …|@", ref.path().toString());
    try (var engine = Notebooks.engine(session, topic)) {
      var run = engine.run(notebook);
      p.markup(NotebookRenderer.render(notebook, run, spec.usageMessage().width()));
    }
    session.update(
        pr -> pr.withNotebookRead(topic.id() + "/" + ref.id(), session.clock().instant()));
    topic.exercises().stream()
        .filter(e -> ref.id().equals(e.notebook()))
        .forEach(e -> p.line("Practise it: @|cyan ./prep check %s|@ — %s", e.id(), e.title()));
    int at = topic.notebooks().indexOf(ref);
    if (at + 1 < topic.notebooks().size()) {
      p.line(
          "Next notebook: @|cyan ./prep read %s %s|@",
          topic.id(), topic.notebooks().get(at + 1).id());
    }
    return PrepCommand.OK;
  }
}
