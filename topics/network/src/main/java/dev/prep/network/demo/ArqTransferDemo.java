package dev.prep.network.demo;

import dev.prep.network.arq.ArqConfig;
import dev.prep.network.arq.TransferHarness;
import dev.prep.network.arq.TransferHarness.Report;
import dev.prep.network.arq.TransferHarness.Scenario;
import dev.prep.network.sim.LinkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/*
 * Stop-and-wait, Go-Back-N and Selective Repeat (自动重传请求, ARQ) moving the same 200 messages
 * over the same lossy link, side by side.
 *
 * The link: 10 Mbit/s, 20 ms one way (RTT 40 ms), so the pipe holds a bandwidth-delay product of
 * 1,250,000 B/s * 0.040 s = 50,000 bytes, about 48 packets of 1040 bytes on the wire. A sender that
 * waits for each ACK before the next packet (stop-and-wait) keeps one packet in that pipe; a
 * window of 16 keeps 16. Loss applies to DATA and ACK packets alike, drawn from the printed seed.
 *
 * All three run on one engine (dev.prep.network.arq): the protocols differ only in the receive
 * window (1 for stop-and-wait and Go-Back-N, 16 for Selective Repeat), in what an ACK means
 * (cumulative "next expected" vs one per packet) and therefore in what a timeout resends
 * (everything unacknowledged vs the one packet). The retransmission timeout is a fixed 100 ms;
 * real TCP measures the RTT and adapts it (RFC 6298).
 *
 * What you should see (seed 7): without loss both windows finish about 15 times sooner than
 * stop-and-wait (not 48 times: a window of 16 is a third of the pipe). With loss, Go-Back-N resends
 * whole windows, so its retransmissions grow much faster than the loss rate (130 resent at 5%),
 * while Selective Repeat resends about what was lost (26). Yet at 1% Go-Back-N finishes first:
 * a lost ACK costs it nothing, because the next cumulative ACK covers it, while Selective Repeat
 * must time out and resend a packet whose ACK alone was lost, and a stuck oldest packet stalls its
 * window. That is why TCP keeps cumulative ACKs and adds selective ones on top (SACK, RFC 2018).
 * Stop-and-wait and Selective Repeat show the same sends: each resends exactly one copy per loss,
 * and the link draws its losses per packet in order, so both meet the same pattern of losses.
 * Every transfer is checked by TransferHarness: delivered once each, in order, never more than
 * the window outstanding.
 *
 * Run: prep demo network arq-transfer [-- SEED]
 */
public final class ArqTransferDemo {

  static final int MESSAGES = 200;
  static final int PAYLOAD = 1000;
  static final long BYTES_PER_SECOND = 1_250_000;
  static final long ONE_WAY_MICROS = 20_000;
  static final long RTO_MICROS = 100_000;
  static final int WINDOW = 16;
  static final double[] LOSS = {0, 0.01, 0.05, 0.10};

  private ArqTransferDemo() {}

  /** One measured transfer. */
  record Row(String protocol, double loss, Report report) {
    double goodputMbps() {
      return MESSAGES * PAYLOAD * 8.0 / report.completionMicros();
    }
  }

  /** The transfers the demo prints, for seed {@code seed}. */
  static List<Row> measure(long seed) {
    var rows = new ArrayList<Row>();
    for (double loss : LOSS) {
      for (var config :
          List.of(
              ArqConfig.stopAndWait(RTO_MICROS),
              ArqConfig.goBackN(WINDOW, RTO_MICROS),
              ArqConfig.selectiveRepeat(WINDOW, RTO_MICROS))) {
        rows.add(new Row(config.name(), loss, transfer(config, loss, seed)));
      }
    }
    return rows;
  }

  static Report transfer(ArqConfig config, double loss, long seed) {
    var data =
        LinkSpec.ideal("data")
            .withDelayMicros(ONE_WAY_MICROS)
            .withBytesPerSecond(BYTES_PER_SECOND)
            .withLoss(loss)
            .withSeed(seed);
    var ack =
        LinkSpec.ideal("ack")
            .withDelayMicros(ONE_WAY_MICROS)
            .withBytesPerSecond(BYTES_PER_SECOND)
            .withLoss(loss)
            .withSeed(seed + 1);
    var scenario = Scenario.of(TransferHarness.messages(MESSAGES), data, ack, 600_000_000);
    Report report = TransferHarness.runCourse(scenario, config, PAYLOAD);
    if (!report.ok()) {
      throw new IllegalStateException(config.name() + " failed: " + report.violation());
    }
    return report;
  }

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 7;
    long wire = PAYLOAD + 40;
    double txMillis = wire * 1000.0 / BYTES_PER_SECOND;
    double rttMillis = 2 * ONE_WAY_MICROS / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "ARQ: %d messages of %d bytes, 10 Mbit/s, RTT %.0f ms, RTO %d ms, window %d, seed %d%n",
        MESSAGES,
        PAYLOAD,
        rttMillis,
        RTO_MICROS / 1000,
        WINDOW,
        seed);
    System.out.printf(
        Locale.ROOT,
        "pipe: %d B/s x %.0f ms = %d bytes, %.1f packets; stop-and-wait can use %.1f%% of it%n",
        BYTES_PER_SECOND,
        rttMillis,
        BYTES_PER_SECOND * 2 * ONE_WAY_MICROS / 1_000_000,
        BYTES_PER_SECOND * 2 * ONE_WAY_MICROS / 1_000_000.0 / wire,
        100 * txMillis / (rttMillis + txMillis));
    System.out.println("loss: each DATA and each ACK packet is lost with this probability");
    System.out.println();
    System.out.println(
        "protocol           loss   time (ms)  goodput (Mbit/s)  sends  resent  timeouts");
    var rows = measure(seed);
    double previousLoss = -1;
    for (Row row : rows) {
      if (row.loss() != previousLoss && previousLoss >= 0) {
        System.out.println();
      }
      previousLoss = row.loss();
      var r = row.report();
      System.out.printf(
          Locale.ROOT,
          "%-17s %4.0f%%  %10.1f  %16.3f  %5d  %6d  %8d%n",
          row.protocol(),
          row.loss() * 100,
          r.completionMicros() / 1000.0,
          row.goodputMbps(),
          r.dataSends(),
          r.retransmissions(),
          r.timeouts());
    }
    System.out.println();
    System.out.println("A window fills the pipe. On loss Go-Back-N resends whole windows and");
    System.out.println(
        "Selective Repeat only what was lost, but a lost ACK costs Selective Repeat");
    System.out.println("a timeout, while Go-Back-N's next cumulative ACK covers it.");
  }
}
