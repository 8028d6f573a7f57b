package dev.prep.network.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("arq-transfer: windows beat stop-and-wait, Selective Repeat resends less on loss")
class ArqTransferDemoTest {

  private static ArqTransferDemo.Row row(List<ArqTransferDemo.Row> rows, String p, double loss) {
    return rows.stream()
        .filter(r -> r.protocol().equals(p) && r.loss() == loss)
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("prints the seed, the pipe size and a row per protocol and loss rate")
  void output() throws Throwable {
    String out = DemoOutput.of(ArqTransferDemo::main);
    assertThat(out)
        .contains("seed 7")
        .contains("48.1 packets")
        .contains("stop-and-wait can use 2.0% of it");
    assertThat(
            out.lines().filter(l -> l.matches("(stop-and-wait|Go-Back-N|Selective Repeat).*%.*")))
        .hasSize(12);
    assertThat(out.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(100);
  }

  @Test
  @DisplayName("the orderings the prose claims hold for the demo's seed")
  void orderings() {
    var rows = ArqTransferDemo.measure(7);
    for (double loss : ArqTransferDemo.LOSS) {
      var saw = row(rows, "stop-and-wait", loss).report();
      var gbn = row(rows, "Go-Back-N", loss).report();
      var sr = row(rows, "Selective Repeat", loss).report();
      assertThat(saw.completionMicros())
          .as("stop-and-wait is slowest at %.0f%% loss", loss * 100)
          .isGreaterThan(gbn.completionMicros())
          .isGreaterThan(sr.completionMicros());
      if (loss == 0) {
        assertThat(List.of(saw, gbn, sr)).allMatch(r -> r.retransmissions() == 0);
        assertThat(gbn.completionMicros()).isEqualTo(sr.completionMicros());
        assertThat(saw.completionMicros()).isGreaterThan(14 * gbn.completionMicros());
      } else {
        assertThat(sr.retransmissions()).isLessThan(gbn.retransmissions());
      }
    }
    assertThat(row(rows, "Go-Back-N", 0.05).report().retransmissions()).isEqualTo(130);
    assertThat(row(rows, "Selective Repeat", 0.05).report().retransmissions()).isEqualTo(26);
    assertThat(row(rows, "Go-Back-N", 0.01).report().completionMicros())
        .isLessThan(row(rows, "Selective Repeat", 0.01).report().completionMicros());
    assertThat(row(rows, "Selective Repeat", 0.10).report().completionMicros())
        .isLessThan(row(rows, "Go-Back-N", 0.10).report().completionMicros());
  }
}
