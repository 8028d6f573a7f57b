package dev.prep.network.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.network.demo.WhichWindowDemo.WindowRow;
import dev.prep.network.tcp.InitialWindow;
import dev.prep.network.tcp.TcpTransfer.Setup;
import dev.prep.support.DemoOutput;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("which-window: rwnd caps the sender below the path's capacity, cwnd above it")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WhichWindowDemoTest {

  @Test
  @DisplayName("a receive window below the bandwidth-delay product: no loss, rwnd per round trip")
  void smallReceiveWindowsLimit() {
    double rttSeconds = Setup.defaults().rttMicros() / 1e6;
    for (long segments : new long[] {4, 8, 16, 32}) {
      WindowRow row = WhichWindowDemo.window(segments * 1460);
      double ceiling = segments * 1460 * 8 / rttSeconds / 1e6;
      assertThat(row.losses()).as("drops with rwnd %d segments", segments).isZero();
      assertThat(row.maxFlight())
          .as("max in flight, %d segments", segments)
          .isEqualTo(segments * 1460);
      assertThat(row.goodputMbps())
          .as("goodput with rwnd %d segments, against rwnd/RTT = %.2f Mbit/s", segments, ceiling)
          .isBetween(0.9 * ceiling, ceiling);
      assertThat(row.limitedByReceiver()).isTrue();
    }
  }

  @Test
  @DisplayName("a receive window beyond the path's capacity: cwnd fills the queue and loses")
  void largeReceiveWindowHandsOverToCwnd() {
    WindowRow row = WhichWindowDemo.window(1L << 20);
    assertThat(row.losses()).isPositive();
    assertThat(row.limitedByReceiver()).isFalse();
    assertThat(row.maxFlight()).isLessThan(1L << 20);
  }

  @Test
  @DisplayName("a bigger initial window finishes every short response sooner")
  void initialWindowSavesRoundTrips() {
    for (long bytes : WhichWindowDemo.RESPONSES) {
      long rfc2001 = WhichWindowDemo.responseMicros(InitialWindow.RFC_2001, bytes);
      long rfc3390 = WhichWindowDemo.responseMicros(InitialWindow.RFC_3390, bytes);
      long rfc6928 = WhichWindowDemo.responseMicros(InitialWindow.RFC_6928, bytes);
      assertThat(rfc2001).as("%d bytes", bytes).isGreaterThan(rfc3390);
      assertThat(rfc3390).as("%d bytes", bytes).isGreaterThan(rfc6928);
    }
    assertThat(WhichWindowDemo.responseMicros(InitialWindow.RFC_6928, 10_000))
        .as("10 kB fits in an initial window of 10 segments: about one round trip")
        .isLessThan(2 * Setup.defaults().rttMicros());
  }

  @Test
  @DisplayName("prints a title, what to watch, both tables and a closing line")
  void output() throws Throwable {
    String out = DemoOutput.of(WhichWindowDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Which window limits a TCP sender: rwnd or cwnd ==");
    assertThat(out)
        .contains("Watch: ")
        .contains(
            "11680 B (8 seg)          8.0 seg        2.26 Mbit/s            0  rwnd (flow control)")
        .contains("needs window scaling")
        .contains("RFC_6928 (10 seg)")
        .contains("You saw: ");
  }
}
