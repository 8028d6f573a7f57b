package dev.prep.runner.cli;

import dev.prep.runner.course.Course;
import dev.prep.runner.course.CourseException;
import dev.prep.runner.course.Demo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Run one demo, or every demo of a topic in order.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<topic>")
  String topicId;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<name>")
  String name;

  @Parameters(
      index = "2..*",
      paramLabel = "<arg>",
      description = "Arguments for the demo, after --, e.g. prep demo gc marking -- --svg frames")
  List<String> args = List.of();

  @Override
  public Integer call() {
    var p = new Printer(spec);
    var course = prep.session().course();
    var topic = course.topic(topicId);
    List<Demo> demos =
        name == null
            ? topic.demos()
            : List.of(
                topic
                    .demo(name)
                    .orElseThrow(
                        () ->
                            new CourseException(
                                "no demo '"
                                    + name
                                    + "' in "
                                    + topic.id()
                                    + Course.didYouMean(
                                        name, topic.demos().stream().map(Demo::name).toList()))));
    if (!args.isEmpty() && name == null) {
      throw new CourseException(
          "arguments go to one demo: name it, e.g. prep demo "
              + topic.id()
              + " <name> -- "
              + String.join(" ", args));
    }
    var classpath = course.topicClasspath(topic);
    int worst = PrepCommand.OK;
    for (Demo d : demos) {
      p.line("@|faint ── prep demo %s %s ──|@", topic.id(), d.name());
      int code = ChildJvm.run(d.jvmOptions(), classpath, d.className(), args);
      if (code != 0) {
        p.error("demo " + d.name() + " exited with status " + code);
        worst = PrepCommand.FAILED;
      }
      p.line("");
    }
    return worst;
  }
}
