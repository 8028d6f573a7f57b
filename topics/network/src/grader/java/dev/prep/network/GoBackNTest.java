package dev.prep.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.network.arq.ArqConfig;
import dev.prep.network.arq.TransferHarness;
import dev.prep.network.arq.TransferHarness.Report;
import dev.prep.network.arq.TransferHarness.ResendTally;
import dev.prep.network.arq.TransferHarness.Rules;
import dev.prep.network.arq.TransferHarness.Scenario;
import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.LinkSpec;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Simulator;
import dev.prep.network.sim.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code network/go-back-n}: first the learner's {@link GoBackNReceiver} alone, fed a
 * scripted sequence of packets; then their {@link GoBackNSender} against the course's Go-Back-N
 * receiver, on an ideal link and with scripted losses, where its sends must match the course's send
 * for send; last the two together over 50 seeds of a link that loses, reorders and duplicates DATA
 * and ACK packets, watched from the trace by {@link TransferHarness} (exactly once, in order, never
 * more than the window outstanding, a virtual-time deadline, nothing sent after the end), with
 * retransmissions compared with the course's implementation on the same seeds.
 */
@DisplayName("go-back-n: cumulative ACKs, one timer, resend the whole window on a timeout")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GoBackNTest {

  private static final long DELAY = 10_000;
  private static final long RTO = 50_000;

  /** Sends scripted DATA packets, one every millisecond, and records the ACK numbers it gets. */
  static final class Script implements Endpoint {
    final long[] seqs;
    final List<Long> acks = new ArrayList<>();

    Script(long... seqs) {
      this.seqs = seqs;
    }

    @Override
    public void start(Context context) {
      for (int i = 0; i < seqs.length; i++) {
        long seq = seqs[i];
        context.schedule(
            i * 1_000L, "script", () -> context.send(Packet.data(seq, 1000, "m" + seq)));
      }
    }

    @Override
    public void onPacket(Packet packet) {
      if (packet.isAck()) {
        acks.add(packet.ack());
      }
    }
  }

  private static void checkReceiver(long[] seqs, List<String> delivered, List<Long> acks) {
    var script = new Script(seqs);
    var got = new ArrayList<String>();
    var sim = new Simulator(10_000);
    sim.connect(
        "script",
        script,
        "receiver",
        new GoBackNReceiver(got::add),
        LinkSpec.ideal("data"),
        LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    String arrivals = java.util.Arrays.toString(seqs);
    assertThat(got)
        .as(
            "packets with seq %s arrived in that order; the application should get %s but got %s."
                + " Deliver a packet only if its seq is the next expected one, then expect the next",
            arrivals, delivered, got)
        .containsExactlyElementsOf(delivered);
    assertThat(script.acks)
        .as(
            "for arrivals %s the ACK numbers should be %s but were %s. Answer EVERY DATA packet"
                + " (in order, out of order or duplicate) with Packet.ack(expected): the next"
                + " index you need",
            arrivals, acks, script.acks)
        .containsExactlyElementsOf(acks);
  }

  @Test
  @Tag("task:1")
  @DisplayName("the receiver delivers in-order packets and ACKs the next expected index")
  void receiverInOrder() {
    checkReceiver(new long[] {0, 1, 2}, List.of("m0", "m1", "m2"), List.of(1L, 2L, 3L));
  }

  @Test
  @Tag("task:1")
  @DisplayName("the receiver drops packets after a gap and repeats the ACK for what is missing")
  void receiverDropsOutOfOrder() {
    checkReceiver(
        new long[] {0, 2, 3, 1, 2}, List.of("m0", "m1", "m2"), List.of(1L, 1L, 1L, 2L, 3L));
  }

  @Test
  @Tag("task:1")
  @DisplayName("the receiver answers a duplicate with an ACK and delivers it only once")
  void receiverReacksDuplicates() {
    checkReceiver(new long[] {0, 1, 0, 1}, List.of("m0", "m1"), List.of(1L, 2L, 2L, 2L));
  }

  private static Scenario scenario(int count, LinkSpec data, LinkSpec ack) {
    return Scenario.of(TransferHarness.messages(count), data, ack, 60_000_000);
  }

  private static LinkSpec data() {
    return LinkSpec.ideal("data").withDelayMicros(DELAY);
  }

  private static LinkSpec ack() {
    return LinkSpec.ideal("ack").withDelayMicros(DELAY);
  }

  /** The learner's sender with the course's Go-Back-N receiver. */
  private static Report learnerSender(Scenario s, int window, long rto) {
    var sender = new GoBackNSender(s.messages(), window, rto);
    return TransferHarness.runWithCourseReceiver(
        s, ArqConfig.goBackN(window, rto), sender, sender::isDone);
  }

  /** The learner's sender and receiver. */
  private static Report learnerPair(Scenario s, int window, long rto) {
    var sender = new GoBackNSender(s.messages(), window, rto);
    return TransferHarness.run(
        s, Rules.of(ArqConfig.goBackN(window, rto)), sender, sender::isDone, GoBackNReceiver::new);
  }

  /** The course's Go-Back-N on the same scenario. */
  private static Report reference(Scenario s, int window, long rto) {
    return TransferHarness.runCourse(s, ArqConfig.goBackN(window, rto), GoBackNSender.PACKET_BYTES);
  }

  @Test
  @Tag("task:2")
  @DisplayName("start sends exactly the first window of packets")
  void startFillsTheWindow() {
    var report = learnerSender(scenario(10, data(), ack()), 4, RTO);
    assertThat(report.dataSendTimeline())
        .as(
            "with a window of 4, the sender should send seq 0, 1, 2, 3 at t = 0 and nothing more"
                + " until an ACK arrives at t = 20 ms; its sends (time ms:seq) were %s",
            report.dataSendTimeline())
        .startsWith("0.000:0 0.000:1 0.000:2 0.000:3 20.000:4");
  }

  @Test
  @Tag("task:2")
  @DisplayName("on an ideal link 100 messages go through with no retransmission, in 20 RTTs")
  void idealLink() {
    var report = learnerSender(scenario(100, data(), ack()), 5, RTO);
    assertThat(report.violation()).as("the transfer broke a rule").isNull();
    assertThat(report.completed()).as("the sender never reported isDone()").isTrue();
    assertThat(report.retransmissions())
        .as(
            "nothing is lost, yet the sender resent %d packets (timeouts fired: %d). Restart the"
                + " timer whenever base moves, so it times the oldest unacknowledged packet, not"
                + " the one that started the window",
            report.retransmissions(), report.timeouts())
        .isZero();
    assertThat(report.completionMicros())
        .as(
            "window 5, RTT 20 ms: 100 messages take 20 round trips = 400 ms; the sender finished at"
                + " %s ms. Send a new packet as soon as each ACK slides the window",
            TraceEvent.millis(report.completionMicros()))
        .isEqualTo(400_000);
  }

  @Test
  @Tag("task:3")
  @DisplayName("a lost packet: after the timeout the whole window goes again, send for send")
  void lostPacketResendsTheWindow() {
    var s = scenario(10, data().withDrops(2), ack());
    var expected = reference(s, 4, RTO);
    var report = learnerSender(s, 4, RTO);
    assertThat(report.dataSendTimeline())
        .as(
            "packet seq 2 is lost. The ACKs for 0 and 1 arrive at 20 ms (the timer restarts: due"
                + " at 70 ms) and the sender sends 4 and 5; 3, 4 and 5 arrive out of order and"
                + " only repeat ACK 2. At 70 ms the timer fires and the sender resends 2, 3, 4, 5."
                + "%nexpected sends (ms:seq): %s%nyour sends:              %s",
            expected.dataSendTimeline(), report.dataSendTimeline())
        .isEqualTo(expected.dataSendTimeline());
    assertThat(report.violation()).isNull();
  }

  @Test
  @Tag("task:3")
  @DisplayName("lost ACKs: a later cumulative ACK covers them and nothing is resent")
  void lostAcksAreCovered() {
    var s = scenario(10, data(), ack().withDrops(0, 1, 2));
    var expected = reference(s, 4, RTO);
    var report = learnerSender(s, 4, RTO);
    assertThat(report.dataSendTimeline())
        .as(
            "the ACKs 1, 2 and 3 are lost; ACK 4 arrives at 20 ms and acknowledges 0..3 at once:"
                + " base jumps to 4 and the sender sends 4..7, resending nothing (ACK number a"
                + " means every index below a has arrived)."
                + "%nexpected sends (ms:seq): %s%nyour sends:              %s",
            expected.dataSendTimeline(), report.dataSendTimeline())
        .isEqualTo(expected.dataSendTimeline());
  }

  private static Scenario lossy(long seed) {
    var data =
        LinkSpec.ideal("data")
            .withDelayMicros(DELAY)
            .withLoss(0.1)
            .withReorder(0.1, 8_000)
            .withDuplicate(0.05)
            .withSeed(seed);
    var ack =
        LinkSpec.ideal("ack")
            .withDelayMicros(DELAY)
            .withLoss(0.1)
            .withReorder(0.1, 8_000)
            .withDuplicate(0.05)
            .withSeed(1_000 + seed);
    return scenario(200, data, ack);
  }

  @Test
  @Tag("task:4")
  @DisplayName(
      "sender and receiver together: 50 seeds of loss, reordering and duplication, exactly once,"
          + " in order, window 8 never exceeded")
  void manySeeds() {
    for (long seed = 1; seed <= 50; seed++) {
      var report = learnerPair(lossy(seed), 8, 60_000);
      assertThat(report.violation())
          .as(
              "200 messages, window 8, RTT 20 ms, RTO 60 ms, 10%% loss, 10%% reordering and 5%%"
                  + " duplication each way; the harness found")
          .isNull();
      assertThat(report.completed()).as("seed %d: the transfer did not complete", seed).isTrue();
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("retransmissions stay within 1.5 times the course's Go-Back-N on the same 50 seeds")
  void retransmissionsBounded() {
    var t =
        ResendTally.over(
            1,
            50,
            seed -> learnerPair(lossy(seed), 8, 60_000),
            seed -> reference(lossy(seed), 8, 60_000));
    assertThat(t.mine())
        .as(
            "over 50 seeds your Go-Back-N resent %d packets, the course's %d (worst: seed %d, %d"
                + " more). Resend only [base, nextSeq) on a timeout, restart the timer when base"
                + " moves, and ignore ACKs that do not move base",
            t.mine(), t.ours(), t.worstSeed(), t.worstExcess())
        .isLessThanOrEqualTo(t.ours() * 3 / 2 + 20);
  }

  @Test
  @Tag("task:5")
  @DisplayName("once everything is acknowledged the sender stops its timer and sends nothing more")
  void stopsWhenDone() {
    for (long seed = 1; seed <= 20; seed++) {
      var report = learnerPair(lossy(seed), 8, 60_000);
      assertThat(report.violation())
          .as("seed %d: the transfer itself went wrong (see the tests above)", seed)
          .isNull();
      assertThat(report.lateSends())
          .as(
              "seed %d: the sender was done at %s ms but sent %d DATA packets after that",
              seed, TraceEvent.millis(report.completionMicros()), report.lateSends())
          .isZero();
      assertThat(report.idleAfterDone())
          .as(
              "seed %d: the sender was done at %s ms, yet a timer was still pending 1 s later."
                  + " Cancel the timer when base catches up with nextSeq",
              seed, TraceEvent.millis(report.completionMicros()))
          .isTrue();
    }
  }
}
