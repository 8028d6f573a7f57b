package dev.prep.slices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The real Go data ships with the topic and reads back")
class AppendCapsTest {

  private final AppendCaps caps = AppendCaps.load();

  @Test
  @DisplayName("The header names the Go version and architecture that produced the file")
  void provenance() {
    assertThat(caps.provenance()).startsWith("go version go1.19.8").contains("GOARCH=amd64");
  }

  @Test
  @DisplayName("Every element size from 1 to 100 bytes is present")
  void elementSizes() {
    assertThat(caps.elemSizes()).containsExactly(1, 2, 4, 8, 12, 16, 24, 32, 40, 48, 64, 100);
  }

  @Test
  @DisplayName("[]int grows 512 -> 848 -> 1280, as topic-facts and notebook 03 say")
  void intSequence() {
    assertThat(caps.capsAppendingOneAtATime(8, 2000))
        .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560);
  }

  @Test
  @DisplayName(
      "Every observed capacity is a whole size class (or whole pages) of bytes, at most one element short")
  void capacitiesFillTheirSizeClass() {
    for (AppendCase c : caps.cases()) {
      long bytes = (long) c.newCap() * c.elemSize();
      long slack =
          bytes <= SizeClasses.MAX_SMALL_SIZE
              ? SizeClasses.bytes().stream().filter(s -> s >= bytes).findFirst().orElseThrow()
                  - bytes
              : (SizeClasses.PAGE_SIZE - bytes % SizeClasses.PAGE_SIZE) % SizeClasses.PAGE_SIZE;
      assertThat(slack).as("%s", c).isLessThan(c.elemSize());
    }
  }
}
