package dev.prep.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notebook 02 quotes Go's escape analysis: source from {@code go/escape/escape.go} and compiler
 * output from the files {@code go/escape/gcflags.sh} wrote. Go is not needed to build Prep, so the
 * output is committed; these tests keep the notebook's quotes and the committed files in step.
 * Maven runs a module's tests in the module's directory, so the paths are relative to it.
 */
@DisplayName("Notebook 02 quotes the real output of go build -gcflags=-m")
class GoEscapeOutputTest {

  private static final Path DIR = Path.of("go", "escape");
  private static final Path NOTEBOOK = Path.of("notebooks", "02-escape-analysis.md");
  private static final String VERSION = "go1.19.8 linux/amd64";

  /** A fenced block of the notebook: its body and the line of its opening fence. */
  private record Fence(String body, int line) {}

  private static final Pattern FENCE =
      Pattern.compile("^```(\\w+)[^\\n]*\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

  private static List<Fence> fences(String language) throws IOException {
    String markdown = Files.readString(NOTEBOOK);
    List<Fence> found = new ArrayList<>();
    Matcher m = FENCE.matcher(markdown);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        int line = (int) markdown.substring(0, m.start()).lines().count() + 1;
        found.add(new Fence(m.group(2), line));
      }
    }
    return found;
  }

  private static List<String> lines(String file) throws IOException {
    return Files.readAllLines(DIR.resolve(file));
  }

  @Test
  @DisplayName("Each output file names the Go version and the command that produced it")
  void provenance() throws IOException {
    assertThat(lines("gcflags-m.txt"))
        .startsWith(VERSION, "$ go build -gcflags=-m -o /dev/null .", "# prep.dev/escape");
    assertThat(lines("gcflags-m2.txt"))
        .startsWith(VERSION, "$ go build -gcflags=-m=2 -o /dev/null .", "# prep.dev/escape");
    assertThat(Files.readString(NOTEBOOK)).contains("Go 1.19.8 on linux/amd64");
  }

  @Test
  @DisplayName("Every line of every text block in the notebook is a line of the output it names")
  void quotedOutputIsReal() throws IOException {
    List<Fence> quotes = fences("text");
    assertThat(quotes).as("text blocks quoting go build in notebook 02").hasSizeGreaterThan(5);
    for (Fence quote : quotes) {
      List<String> quoted = quote.body().lines().toList();
      String command = quoted.getFirst();
      List<String> output =
          switch (command) {
            case "$ go build -gcflags=-m -o /dev/null ." -> lines("gcflags-m.txt");
            case "$ go build -gcflags=-m=2 -o /dev/null ." -> lines("gcflags-m2.txt");
            default ->
                throw new AssertionError(
                    NOTEBOOK
                        + ":"
                        + quote.line()
                        + ": a text block must start with the go build command it quotes, not: "
                        + command);
          };
      assertThat(output)
          .as(
              "%s:%d quotes lines that %s did not print; run go/escape/gcflags.sh and copy them again",
              NOTEBOOK, quote.line(), command)
          .containsAll(quoted.subList(1, quoted.size()));
    }
  }

  @Test
  @DisplayName("Every Go block in the notebook is copied verbatim from escape.go")
  void quotedSourceIsReal() throws IOException {
    String source = Files.readString(DIR.resolve("escape.go"));
    List<Fence> blocks = fences("go");
    assertThat(blocks).as("go blocks in notebook 02").isNotEmpty();
    for (Fence block : blocks) {
      assertThat(source)
          .as("%s:%d is not a verbatim part of go/escape/escape.go", NOTEBOOK, block.line())
          .contains(block.body());
    }
  }

  @Test
  @DisplayName("The cases the notebook calls silent stay silent: no heap move for them")
  void silentCasesHaveNoHeapLine() throws IOException {
    // line 38: newPoint inlined into sumOfNewPoint; line 111: the 800,000-byte declared array
    assertThat(lines("gcflags-m.txt"))
        .contains("./escape.go:38:15: inlining call to newPoint")
        .noneMatch(line -> line.startsWith("./escape.go:38:") && line.contains("heap"))
        .noneMatch(line -> line.startsWith("./escape.go:111:"));
    assertThat(Files.readString(DIR.resolve("escape.go")).lines().toList().get(110))
        .contains("var a [100000]int");
  }
}
