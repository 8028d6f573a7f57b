package dev.prep.slices.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Demos print a title, what to watch, the evidence and a closing line")
class DemosTest {

  @Test
  @DisplayName("growth-table shows Go's real []int caps beside ArrayList's observed 1.5x growth")
  void growthTable() throws Throwable {
    String out = DemoOutput.of(GrowthTableDemo::main);
    assertThat(out.lines().findFirst()).hasValue("== Go's append growth beside ArrayList's ==");
    assertThat(out).contains("Watch:", "go version go1.19.8", "JDK ", " cores");
    assertThat(out)
        .containsPattern("\\|\\s+512\\s+2\\.000 \\|\\s+512 \\|")
        .containsPattern("\\|\\s+848\\s+1\\.656 \\|\\s+1024 \\|");
    assertThat(out).containsPattern("\\|\\s+10\\s+\\n").containsPattern("\\|\\s+15\\s+1\\.500");
    assertThat(out.strip().lines().toList().getLast()).startsWith("You just saw:");
  }

  @Test
  @DisplayName("aliasing shows a[2] overwritten through b, and a[:2:2] preventing it")
  void aliasing() throws Throwable {
    String out = DemoOutput.of(AliasingDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== The aliasing surprise: append through a reslice ==");
    assertThat(out).contains("Watch:");
    assertThat(out).containsPattern("b = append\\(b, 99\\)\\s+\\| \\[1 2 99 4\\] len=4 cap=4");
    assertThat(out)
        .containsPattern("c = append\\(c, 99\\)\\s+\\| \\[1 2 3 4\\] len=4 cap=4 .*\\| no");
    assertThat(out).contains("ConcurrentModificationException");
    assertThat(out.strip().lines().toList().getLast()).startsWith("You just saw:");
  }

  @Test
  @DisplayName("spare-capacity prices unused slots for Go and ArrayList, then trims")
  void spareCapacity() throws Throwable {
    String out = DemoOutput.of(SpareCapacityDemo::main);
    assertThat(out.lines().findFirst()).hasValue("== The memory cost of spare capacity ==");
    assertThat(out).contains("Watch:", "JDK ", " cores");
    assertThat(out).containsPattern("\\n\\s+257 \\|\\s+512\\s+2040\\s+49\\.8%");
    assertThat(out).contains("After list.trimToSize(): capacity 5000 for 5000 elements.");
    assertThat(out.strip().lines().toList().getLast()).startsWith("You just saw:");
  }
}
