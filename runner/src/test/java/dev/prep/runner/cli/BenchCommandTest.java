package dev.prep.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.runner.cli.BenchCommand.Split;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("prep bench: the pattern comes before --, everything after it is passed on")
class BenchCommandTest {

  @Test
  @DisplayName("no -- : the pattern and the unmatched options as picocli parsed them")
  void withoutDashes() {
    assertThat(Split.of(List.of("bench", "slices"), null, List.of()))
        .isEqualTo(new Split(null, List.of()));
    assertThat(Split.of(List.of("bench", "slices", "Append"), "Append", List.of()))
        .isEqualTo(new Split("Append", List.of()));
  }

  @Test
  @DisplayName("after -- nothing is the pattern, even what picocli put there")
  void afterDashes() {
    // picocli reads "-f" as the pattern here; it is a JMH option
    assertThat(Split.of(List.of("bench", "slices", "--", "-f", "2"), "-f", List.of("2")))
        .isEqualTo(new Split(null, List.of("-f", "2")));
    assertThat(Split.of(List.of("bench", "redis", "--", "--rounds", "1"), "--rounds", List.of("1")))
        .isEqualTo(new Split(null, List.of("--rounds", "1")));
    assertThat(
            Split.of(
                List.of("bench", "slices", "Append", "--", "-f", "2"),
                "Append",
                List.of("--", "-f", "2")))
        .isEqualTo(new Split("Append", List.of("-f", "2")));
  }
}
