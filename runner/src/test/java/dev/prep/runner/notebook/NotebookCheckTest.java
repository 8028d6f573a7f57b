package dev.prep.runner.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Check and update on hand-made runs: no JVM needed. */
class NotebookCheckTest {

  private static Notebook parse(String text) throws NotebookFormatException {
    return Notebook.parse(Path.of("n.md"), "n.md", text);
  }

  private static NotebookRun run(Notebook nb, CellResult... results) {
    return new NotebookRun(nb, List.of(results), Optional.empty(), Duration.ZERO);
  }

  @ParameterizedTest(name = "[{0}] vs [{1}] unordered={2} ellipsis={3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a\\nb        | a\\nb         | false | false | true
          a\\nb        | b\\na         | false | false | false
          a\\nb        | b\\na         | true  | false | true
          x...z        | x y z       | false | true  | true
          x...z        | x y\\nw z    | false | true  | true
          x...z        | x y         | false | true  | false
          x...         | x...        | false | false | true
          a   \\n\\n    | a           | false | false | true
          """)
  @DisplayName(
      "outputs compare exactly after trimming, sorted when unordered, with ... when ellipsis")
  void comparison(
      String expected, String actual, boolean unordered, boolean ellipsis, boolean same) {
    ExpectedOutput block =
        new ExpectedOutput(
            expected.replace("\\n", "\n"),
            unordered,
            ellipsis,
            1,
            new FenceSpan(0, 0, 0, "", "```"));

    assertThat(OutputComparison.matches(block, actual.replace("\\n", "\n"))).isEqualTo(same);
  }

  @Test
  @DisplayName("a compile-error cell with the wrong javac key fails the check")
  void wrongErrorKey() throws Exception {
    Notebook nb = parse("```java compile-error=compiler.err.cant.resolve\nint n = \"\";\n```\n");

    CheckResult result =
        NotebookCheck.check(
            nb,
            run(nb, new CellResult.Rejected("error: x\n", List.of("compiler.err.prob.found.req"))));

    assertThat(result.report())
        .startsWith(
            "n.md:1: the cell is flagged compile-error=compiler.err.cant.resolve but javac rejected"
                + " it with compiler.err.prob.found.req");
  }

  @Test
  @DisplayName("a throws=Type cell accepts the simple or qualified name and rejects another type")
  void throwsType() throws Exception {
    Notebook nb =
        parse(
            "```java throws=IllegalStateException\nx\n```\n```java throws=java.lang.IllegalStateException\nx\n```\n```java throws=IllegalStateException\nx\n```\n");
    String ise = "Exception java.lang.IllegalStateException: m\n";

    CheckResult result =
        NotebookCheck.check(
            nb,
            run(
                nb,
                new CellResult.Threw(ise, "java.lang.IllegalStateException"),
                new CellResult.Threw(ise, "java.lang.IllegalStateException"),
                new CellResult.Threw("Exception java.lang.Error\n", "java.lang.Error")));

    assertThat(result.mismatches())
        .filteredOn(Mismatch::contract)
        .extracting(Mismatch::location)
        .containsExactly("n.md:7");
  }

  @Test
  @DisplayName("update keeps CRLF line ends, indentation, tildes and output flags")
  void updatePreservesStyle() throws Exception {
    String text =
        "Intro\r\n\r\n```java\r\nprint()\r\n```\r\n~~~~output unordered\r\nold\r\n~~~~\r\n\r\n  ```java\r\n  p()\r\n  ```\r\ntail";
    Notebook nb = parse(text);

    String updated =
        NotebookCheck.update(
            nb, run(nb, new CellResult.Completed("new\nlines\n"), new CellResult.Completed("x\n")));

    assertThat(updated)
        .isEqualTo(
            "Intro\r\n\r\n```java\r\nprint()\r\n```\r\n~~~~output unordered\r\nnew\r\nlines\r\n~~~~\r\n\r\n  ```java\r\n  p()\r\n  ```\r\n  ```output\r\n  x\r\n  ```\r\ntail");
  }

  @Test
  @DisplayName("update leaves matching ellipsis blocks alone and adds a block at the end of a file")
  void updateKeepsMatchingEllipsis() throws Exception {
    String text = "```java\nx\n```\n```output ellipsis\nid ...\n```\n```java\ny\n```";
    Notebook nb = parse(text);

    String updated =
        NotebookCheck.update(
            nb, run(nb, new CellResult.Completed("id 42\n"), new CellResult.Completed("==> 1\n")));

    assertThat(updated).isEqualTo(text + "\n```output\n==> 1\n```");
  }

  @Test
  @DisplayName("cells flagged skip or no-run are neither checked nor rewritten")
  void skippedCellsAreLeftAlone() throws Exception {
    String text = "```java skip\nx\n```\n```output\nanything\n```\n```java no-run\ny\n```\n";
    Notebook nb = parse(text);
    NotebookRun run = run(nb, new CellResult.Skipped(), new CellResult.Skipped());

    assertThat(NotebookCheck.check(nb, run).passed()).isTrue();
    assertThat(NotebookCheck.check(nb, run).cellsChecked()).isZero();
    assertThat(NotebookCheck.update(nb, run)).isEqualTo(text);
  }

  @Test
  @DisplayName("a mermaid cell's output is written, read and checked as a ```mermaid block")
  void mermaidOutput() throws Exception {
    String text = "```java mermaid\nprint()\n```\n";
    Notebook nb = parse(text);
    String diagram = "flowchart LR\n  A --> B\n";

    String updated = NotebookCheck.update(nb, run(nb, new CellResult.Completed(diagram)));

    assertThat(updated).isEqualTo(text + "```mermaid\nflowchart LR\n  A --> B\n```\n");
    Notebook again = parse(updated);
    assertThat(NotebookCheck.check(again, run(again, new CellResult.Completed(diagram))).passed())
        .isTrue();
    assertThat(
            NotebookCheck.check(again, run(again, new CellResult.Completed("flowchart TD\n")))
                .passed())
        .isFalse();
  }

  @Test
  @DisplayName("a mermaid cell followed by an output block is a format error that says what to do")
  void mermaidCellWithOutputFence() {
    assertThatThrownBy(() -> parse("```java mermaid\nx\n```\n```output\ny\n```\n"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageContaining("n.md:4")
        .hasMessageContaining("```mermaid");
  }
}
