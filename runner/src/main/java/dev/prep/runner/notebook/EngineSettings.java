package dev.prep.runner.notebook;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link NotebookEngine} starts its worker JVM and sets up each notebook's shell.
 *
 * @param javaExecutable the {@code java} to launch; {@code null} means this JVM's
 * @param workerClasspath the runner's class path for the worker; {@code null} or empty means this
 *     JVM's
 * @param topicClasspath the topic's classes and libraries, visible to cells
 * @param imports imports every notebook starts with after {@code import module java.base;}, e.g.
 *     {@code import dev.prep.slices.*;}
 * @param jvmOptions extra options for the worker JVM, after the engine's own
 */
public record EngineSettings(
    Path javaExecutable,
    List<Path> workerClasspath,
    List<Path> topicClasspath,
    List<String> imports,
    List<String> jvmOptions) {

  public EngineSettings {
    javaExecutable = javaExecutable == null ? currentJava() : javaExecutable;
    workerClasspath =
        workerClasspath == null || workerClasspath.isEmpty()
            ? currentClasspath()
            : List.copyOf(workerClasspath);
    topicClasspath = topicClasspath == null ? List.of() : List.copyOf(topicClasspath);
    imports = imports == null ? List.of() : List.copyOf(imports);
    jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
  }

  /** This JVM's java and class path for the worker, with the topic's class path and imports. */
  public static EngineSettings of(List<Path> topicClasspath, List<String> imports) {
    return new EngineSettings(null, null, topicClasspath, imports, List.of());
  }

  private static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static List<Path> currentClasspath() {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .toList();
  }
}
