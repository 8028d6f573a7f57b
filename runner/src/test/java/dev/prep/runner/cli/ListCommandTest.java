package dev.prep.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("prep list: a notebook's title is its first heading")
class ListCommandTest {

  @TempDir Path dir;

  @Test
  @DisplayName("the first '# ' heading, without its 'NN · ' prefix")
  void headingWithoutNumber() throws IOException {
    Path notebook = dir.resolve("02-x.md");
    Files.writeString(notebook, "intro\n# 02 · Congestion control: AIMD\n\n# later\n");

    assertThat(ListCommand.heading(notebook)).isEqualTo("Congestion control: AIMD");
  }

  @Test
  @DisplayName("a heading without a number is kept whole")
  void headingWithoutPrefix() throws IOException {
    Path notebook = dir.resolve("x.md");
    Files.writeString(notebook, "# append growth in the current Go runtime\n");

    assertThat(ListCommand.heading(notebook)).isEqualTo("append growth in the current Go runtime");
  }

  @Test
  @DisplayName("no heading, or no file, lists nothing rather than failing")
  void noHeading() throws IOException {
    Path notebook = dir.resolve("plain.md");
    Files.writeString(notebook, "## only a second-level heading\n");

    assertThat(ListCommand.heading(notebook)).isEmpty();
    assertThat(ListCommand.heading(dir.resolve("missing.md"))).isEmpty();
  }
}
