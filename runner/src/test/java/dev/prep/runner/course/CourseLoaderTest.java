package dev.prep.runner.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseLoaderTest {
  static final Path FIXTURE = Path.of("src/test/resources/course");

  @Test
  @DisplayName("discovers topics, notebooks in file-name order, demos and exercises with defaults")
  void discoversTheFixtureCourse() {
    Course course = CourseLoader.load(FIXTURE);

    Topic arrays = course.topic("arrays");
    assertThat(arrays.notebooks())
        .extracting(NotebookRef::id)
        .containsExactly("01-basics", "02-more");
    assertThat(arrays.demos()).extracting(Demo::name).containsExactly("hello");
    assertThat(arrays.exercises())
        .extracting(Exercise::id)
        .containsExactly("arrays/sum", "arrays/max");
    Exercise max = course.exercise("arrays/max");
    assertThat(max.difficulty()).isEqualTo(Difficulty.MEDIUM);
    assertThat(max.timeLimit()).isEqualTo(Duration.ofSeconds(10));
    assertThat(max.runs()).isEqualTo(1);
    assertThat(max.graderPath())
        .isEqualTo(Path.of("topics/arrays/src/grader/java/demo/MaxTest.java"));
  }

  @Test
  @DisplayName("finds an exercise by its bare name and suggests the closest id on a typo")
  void findsAndSuggests() {
    Course course = CourseLoader.load(FIXTURE);

    assertThat(course.exercise("sum").id()).isEqualTo("arrays/sum");
    assertThatThrownBy(() -> course.exercise("arrays/summ"))
        .isInstanceOf(CourseException.class)
        .hasMessage("no exercise 'arrays/summ': did you mean arrays/sum?");
    assertThatThrownBy(() -> course.exercise("zzzzzzzz"))
        .hasMessageContaining("run prep list to see them all");
    assertThatThrownBy(() -> course.topic("aray")).hasMessageContaining("did you mean arrays?");
  }

  @Test
  @DisplayName("a topic file with an unknown key is rejected, naming the file and the key")
  void rejectsUnknownKeys(@TempDir Path root) throws IOException {
    Path topic = Files.createDirectories(root.resolve("topics/t"));
    Files.writeString(
        topic.resolve("topic.toml"),
        "title = \"T\"\n\n[[exercises]]\nname = \"a\"\ntitle = \"A\"\ngrader = \"G\"\nfiles = [\"A.java\"]\ntime-limt = \"3s\"\n");

    assertThatThrownBy(() -> CourseLoader.load(root))
        .isInstanceOf(CourseException.class)
        .hasMessageStartingWith("topics/t/topic.toml")
        .hasMessageContaining("time-limt");
  }

  @Test
  @DisplayName("a bad time limit names the exercise and the accepted forms")
  void rejectsBadDurations(@TempDir Path root) throws IOException {
    Path topic = Files.createDirectories(root.resolve("topics/t"));
    Files.writeString(
        topic.resolve("topic.toml"),
        "title = \"T\"\n[[exercises]]\nname = \"a\"\ntitle = \"A\"\ngrader = \"G\"\nfiles = [\"A.java\"]\ntime-limit = \"ten\"\n");

    assertThatThrownBy(() -> CourseLoader.load(root))
        .hasMessage(
            "topics/t/topic.toml: exercise 'a': time-limit 'ten' is not a duration: write it like 500ms, 10s or 2m");
  }
}
