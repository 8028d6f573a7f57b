package dev.prep.gc;

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
 * Notebook 04 quotes a real {@code GODEBUG=gctrace=1} run: the program in {@code
 * go/gctrace/main.go} and the trace {@code go/gctrace/gctrace.sh} saved. These tests keep the
 * quotes and the files in step.
 */
@DisplayName("Notebook 04 quotes a real GODEBUG=gctrace=1 run")
class GoGctraceOutputTest {

  private static final Path DIR = Path.of("go", "gctrace");
  private static final Path NOTEBOOK = Path.of("notebooks", "04-go-gc-in-practice.md");
  private static final Pattern FENCE =
      Pattern.compile("^```(\\w+)[^\\n]*\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

  private static List<String> fences(String language) throws IOException {
    Matcher m = FENCE.matcher(Files.readString(NOTEBOOK));
    return m.results().filter(r -> r.group(1).equals(language)).map(r -> r.group(2)).toList();
  }

  @Test
  @DisplayName("The trace names its Go version and is quoted whole, line for line")
  void reportIsReal() throws IOException {
    List<String> saved = Files.readAllLines(DIR.resolve("gctrace-output.txt"));
    assertThat(saved.getFirst()).startsWith("# go1.19.8 linux/amd64");
    String report = String.join("\n", saved.subList(1, saved.size())) + "\n";
    assertThat(fences("text"))
        .as(
            "a text block in %s equal to go/gctrace/gctrace-output.txt without its first line",
            NOTEBOOK)
        .contains(report);
    assertThat(report).contains("gc 1 @", "MB goal", " P\n");
  }

  @Test
  @DisplayName("The program in the notebook is go/gctrace/main.go, verbatim")
  void programIsReal() throws IOException {
    assertThat(fences("go"))
        .as("a go block in %s equal to go/gctrace/main.go", NOTEBOOK)
        .contains(Files.readString(DIR.resolve("main.go")));
  }
}
