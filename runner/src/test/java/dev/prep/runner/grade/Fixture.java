package dev.prep.runner.grade;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The tiny exercise under src/test/resources/grade: a Greeter, its grader, learner variants. */
final class Fixture {
  static final String LEARNER_PATH = "exercises/fixture/fixture/Greeter.java";
  static final String GRADER_PATH = "topics/fixture/src/grader/java/fixture/GreeterTest.java";

  private Fixture() {}

  static GradeRequest request(String variant) {
    return request(variant, Duration.ofSeconds(20));
  }

  static GradeRequest request(String variant, Duration timeLimit) {
    return new GradeRequest(
        "greeter",
        List.of(new SourceFile(LEARNER_PATH, read("learner/" + variant + "/Greeter.java"))),
        List.of(new SourceFile(GRADER_PATH, read("grader/GreeterTest.java"))),
        classpath(),
        timeLimit);
  }

  /** Surefire's class path: the runner's classes, JUnit Jupiter with params, AssertJ. */
  static List<Path> classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .toList();
  }

  static WorkerSettings settings() {
    var defaults = WorkerSettings.defaults();
    List<String> options =
        defaults.jvmOptions().stream()
            .map(option -> option.startsWith("-Xmx") ? "-Xmx96m" : option)
            .toList();
    return defaults.withJvmOptions(options);
  }

  static String read(String resource) {
    try {
      var url = Objects.requireNonNull(Fixture.class.getResource("/grade/" + resource), resource);
      return Files.readString(Path.of(url.toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 1-based line of the first occurrence of text in a learner variant. */
  static int lineOf(String variant, String text) {
    List<String> lines = read("learner/" + variant + "/Greeter.java").lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + variant);
  }
}
