package dev.prep.network.demo;

import dev.prep.network.chart.CwndChart;
import dev.prep.network.tcp.CwndTrace;
import dev.prep.network.tcp.CwndTrace.Event;
import dev.prep.network.tcp.CwndTrace.Sample;
import dev.prep.network.tcp.Reno;
import dev.prep.network.tcp.TcpTransfer;
import dev.prep.network.tcp.TcpTransfer.Result;
import dev.prep.network.tcp.TcpTransfer.Setup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/*
 * TCP Reno's congestion window (拥塞窗口), traced on the course's network simulator.
 *
 * One TCP connection pushes data through a bottleneck: 10 Mbit/s, 20 ms of propagation delay each
 * way, and a drop-tail router queue of 20 packets in front of it. Nothing on the path is random:
 * the only losses come from the queue overflowing, i.e. from congestion the sender itself caused.
 * The sender follows RFC 5681 (dev.prep.network.tcp.Reno), counting cwnd in bytes and drawing it
 * in segments of 1460 bytes:
 *  - slow start (慢启动): cwnd starts at the initial window (10 segments, RFC 6928) and grows by one
 *    segment per ACK, so it doubles every round trip until the queue overflows;
 *  - fast retransmit (快重传) on the third duplicate ACK, then fast recovery (快恢复): ssthresh =
 *    FlightSize/2, cwnd is inflated by one segment per further duplicate ACK (shown as ':' in the
 *    chart) and deflates to ssthresh when the lost segment is acknowledged;
 *  - congestion avoidance (拥塞避免): one segment more per round trip, until the queue overflows
 *    again. Additive increase, multiplicative decrease (AIMD, 加法增大乘法减小): the sawtooth;
 *  - a timeout (超时重传) sets cwnd to one segment and starts slow start again. Reno meets one at
 *    the end of slow start: the overshoot loses many segments from one window, and Reno repairs
 *    only one per fast recovery (NewReno, RFC 6582, and SACK, RFC 2018/6675, were made for this).
 * A second run adds 1% random loss (seed printed; a bigger queue, so losses are not congestion):
 * the sender cannot tell the two apart, halves its window at every loss and leaves most of the
 * link idle. That is why loss-based TCP struggles on lossy links (and one reason for BBR).
 *
 * What to look for: the doubling rounds; the same cycle again and again (cwnd climbs to BDP +
 * queue, about 54 segments, and halves to about 27); the goodput lines in the table.
 *
 * Pictures: `--svg FILE` writes the first run's chart as SVG:
 *     prep demo network cwnd-trace -- --svg cwnd.svg
 * `--seed N` picks the random-loss run's seed.
 *
 * Run: prep demo network cwnd-trace
 */
public final class CwndTraceDemo {

  /** How long each run lasts, in virtual time. */
  static final long RUN_MICROS = 20_000_000;

  /** The congested path: queue overflow is the only loss. */
  static final Setup CONGESTION = Setup.defaults();

  /** Random loss on a path whose queue never fills. */
  static Setup randomLoss(long seed) {
    return Setup.defaults().withQueuePackets(100).withLoss(0.01, seed);
  }

  /** Command line: {@code --svg FILE}, {@code --seed N}. */
  record Options(Optional<Path> svg, long seed) {

    static final String USAGE = "usage: prep demo network cwnd-trace -- [--svg FILE] [--seed N]";

    static Options parse(String[] args) {
      Optional<Path> svg = Optional.empty();
      long seed = 7;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new IllegalArgumentException(USAGE);
        }
        switch (args[i]) {
          case "--svg" -> svg = Optional.of(Path.of(args[i + 1]));
          case "--seed" -> {
            try {
              seed = Long.parseLong(args[i + 1]);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(USAGE + " (not a number: " + args[i + 1] + ")", e);
            }
          }
          default -> throw new IllegalArgumentException(USAGE);
        }
      }
      return new Options(svg, seed);
    }
  }

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("== TCP Reno's congestion window: slow start, then the AIMD sawtooth ==");
    System.out.println(
        "Watch: cwnd doubles each round trip until the queue overflows; then +1 segment per round"
            + " trip\n       and halving at each loss.");
    Setup path = CONGESTION;
    System.out.printf(
        Locale.ROOT,
        "Path: %.0f Mbit/s bottleneck, %d ms each way (RTT %d ms), drop-tail queue %d packets,%n"
            + "      BDP %.1f packets, no random loss (seed %d).%n",
        path.bytesPerSecond() * 8 / 1e6,
        path.oneWayDelayMicros() / 1000,
        path.rttMicros() / 1000,
        path.queuePackets(),
        path.bdpPackets(),
        path.seed());
    System.out.printf(
        Locale.ROOT,
        "TCP:  MSS %d, IW %d segments (RFC 6928), ACK per segment, min RTO %d ms, rwnd %d KiB.%n"
            + "      Each run lasts %d s of virtual time.%n%n",
        path.smss(),
        path.initialWindow() / path.smss(),
        path.minRtoMicros() / 1000,
        path.receiveWindow() / 1024,
        RUN_MICROS / 1_000_000);

    Result congestion = TcpTransfer.runFor(path, RUN_MICROS);
    CwndTrace trace = congestion.trace();
    System.out.println("Slow start, one line per round trip (cwnd after the round's last ACK):");
    System.out.println("  round    time      cwnd");
    for (CwndTrace.Round round : trace.roundsBeforeFirstLoss()) {
      System.out.printf(
          Locale.ROOT,
          "  %5d  %7s ms  %5.1f segments%n",
          round.number(),
          ms(round.endMicros()),
          trace.segments(round.cwnd()));
    }
    System.out.println();
    System.out.println("Run 1: congestion only (drop-tail queue), cwnd in segments over time");
    System.out.print(CwndChart.text(trace, 70, 18));
    System.out.println("  " + CwndChart.LEGEND);
    System.out.println();
    System.out.println("Fast retransmits after the start-up (multiplicative decrease):");
    System.out.println("    time        cwnd before   FlightSize   ssthresh   cwnd after recovery");
    for (Halving h : halvings(trace).stream().filter(h -> h.timeMicros() > 1_000_000).toList()) {
      System.out.printf(
          Locale.ROOT,
          "  %9s ms  %8.1f      %8.1f     %7.1f     %7.1f%n",
          ms(h.timeMicros()),
          trace.segments(h.cwndBefore()),
          trace.segments(h.flightBefore()),
          trace.segments(h.ssthresh()),
          trace.segments(h.cwndAfterRecovery()));
    }
    System.out.println();

    Setup lossy = randomLoss(options.seed());
    Result loss = TcpTransfer.runFor(lossy, RUN_MICROS);
    System.out.printf(
        Locale.ROOT,
        "Run 2: %.0f%% random loss (seed %d), queue %d packets: losses that are not congestion%n",
        lossy.lossProbability() * 100,
        lossy.seed(),
        lossy.queuePackets());
    System.out.print(CwndChart.text(loss.trace(), 70, 12));
    System.out.println();
    System.out.println(table(congestion, loss));
    if (options.svg().isPresent()) {
      Path file = options.svg().get();
      Files.writeString(
          file,
          CwndChart.svg(
              trace,
              "TCP Reno cwnd: 10 Mbit/s, RTT 40 ms, drop-tail queue 20 packets, seed "
                  + path.seed()));
      System.out.println("Wrote the SVG chart of run 1 to " + file.toAbsolutePath());
    }
    System.out.println(
        "You saw: slow start doubling cwnd each RTT, then AIMD's sawtooth: +1 segment per RTT,"
            + " halved at each loss.");
  }

  /** One fast retransmit and the recovery it started. */
  record Halving(
      long timeMicros, long cwndBefore, long flightBefore, long ssthresh, long cwndAfterRecovery) {}

  /** Every fast retransmit in the trace: what cwnd was before and where it settled after. */
  static List<Halving> halvings(CwndTrace trace) {
    List<Halving> halvings = new ArrayList<>();
    List<Sample> samples = trace.samples();
    for (int i = 1; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (s.event() != Event.FAST_RETRANSMIT) {
        continue;
      }
      Sample before = samples.get(i - 1);
      long after = -1;
      for (int j = i + 1; j < samples.size(); j++) {
        if (samples.get(j).phase() != Reno.Phase.FAST_RECOVERY) {
          after = samples.get(j).cwnd();
          break;
        }
      }
      halvings.add(
          new Halving(s.timeMicros(), before.cwnd(), before.flight(), s.ssthresh(), after));
    }
    return halvings;
  }

  private static String table(Result congestion, Result loss) {
    var b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-34s %14s %14s%n", "", "congestion", "random loss"));
    row(
        b,
        "first loss at (ms)",
        ms(congestion.trace().firstLossMicros()),
        ms(loss.trace().firstLossMicros()));
    row(b, "fast retransmits", congestion.fastRetransmits(), loss.fastRetransmits());
    row(b, "timeouts", congestion.timeouts(), loss.timeouts());
    row(b, "packets dropped by the queue", congestion.queueDrops(), loss.queueDrops());
    row(b, "packets lost at random", congestion.randomLosses(), loss.randomLosses());
    row(b, "segments sent", congestion.segmentsSent(), loss.segmentsSent());
    row(b, "segments retransmitted", congestion.retransmissions(), loss.retransmissions());
    row(b, "average cwnd (segments)", avg(congestion), avg(loss));
    row(b, "goodput (Mbit/s)", mbit(congestion), mbit(loss));
    row(b, "of the bottleneck's payload rate", pct(congestion), pct(loss));
    return b.toString();
  }

  private static void row(StringBuilder b, String label, Object first, Object second) {
    b.append(String.format(Locale.ROOT, "%-34s %14s %14s%n", label, first, second));
  }

  private static String avg(Result r) {
    return String.format(
        Locale.ROOT, "%.1f", r.trace().segments(Math.round(r.trace().averageCwnd())));
  }

  private static String mbit(Result r) {
    return String.format(Locale.ROOT, "%.2f", r.goodputBytesPerSecond() * 8 / 1e6);
  }

  private static String pct(Result r) {
    return String.format(Locale.ROOT, "%.1f%%", r.utilisation() * 100);
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
  }
}
