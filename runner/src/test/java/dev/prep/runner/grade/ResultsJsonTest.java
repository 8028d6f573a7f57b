package dev.prep.runner.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(5)
class ResultsJsonTest {

  @Test
  @DisplayName("a failing report matches the golden Exercism v3 results.json")
  void failingReport() {
    assertThat(ResultsJson.toJson(Reports.failing()))
        .isEqualTo(Fixture.read("results/failing.json"));
  }

  @Test
  @DisplayName("a compile error is status error with the diagnostics as the message")
  void compileError() {
    assertThat(ResultsJson.toJson(Reports.compileError()))
        .isEqualTo(Fixture.read("results/compile-error.json"));
  }

  @Test
  @DisplayName("output over 500 characters is cut with Exercism's notice")
  void outputTruncated() {
    assertThat(ResultsJson.output("y".repeat(501)))
        .isEqualTo("y".repeat(500) + "\n\nOutput was truncated. Please limit to 500 chars.");
    assertThat(ResultsJson.output("short")).isEqualTo("short");
  }

  @Test
  @DisplayName("write puts the JSON in the given file")
  void writesFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.json");

    ResultsJson.write(Reports.compileError(), file);

    assertThat(Files.readString(file)).isEqualTo(ResultsJson.toJson(Reports.compileError()));
  }
}
