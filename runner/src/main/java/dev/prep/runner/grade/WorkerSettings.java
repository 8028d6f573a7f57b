package dev.prep.runner.grade;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How to start the worker JVM that runs learner code.
 *
 * @param javaExecutable the {@code java} launcher
 * @param workerClasspath the runner's classes and libraries (Jackson, JUnit Platform Launcher,
 *     Jupiter engine); the request's class path is added after it
 * @param jvmOptions options for the worker, e.g. {@code -Xmx256m}; the CLI may add an AOT cache
 * @param outputCapBytes how much of each test's stdout and stderr to keep
 */
public record WorkerSettings(
    Path javaExecutable, List<Path> workerClasspath, List<String> jvmOptions, int outputCapBytes) {

  /** Heap cap for learner code: small enough that a runaway allocation fails in well under 1 s. */
  public static final String DEFAULT_HEAP = "-Xmx256m";

  public WorkerSettings {
    workerClasspath = List.copyOf(workerClasspath);
    jvmOptions = List.copyOf(jvmOptions);
    if (outputCapBytes < 0) {
      throw new IllegalArgumentException("outputCapBytes must not be negative: " + outputCapBytes);
    }
  }

  /**
   * This JVM's {@code java} and class path, a 256 MB heap, C1 only and the serial collector (short
   * runs start faster that way), and 4 KB of output per test.
   */
  public static WorkerSettings defaults() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<Path> classpath =
        Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(Path::of)
            .toList();
    return new WorkerSettings(
        java,
        classpath,
        List.of(
            DEFAULT_HEAP,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true"),
        4096);
  }

  /** A copy with other JVM options. */
  public WorkerSettings withJvmOptions(List<String> options) {
    return new WorkerSettings(javaExecutable, workerClasspath, options, outputCapBytes);
  }

  /** A copy with another output cap. */
  public WorkerSettings withOutputCapBytes(int cap) {
    return new WorkerSettings(javaExecutable, workerClasspath, jvmOptions, cap);
  }
}
