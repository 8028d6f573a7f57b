package dev.prep.runner.session;

import dev.prep.runner.course.Course;
import dev.prep.runner.course.CourseException;
import dev.prep.runner.course.CourseLoader;
import dev.prep.runner.progress.Progress;
import dev.prep.runner.progress.ProgressStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One invocation's view of the course and the learner's progress: finds the checkout, loads the
 * course once, reads and saves {@code .prep/state.json}, and knows how to start child JVMs.
 */
public final class Session {
  private final Path root;
  private final Clock clock;
  private final ProgressStore store;
  private final Consumer<String> notices;
  private Course course;
  private Progress progress;

  public Session(Path root, Clock clock, Consumer<String> notices) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
    this.notices = notices;
    this.store = new ProgressStore(this.root.resolve(".prep").resolve("state.json"), clock);
  }

  /**
   * The checkout's root: {@code -Dprep.home}, else {@code PREP_HOME}, else the nearest folder
   * upwards from the working directory that holds {@code topics/} and {@code pom.xml}.
   */
  public static Path findRoot() {
    String configured =
        Optional.ofNullable(System.getProperty("prep.home")).orElse(System.getenv("PREP_HOME"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("topics")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new CourseException(
        "cannot find the Prep checkout from "
            + Path.of("").toAbsolutePath()
            + ": run prep inside it or set PREP_HOME.");
  }

  public Path root() {
    return root;
  }

  public Clock clock() {
    return clock;
  }

  public Course course() {
    if (course == null) {
      course = CourseLoader.load(root);
    }
    return course;
  }

  public Progress progress() {
    if (progress == null) {
      var loaded = store.load();
      loaded.notice().ifPresent(notices);
      progress = loaded.progress();
    }
    return progress;
  }

  public void update(UnaryOperator<Progress> change) {
    progress = change.apply(progress());
    store.save(progress);
  }

  public Path stateDir() {
    return root.resolve(".prep");
  }

  /** The {@code java} of the JVM running prep: a JDK 25, since prep itself needs one. */
  public static Path javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .map(Path::of)
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  /** The runner's own class path: what a grading or notebook worker JVM starts from. */
  public static List<Path> runnerClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .toList();
  }

  /**
   * JVM options for short-lived workers: C1 only and the serial collector start fastest, and the
   * AOT cache the build trained (JEPs 483, 514, 515) is used when present. While the build trains
   * ({@code PREP_AOT_TRAINING} set), the worker writes the cache instead.
   */
  public List<String> workerJvmOptions(String cacheName) {
    return workerJvmOptions(root, cacheName);
  }

  /** {@link #workerJvmOptions(String)} for a checkout before a session exists. */
  public static List<String> workerJvmOptions(Path root, String cacheName) {
    List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    Path cache = root.resolve("runner").resolve("target").resolve(cacheName);
    if (System.getenv("PREP_AOT_TRAINING") != null) {
      options.add("-XX:AOTCacheOutput=" + cache);
    } else if (Files.isRegularFile(cache)) {
      options.add("-XX:AOTCache=" + cache);
    }
    // a cache that no longer matches the class path is skipped; its warning must not reach stdout,
    // which carries the worker protocol
    options.add("-Xlog:aot=off,cds=off");
    return options;
  }
}
