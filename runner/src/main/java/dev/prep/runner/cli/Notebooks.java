package dev.prep.runner.cli;

import dev.prep.runner.course.CourseException;
import dev.prep.runner.course.NotebookRef;
import dev.prep.runner.course.Topic;
import dev.prep.runner.notebook.EngineSettings;
import dev.prep.runner.notebook.Notebook;
import dev.prep.runner.notebook.NotebookEngine;
import dev.prep.runner.notebook.NotebookFormatException;
import dev.prep.runner.notebook.NotebookRun;
import dev.prep.runner.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Finds notebooks named on the command line and starts engines for their topics. */
final class Notebooks {
  private Notebooks() {}

  record Selection(Topic topic, List<NotebookRef> notebooks) {}

  /** {@code target} is a topic id, a notebook file, or null for every notebook of every topic. */
  static List<Selection> select(Session session, String target) {
    var course = session.course();
    if (target == null) {
      return course.topics().stream().map(t -> new Selection(t, t.notebooks())).toList();
    }
    Path asFile = Path.of(target).toAbsolutePath().normalize();
    if (target.endsWith(".md") || Files.isRegularFile(asFile)) {
      Path rel = session.root().relativize(asFile);
      for (Topic t : course.topics()) {
        for (NotebookRef n : t.notebooks()) {
          if (n.path().equals(rel)) {
            return List.of(new Selection(t, List.of(n)));
          }
        }
      }
      throw new CourseException(
          target
              + " is not a notebook of any topic (they live in topics/<topic>/notebooks/NN-name.md)");
    }
    Topic t = course.topic(target);
    return List.of(new Selection(t, t.notebooks()));
  }

  static NotebookEngine engine(Session session, Topic topic) {
    List<String> imports = new ArrayList<>();
    for (String i : topic.imports()) {
      imports.add("import " + i + ";");
    }
    return new NotebookEngine(
        new EngineSettings(
            Session.javaExecutable(),
            Session.runnerClasspath(),
            session.course().topicClasspath(topic),
            imports,
            session.workerJvmOptions("notebook.aot")));
  }

  /** What one notebook produced when run: its reference, the parsed file, the run. */
  record Ran(NotebookRef ref, Notebook notebook, NotebookRun run) {}

  /**
   * Runs every notebook {@code target} names, one engine (one JVM) per topic, handing each result
   * to {@code each} as soon as it is ready.
   */
  static void runEach(Session session, String target, Consumer<Ran> each) {
    for (var sel : select(session, target)) {
      if (sel.notebooks().isEmpty()) {
        continue;
      }
      try (var engine = engine(session, sel.topic())) {
        for (var ref : sel.notebooks()) {
          var nb = parse(session, ref);
          each.accept(new Ran(ref, nb, engine.run(nb)));
        }
      }
    }
  }

  static Notebook parse(Session session, NotebookRef ref) {
    try {
      return Notebook.parse(session.root().resolve(ref.path()), ref.path().toString());
    } catch (NotebookFormatException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
