package dev.prep.network.demo;

import dev.prep.network.tcp.CwndTrace;
import dev.prep.network.tcp.InitialWindow;
import dev.prep.network.tcp.TcpTransfer;
import dev.prep.network.tcp.TcpTransfer.Result;
import dev.prep.network.tcp.TcpTransfer.Setup;
import java.util.List;

/*
 * Which window limits a TCP sender: the receiver's or the network's?
 *
 * A sender may have at most min(cwnd, rwnd) bytes in flight (RFC 5681 §2). rwnd is flow control
 * (流量控制): the receiver's buffer, advertised in every ACK. cwnd is congestion control
 * (拥塞控制): the sender's own estimate of what the path holds. One path (10 Mbit/s, 40 ms round
 * trip, a 20-packet router queue, no random loss) and the course's Reno sender, first with
 * receive windows from 4 segments up to 1 MiB, then sending short responses with the three
 * initial windows the RFCs have allowed (RFC 2001, 3390, 6928).
 *
 * What to look for: while rwnd is below the bandwidth-delay product the sender never loses a
 * packet and its goodput is rwnd per round trip, whatever cwnd says; above it, cwnd takes over,
 * fills the router queue and loses packets. A 16-bit window field stops at 65,535 bytes, so the
 * last rows need window scaling (RFC 7323). For short transfers the initial window decides how
 * many round trips a response costs.
 *
 * Run: prep demo network which-window
 */
public final class WhichWindowDemo {

  /** Virtual time each window run lasts. */
  static final long RUN_MICROS = 5_000_000;

  /** The receive windows tried, in segments of 1460 bytes; the last is the default 1 MiB. */
  static final List<Long> RECEIVE_WINDOWS =
      List.of(4L * 1460, 8L * 1460, 16L * 1460, 32L * 1460, 64L * 1460, 1L << 20);

  /** Response sizes for the initial-window table. */
  static final List<Long> RESPONSES = List.of(10_000L, 100_000L, 1_000_000L);

  private WhichWindowDemo() {}

  /** One receive window's run: what was in flight at most, and whether the path dropped any. */
  record WindowRow(long rwnd, long maxFlight, double goodputMbps, long losses) {

    boolean limitedByReceiver() {
      return losses == 0 && maxFlight <= rwnd;
    }
  }

  static WindowRow window(long rwnd) {
    Result run = TcpTransfer.runFor(Setup.defaults().withReceiveWindow(rwnd), RUN_MICROS);
    long maxFlight =
        run.trace().samples().stream().mapToLong(CwndTrace.Sample::flight).max().orElse(0);
    return new WindowRow(rwnd, maxFlight, run.goodputBytesPerSecond() * 8 / 1e6, run.queueDrops());
  }

  /** Time to get {@code bytes} acknowledged with the initial window {@code iw}, on a long queue. */
  static long responseMicros(InitialWindow iw, long bytes) {
    Setup setup = Setup.defaults().withQueuePackets(100).withInitialWindow(iw.bytes(1460));
    return TcpTransfer.run(setup, bytes, 60_000_000).elapsedMicros();
  }

  public static void main(String[] args) {
    Setup path = Setup.defaults();
    System.out.println("== Which window limits a TCP sender: rwnd or cwnd ==");
    System.out.println(
        "Watch: below the path's capacity rwnd caps the sender with no loss; above it cwnd fills the"
            + " queue and loses.");
    System.out.printf(
        "Path: 10 Mbit/s, RTT %d ms, queue %d packets; bandwidth-delay product %.1f segments;"
            + " in flight at most min(cwnd, rwnd) (RFC 5681 §2).%n%n",
        path.rttMicros() / 1000, path.queuePackets(), path.bdpPackets());

    System.out.printf(
        "%-18s %13s %16s %12s  %s%n", "rwnd", "max in flight", "goodput", "queue drops", "limit");
    for (long rwnd : RECEIVE_WINDOWS) {
      WindowRow row = window(rwnd);
      String size = "%d B (%.0f seg)".formatted(rwnd, rwnd / 1460.0);
      System.out.printf(
          "%-18s %9.1f seg %11.2f Mbit/s %12d  %s%s%n",
          size,
          row.maxFlight() / 1460.0,
          row.goodputMbps(),
          row.losses(),
          row.limitedByReceiver() ? "rwnd (flow control)" : "cwnd (congestion control)",
          rwnd > 65_535 ? "; needs window scaling" : "");
    }

    System.out.printf(
        "%nShort responses: time until the last byte is acknowledged, by initial window (queue"
            + " 100, no loss)%n");
    System.out.printf("%-9s", "response");
    for (InitialWindow iw : InitialWindow.values()) {
      System.out.printf(" %22s", iw + " (" + iw.bytes(1460) / 1460 + " seg)");
    }
    System.out.println();
    for (long bytes : RESPONSES) {
      System.out.printf("%-9s", bytes / 1000 + " kB");
      for (InitialWindow iw : InitialWindow.values()) {
        long micros = responseMicros(iw, bytes);
        System.out.printf(
            " %13.1f ms %4.1f RTT", micros / 1000.0, (double) micros / path.rttMicros());
      }
      System.out.println();
    }
    System.out.println();
    System.out.println(
        "You saw: a small rwnd caps goodput at rwnd per round trip with no loss; past the path's"
            + " capacity cwnd is the limit and the queue drops; a bigger initial window saves"
            + " round trips on every short response.");
  }
}
