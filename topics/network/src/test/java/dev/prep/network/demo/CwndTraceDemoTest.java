package dev.prep.network.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prep.network.chart.CwndChart;
import dev.prep.network.tcp.CwndTrace;
import dev.prep.network.tcp.CwndTrace.Event;
import dev.prep.network.tcp.CwndTrace.Sample;
import dev.prep.network.tcp.Reno;
import dev.prep.network.tcp.TcpTransfer;
import dev.prep.support.DemoOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

@DisplayName(
    "cwnd-trace: slow start doubles, fast retransmit halves, a timeout resets, the SVG parses")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CwndTraceDemoTest {

  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static TcpTransfer.Result congestion;
  private static CwndTrace trace;
  private static int smss;

  @BeforeAll
  static void run() {
    congestion = TcpTransfer.runFor(CwndTraceDemo.CONGESTION, CwndTraceDemo.RUN_MICROS);
    trace = congestion.trace();
    smss = trace.smss();
  }

  @Test
  @DisplayName("slow start: cwnd exactly doubles every round trip until the first loss")
  void slowStartDoubles() {
    List<CwndTrace.Round> rounds = trace.roundsBeforeFirstLoss();
    assertThat(rounds).hasSizeGreaterThanOrEqualTo(3);
    assertThat(rounds.getFirst().cwnd()).isEqualTo(10L * smss);
    for (int i = 1; i < rounds.size(); i++) {
      assertThat(rounds.get(i).cwnd())
          .as("round %d ends with twice round %d's cwnd", i, i - 1)
          .isEqualTo(2 * rounds.get(i - 1).cwnd());
      assertThat(rounds.get(i).phase()).isEqualTo(Reno.Phase.SLOW_START);
    }
  }

  @Test
  @DisplayName(
      "each fast retransmit halves: ssthresh = FlightSize/2, cwnd settles there after recovery")
  void fastRetransmitHalves() {
    List<CwndTraceDemo.Halving> halvings = CwndTraceDemo.halvings(trace);
    assertThat(halvings).hasSize(congestion.fastRetransmits());
    for (CwndTraceDemo.Halving h : halvings) {
      assertThat(h.ssthresh()).isEqualTo(Math.max(h.flightBefore() / 2, 2L * smss));
      if (h.cwndAfterRecovery() >= 0 && h.timeMicros() > 1_000_000) {
        assertThat(h.cwndAfterRecovery())
            .as("deflated to ssthresh at %d µs", h.timeMicros())
            .isEqualTo(h.ssthresh());
        assertThat(Math.abs(h.cwndBefore() / 2.0 - h.cwndAfterRecovery()))
            .as(
                "cwnd halved at %d µs: %d -> %d",
                h.timeMicros(), h.cwndBefore(), h.cwndAfterRecovery())
            .isLessThanOrEqualTo(smss);
      }
    }
  }

  @Test
  @DisplayName("a timeout drops cwnd to 1 SMSS and restarts slow start")
  void timeoutResets() {
    List<Sample> timeouts = trace.events(Event.TIMEOUT);
    assertThat(timeouts).as("Reno's start-up overshoot ends in a timeout").isNotEmpty();
    assertThat(timeouts)
        .allSatisfy(
            t -> {
              assertThat(t.cwnd()).isEqualTo(smss);
              assertThat(t.phase()).isEqualTo(Reno.Phase.SLOW_START);
            });
  }

  @Test
  @DisplayName("at least 10 sawtooth cycles: fast retransmits in congestion avoidance, no timeouts")
  void sawtooth() {
    List<Sample> steady = trace.between(2_000_000, CwndTraceDemo.RUN_MICROS).samples();
    long cycles = steady.stream().filter(s -> s.event() == Event.FAST_RETRANSMIT).count();
    assertThat(cycles).isGreaterThanOrEqualTo(10);
    assertThat(steady).noneMatch(s -> s.event() == Event.TIMEOUT);
    double peak = CwndTraceDemo.halvings(trace).getLast().flightBefore() / (double) smss;
    double pipe = CwndTraceDemo.CONGESTION.bdpPackets() + CwndTraceDemo.CONGESTION.queuePackets();
    assertThat(peak)
        .as("the window peaks where the pipe plus the queue are full")
        .isBetween(pipe - 1, pipe + 1);
    assertThat(congestion.utilisation()).isBetween(0.80, 1.0);
  }

  @Test
  @DisplayName(
      "the demo prints the rounds, both charts with F and T marks, the table, writes a well-formed SVG")
  void demoOutputAndSvg(@TempDir Path dir) throws Throwable {
    Path svg = dir.resolve("cwnd.svg");
    String out = DemoOutput.of(CwndTraceDemo::main, "--svg", svg.toString());
    assertThat(out.lines().findFirst())
        .hasValue("== TCP Reno's congestion window: slow start, then the AIMD sawtooth ==");
    assertThat(out)
        .contains("      0      0.0 ms   10.0 segments", "   20.0 segments", "   40.0 segments")
        .contains(LEGEND)
        .contains("Wrote the SVG chart of run 1 to " + svg.toAbsolutePath())
        .containsPattern("fast retransmits +" + congestion.fastRetransmits() + " +\\d+")
        .containsPattern("timeouts +" + congestion.timeouts() + " +\\d+")
        .contains("Run 2: 1% random loss (seed 7)");
    String marks =
        out.lines()
            .filter(l -> l.startsWith("       ") && l.strip().matches("[FT ]+"))
            .findFirst()
            .orElseThrow();
    assertThat(marks).contains("F", "T");
    assertThat(out.lines().toList().getLast()).startsWith("You saw: ");
    Document doc = DocumentBuilderFactory.newNSInstance().newDocumentBuilder().parse(svg.toFile());
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
    assertThat(doc.getElementsByTagNameNS(SVG_NS, "polyline").getLength()).isEqualTo(2);
    assertThat(doc.getElementsByTagNameNS(SVG_NS, "circle").getLength())
        .as("one circle per fast retransmit and timeout, plus two in the legend")
        .isEqualTo(congestion.fastRetransmits() + congestion.timeouts() + 2);
  }

  private static final String LEGEND = CwndChart.LEGEND;

  @Test
  @DisplayName("a one-line usage error for anything but --svg FILE and --seed N")
  void usage() {
    for (String[] bad :
        List.of(
            new String[] {"--png", "x"}, new String[] {"--svg"}, new String[] {"--seed", "x"})) {
      assertThatThrownBy(() -> CwndTraceDemo.Options.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("usage: ")
          .hasMessageNotContaining("\n");
    }
    assertThat(CwndTraceDemo.Options.parse(new String[] {"--seed", "9"}).seed()).isEqualTo(9);
  }
}
