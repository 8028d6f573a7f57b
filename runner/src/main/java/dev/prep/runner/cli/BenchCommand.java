package dev.prep.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(
    name = "bench",
    description = {
      "Run a topic's JMH benchmarks, sized for a 2-core machine (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement).",
      "Extra JMH options after -- override the defaults, e.g. prep bench slices -- -f 2 -i 10."
    })
final class BenchCommand implements Callable<Integer> {
  static final List<String> DEFAULTS =
      List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s");

  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<topic>")
  String topicId;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<pattern>",
      description = "A regular expression over benchmark names.")
  String pattern;

  @Unmatched List<String> jmhOptions = new ArrayList<>();

  @Override
  public Integer call() {
    var session = prep.session();
    var course = session.course();
    var topic = course.topic(topicId);
    Path benchmarks = course.solutionClasses();
    if (!Files.isRegularFile(benchmarks.resolve("META-INF/BenchmarkList"))) {
      throw new UserError(
          "no compiled benchmarks in "
              + session.root().relativize(benchmarks)
              + ": run ./mvnw -q install -DskipTests first");
    }
    List<Path> classpath = new ArrayList<>();
    classpath.add(benchmarks);
    classpath.addAll(course.topicClasspath(topic));
    List<String> args = new ArrayList<>();
    args.add("dev\\.prep\\." + topic.id() + "\\..*" + (pattern == null ? "" : pattern + ".*"));
    List<String> mine = jmhOptions.stream().filter(a -> !a.equals("--")).toList();
    for (int i = 0; i + 1 < DEFAULTS.size(); i += 2) {
      if (!mine.contains(DEFAULTS.get(i))) { // an option given after -- replaces the default
        args.add(DEFAULTS.get(i));
        args.add(DEFAULTS.get(i + 1));
      }
    }
    args.addAll(mine);
    new Printer(spec)
        .line(
            "@|faint JMH on %d cores, JDK %s|@",
            Runtime.getRuntime().availableProcessors(), Runtime.version().toString());
    return ChildJvm.run(List.of(), classpath, "org.openjdk.jmh.Main", args);
  }
}
