package dev.prep.runner.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotebookParseTest {

  private static Notebook parse(String text) throws NotebookFormatException {
    return Notebook.parse(Path.of("x.md"), "topics/t/notebooks/03-x.md", text);
  }

  @Test
  @DisplayName("cells, their flags, their output blocks and the title are read from the Markdown")
  void readsCellsAndOutputs() throws Exception {
    Notebook nb = Fixtures.notebook("good.md");

    assertThat(nb.title()).isEqualTo("Cells that keep their promises");
    assertThat(nb.cells()).hasSize(15);
    Cell first = nb.cells().getFirst();
    assertThat(first.line()).isEqualTo(5);
    assertThat(first.source()).startsWith("System.out.println(\"hello\");");
    assertThat(first.expected()).map(ExpectedOutput::text).contains("hello\nto stderr\n");
    assertThat(nb.cells().get(1).expected()).map(ExpectedOutput::line).contains(20);
    assertThat(nb.cells().get(3).expected()).isEmpty();
    CellFlags throwing = nb.cells().get(6).flags();
    assertThat(throwing.mustThrow()).isTrue();
    assertThat(throwing.exceptionType()).contains("IllegalStateException");
    assertThat(nb.cells().get(7).flags().errorKey()).contains("compiler.err.prob.found.req");
    assertThat(nb.cells().get(8).flags().runs()).isFalse();
    assertThat(nb.cells().get(9).flags().skip()).isTrue();
    assertThat(nb.cells().get(10).flags().hidden()).isTrue();
    assertThat(nb.cells().get(13).expected()).map(ExpectedOutput::unordered).contains(true);
    assertThat(nb.cells().get(14).expected()).map(ExpectedOutput::ellipsis).contains(true);
  }

  @Test
  @DisplayName("timeouts are read in seconds or milliseconds, with 10s as the default")
  void timeouts() throws Exception {
    Notebook nb =
        parse("```java timeout=2s\n1\n```\n```java timeout=250ms\n2\n```\n```java\n3\n```\n");

    assertThat(nb.cells())
        .extracting(c -> c.flags().timeout())
        .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("an unterminated fence is reported at the line that opens it")
  void unterminatedFence() {
    assertThatThrownBy(() -> Fixtures.notebook("unterminated.md"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessage(
            "topics/fixture/notebooks/unterminated.md:5: this java block is never closed; add a"
                + " closing ``` line after its last line");
  }

  @Test
  @DisplayName("an unknown flag is reported with file:line and the list of known flags")
  void unknownFlag() {
    assertThatThrownBy(() -> Fixtures.notebook("unknown-flag.md"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageStartingWith(
            "topics/fixture/notebooks/unknown-flag.md:3: unknown flag \"timout=2s\" on a java cell;"
                + " known flags: skip, no-run");
  }

  @Test
  @DisplayName("an output block that follows no java cell is reported")
  void orphanOutput() {
    assertThatThrownBy(() -> Fixtures.notebook("orphan-output.md"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageStartingWith(
            "topics/fixture/notebooks/orphan-output.md:5: this output block does not follow a java"
                + " cell");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ```java timeout=fast        | 1: timeout "fast" is not a duration
          ```java timeout             | 1: flag "timeout" needs a value
          ```java skip=yes            | 1: flag "skip=yes" takes no value
          ```java throws compile-error | 1: a cell cannot be both compile-error and throws
          """)
  @DisplayName("bad flag values are reported with the line and what to write instead")
  void badFlagValues(String fence, String message) {
    assertThatThrownBy(() -> parse("\n".repeat(0) + fence + "\nint x;\n```\n"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageContaining("topics/t/notebooks/03-x.md:" + message);
  }

  @Test
  @DisplayName("an unknown flag on an output block is reported")
  void unknownOutputFlag() {
    assertThatThrownBy(() -> parse("```java\n1\n```\n\n```output sorted\n1\n```\n"))
        .hasMessage(
            "topics/t/notebooks/03-x.md:5: unknown flag \"sorted\" on an output block; known"
                + " flags: unordered, ellipsis");
  }

  @Test
  @DisplayName("a java cell inside a list is refused, since its output could not be rewritten")
  void nestedCell() {
    assertThatThrownBy(() -> parse("- item\n\n  ```java\n  1\n  ```\n"))
        .hasMessageStartingWith(
            "topics/t/notebooks/03-x.md:3: java cells must stand at the top level");
  }

  @Test
  @DisplayName("other languages are prose: neither cells nor errors")
  void otherLanguagesAreProse() throws Exception {
    Notebook nb = parse("```go\nx := []int{}\n```\n```java\n1\n```\n");

    assertThat(nb.cells()).singleElement().extracting(Cell::line).isEqualTo(4);
    assertThat(nb.title()).isEqualTo("x.md");
    assertThat(nb.cells().getFirst().expected()).isEqualTo(Optional.empty());
  }
}
