package dev.prep.runner.cli;

import dev.prep.runner.session.Session;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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

@Command(
    name = "repl",
    description =
        "The jshell tool with a topic's classes and your compiled exercises, imports ready.")
final class ReplCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<topic>")
  String topicId;

  @Override
  public Integer call() {
    var p = new Printer(spec);
    var session = prep.session();
    var topic = session.course().topic(topicId);
    List<Path> classpath = new ArrayList<>(session.course().topicClasspath(topic));
    Path exercises = session.root().resolve("exercises/target/classes");
    if (Files.isDirectory(exercises)) {
      classpath.add(exercises);
      p.line(
          "@|faint your exercises are on the class path as last built (./mvnw -q -pl exercises compile to refresh)|@");
    }
    Path startup = writeStartup(session, topic.imports());
    Path jshell = Session.javaExecutable().resolveSibling("jshell");
    List<String> command =
        new ArrayList<>(
            List.of(
                jshell.toString(),
                "--class-path",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                "--startup",
                "DEFAULT",
                "--startup",
                startup.toString()));
    p.line(
        "@|faint jshell with %s: %s imported; /exit to leave|@",
        topic.id(), String.join(", ", topic.imports()));
    return ChildJvm.inherit(command);
  }

  private static Path writeStartup(Session session, List<String> imports) {
    try {
      Files.createDirectories(session.stateDir());
      Path file = session.stateDir().resolve("repl-startup.jsh");
      StringBuilder text = new StringBuilder();
      for (String i : imports) {
        text.append("import ").append(i).append(";\n");
      }
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
