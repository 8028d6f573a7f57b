package dev.prep.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      "Extra JMH options after -- override the defaults, e.g. prep bench slices -- -f 2 -i 10.",
      "prep bench redis (or prep bench redis redis-benchmark) runs redis-benchmark against the"
          + " reference server and a real redis-server instead, alternating, and prints the medians"
          + " and their ratio; options after -- go to it: --rounds N, --requests N, --clients N."
          + " prep bench redis RespRequestDecoder runs the RESP parser's JMH benchmark."
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

  /** A topic's own benchmark program: run for the topic alone, or when its name is the pattern. */
  record Program(String name, String mainClass) {}

  static final Map<String, Program> PROGRAMS =
      Map.of(
          "redis", new Program("redis-benchmark", "dev.prep.redis.bench.RedisBenchmarkComparison"));

  /**
   * The pattern and the options to pass on. Picocli takes every argument after {@code --} as a
   * positional one, so in {@code prep bench slices -- -f 2} it would read {@code -f} as the
   * pattern: only an argument before {@code --} is the pattern, and everything after it is passed
   * on as it is.
   */
  record Split(String pattern, List<String> passOn) {
    static Split of(List<String> original, String pattern, List<String> unmatched) {
      int dashes = original.indexOf("--");
      if (dashes < 0) {
        return new Split(pattern, List.copyOf(unmatched));
      }
      boolean patternBefore = pattern != null && original.subList(0, dashes).contains(pattern);
      return new Split(
          patternBefore ? pattern : null,
          List.copyOf(original.subList(dashes + 1, original.size())));
    }
  }

  @Override
  public Integer call() {
    var session = prep.session();
    var course = session.course();
    var topic = course.topic(topicId);
    Split split = Split.of(spec.commandLine().getParseResult().originalArgs(), pattern, jmhOptions);
    String regex = split.pattern();
    List<String> mine = split.passOn();
    Program program = PROGRAMS.get(topic.id());
    if (program != null && (regex == null || regex.equals(program.name()))) {
      return ChildJvm.run(List.of(), course.topicClasspath(topic), program.mainClass(), mine);
    }
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
    args.add("dev\\.prep\\." + topic.id() + "\\..*" + (regex == null ? "" : regex + ".*"));
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
