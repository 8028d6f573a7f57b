package dev.prep.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notebook 04 quotes a real run of Go's race detector: the program in {@code go/race/main.go} and
 * the report {@code go/race/race.sh} saved. These tests keep the quotes and the files in step.
 */
@DisplayName("Notebook 04 quotes the real program and report of go run -race")
class GoRaceOutputTest {

  private static final Path DIR = Path.of("go", "race");
  private static final Path NOTEBOOK = Path.of("notebooks", "04-data-races.md");
  private static final Pattern FENCE =
      Pattern.compile("^```(\\w+)[^\\n]*\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

  private static List<String> fences(String language) throws IOException {
    Matcher m = FENCE.matcher(Files.readString(NOTEBOOK));
    return m.results().filter(r -> r.group(1).equals(language)).map(r -> r.group(2)).toList();
  }

  @Test
  @DisplayName("The report names its Go version and is quoted whole, line for line")
  void reportIsReal() throws IOException {
    List<String> saved = Files.readAllLines(DIR.resolve("race-output.txt"));
    assertThat(saved.getFirst()).startsWith("# go1.19.8 linux/amd64, go run -race .");
    String report = String.join("\n", saved.subList(1, saved.size())) + "\n";
    assertThat(fences("text"))
        .as("a text block in %s equal to go/race/race-output.txt without its first line", NOTEBOOK)
        .contains(report);
    assertThat(report).contains("WARNING: DATA RACE", "Found 1 data race(s)", "exit status 66");
  }

  @Test
  @DisplayName("The racy program in the notebook is go/race/main.go, verbatim")
  void programIsReal() throws IOException {
    assertThat(fences("go"))
        .as("a go block in %s equal to go/race/main.go", NOTEBOOK)
        .contains(Files.readString(DIR.resolve("main.go")));
  }
}
