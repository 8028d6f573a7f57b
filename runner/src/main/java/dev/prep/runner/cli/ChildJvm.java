package dev.prep.runner.cli;

import dev.prep.runner.session.Session;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a program in a child JVM that shares the terminal: demos, benchmarks, the jshell tool. */
final class ChildJvm {
  private ChildJvm() {}

  static int run(
      List<String> jvmOptions, List<Path> classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Session.javaExecutable().toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    command.add(mainClass);
    command.addAll(args);
    return inherit(command);
  }

  static int inherit(List<String> command) {
    try {
      Process child = new ProcessBuilder(command).inheritIO().start();
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        child.destroy();
        Thread.currentThread().interrupt();
        return PrepCommand.FAILED;
      }
    } catch (IOException e) {
      throw new UserError("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
    }
  }
}
