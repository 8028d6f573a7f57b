package dev.prep.runner.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseAuditTest {
  @TempDir Path root;

  @BeforeEach
  void copyFixture() throws IOException {
    try (Stream<Path> files = Files.walk(CourseLoaderTest.FIXTURE)) {
      for (Path f : files.toList()) {
        Path to = root.resolve(CourseLoaderTest.FIXTURE.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path demoClass = root.resolve("topics/arrays/target/classes/demo/HelloDemo.class");
    Files.createDirectories(demoClass.getParent());
    Files.write(demoClass, new byte[0]);
  }

  @Test
  @DisplayName("a whole course has no problems")
  void wholeCourse() {
    assertThat(CourseAudit.audit(CourseLoader.load(root))).isEmpty();
  }

  @Test
  @DisplayName("a missing solution, an orphan stub and an orphan grader are each named")
  void namesEveryProblem() throws IOException {
    Files.delete(root.resolve("solutions/arrays/demo/Max.java"));
    Files.writeString(
        root.resolve("exercises/arrays/demo/Extra.java"), "package demo; class Extra {}");
    Files.writeString(
        root.resolve("solutions/arrays/demo/Extra.java"), "package demo; class Extra {}");
    Files.writeString(
        root.resolve("topics/arrays/src/grader/java/demo/LostTest.java"),
        "package demo; class LostTest {}");

    assertThat(CourseAudit.audit(CourseLoader.load(root)))
        .containsExactlyInAnyOrder(
            "arrays/max has no solution solutions/arrays/demo/Max.java",
            "exercises/arrays/demo/Max.java has no twin in solutions/arrays/",
            "exercises/arrays/demo/Extra.java belongs to no exercise: list it in topics/arrays/topic.toml",
            "topics/arrays/src/grader/java/demo/LostTest.java grades no exercise: name it as a grader in topics/arrays/topic.toml");
  }
}
