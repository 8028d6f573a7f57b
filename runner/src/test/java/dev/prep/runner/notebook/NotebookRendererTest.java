package dev.prep.runner.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class NotebookRendererTest {

  @Test
  @DisplayName("read shows prose, code and output, hides hidden cells, and escapes stray markup")
  void rendersForTheTerminal() throws Exception {
    Notebook nb =
        Notebook.parse(
            Path.of("n.md"),
            "n.md",
            """
            # Title with @|bold trick|@

            A paragraph that is long enough
            to be wrapped again.

            ```java hidden
            int secret = 1;
            ```

            ```java
            System.out.println("@|red not markup|@");
            ```
            ```output
            stale
            ```

            ```java throws
            throw new IllegalStateException("x");
            ```
            """);
    NotebookRun run =
        new NotebookRun(
            nb,
            List.of(
                new CellResult.Completed(""),
                new CellResult.Completed("@|red not markup|@\n"),
                new CellResult.Threw(
                    "Exception java.lang.IllegalStateException: x\n",
                    "java.lang.IllegalStateException")),
            Optional.empty(),
            Duration.ZERO);

    String markup = NotebookRenderer.render(nb, run, 20);
    String plain = Ansi.OFF.string(markup);

    assertThat(plain)
        .isEqualTo(
            """
            Title with @|bold trick|@

            A paragraph that is
            long enough to be
            wrapped again.

                System.out.println("@|red not markup|@");
              │ @|red not markup|@

                throw new IllegalStateException("x");
              │ Exception java.lang.IllegalStateException: x
            """);
    assertThat(Ansi.ON.string(markup)).contains("\u001b[").doesNotContain("secret");
  }
}
