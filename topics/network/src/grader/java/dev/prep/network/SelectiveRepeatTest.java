package dev.prep.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code network/selective-repeat}: the window rule in the constructors; the learner's
 * {@link SelectiveRepeatReceiver} alone, fed scripted packets (buffer, individual ACKs, re-ACK
 * below the window, wraparound); their {@link SelectiveRepeatSender} against the course's receiver
 * with scripted losses, send for send; then the pair over 50 seeds with sequence numbers modulo 8
 * (wrapping 25 times per transfer) on links that lose and duplicate, and over 50 seeds with
 * reordering and a large sequence space, watched by {@link TransferHarness}; retransmissions
 * compared with the course's Selective Repeat.
 */
@DisplayName("selective-repeat: per-packet ACKs and timers, a buffering receiver, wrapped numbers")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SelectiveRepeatTest {

  private static final long DELAY = 10_000;
  private static final long RTO = 50_000;

  @ParameterizedTest(name = "window {0}, sequence space {1}: allowed = {2}")
  @CsvSource(
      textBlock =
          """
          4, 8,  true
          5, 8,  false
          1, 2,  true
          2, 3,  false
          8, 16, true
          0, 8,  false
          """)
  @Tag("task:1")
  @DisplayName("the constructors accept exactly 1 <= window <= seqSpace / 2")
  void windowRule(int window, int seqSpace, boolean allowed) {
    Throwable sender =
        catchThrowable(() -> new SelectiveRepeatSender(List.of("m0"), window, seqSpace, RTO));
    Throwable receiver =
        catchThrowable(() -> new SelectiveRepeatReceiver(window, seqSpace, s -> {}));
    for (var thrown : Arrays.asList(sender, receiver)) {
      if (allowed) {
        assertThat(thrown)
            .as(
                "window %d with sequence space %d is allowed (window <= seqSpace / 2), but a"
                    + " constructor threw",
                window, seqSpace)
            .isNull();
      } else {
        assertThat(thrown)
            .as(
                "window %d with sequence space %d must be rejected with an"
                    + " IllegalArgumentException: a window over half the space lets an old"
                    + " retransmission pass for a new packet",
                window, seqSpace)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  /** Sends scripted DATA packets, one every millisecond, and records the ACKs it gets. */
  static final class Script implements Endpoint {
    final long[] seqs;
    final String[] payloads;
    final List<Long> acks = new ArrayList<>();

    Script(long[] seqs, String[] payloads) {
      this.seqs = seqs;
      this.payloads = payloads;
    }

    @Override
    public void start(Context context) {
      for (int i = 0; i < seqs.length; i++) {
        var packet = Packet.data(seqs[i], 1000, payloads[i]);
        context.schedule(i * 1_000L, "script", () -> context.send(packet));
      }
    }

    @Override
    public void onPacket(Packet packet) {
      if (packet.isAck()) {
        acks.add(packet.ack());
      }
    }
  }

  /** Feeds message indices to the learner's receiver (window 4, space 8), checks the outcome. */
  private static void checkReceiver(
      String what, long[] indices, List<String> delivered, List<Long> acks) {
    long[] seqs = Arrays.stream(indices).map(i -> i % 8).toArray();
    String[] payloads = Arrays.stream(indices).mapToObj(i -> "m" + i).toArray(String[]::new);
    var script = new Script(seqs, payloads);
    var got = new ArrayList<String>();
    var sim = new Simulator(10_000);
    sim.connect(
        "script",
        script,
        "receiver",
        new SelectiveRepeatReceiver(4, 8, got::add),
        LinkSpec.ideal("data"),
        LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    String arrivals =
        Arrays.stream(indices)
            .mapToObj(i -> "m" + i + "(seq " + i % 8 + ")")
            .collect(Collectors.joining(" "));
    assertThat(got)
        .as(
            "window 4, sequence space 8, %s; arrivals %s: the application should get %s but got"
                + " %s",
            what, arrivals, delivered, got)
        .containsExactlyElementsOf(delivered);
    assertThat(script.acks)
        .as(
            "window 4, sequence space 8, %s; arrivals %s: the ACKs should be %s but were %s."
                + " ACK each packet inside the window with its own seq, ACK again a packet from"
                + " the 4 just below the window, ignore anything else",
            what, arrivals, acks, script.acks)
        .containsExactlyElementsOf(acks);
  }

  @Test
  @Tag("task:2")
  @DisplayName("the receiver buffers packets after a gap and delivers them when the gap fills")
  void receiverBuffers() {
    checkReceiver(
        "a gap at m0",
        new long[] {1, 3, 2, 0},
        List.of("m0", "m1", "m2", "m3"),
        List.of(1L, 3L, 2L, 0L));
  }

  @Test
  @Tag("task:2")
  @DisplayName("the receiver ACKs a duplicate from just below its window again, delivering nothing")
  void receiverReacksBelowWindow() {
    checkReceiver(
        "copies of m0 and m2 after they were delivered (their ACKs were lost)",
        new long[] {0, 1, 2, 0, 2, 2},
        List.of("m0", "m1", "m2"),
        List.of(0L, 1L, 2L, 0L, 2L, 2L));
  }

  @Test
  @Tag("task:2")
  @DisplayName("the receiver wraps around: m8 has seq 0 again and is a new message")
  void receiverWraps() {
    checkReceiver(
        "messages m0..m11 (seq 0..7 then 0..3 again)",
        new long[] {0, 1, 2, 3, 5, 4, 6, 7, 9, 8, 10, 11},
        List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11"),
        List.of(0L, 1L, 2L, 3L, 5L, 4L, 6L, 7L, 1L, 0L, 2L, 3L));
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

  private static ArqConfig config(int window, int space, long rto) {
    return ArqConfig.selectiveRepeat(window, rto).withSeqSpace(space);
  }

  private static Report learnerSender(Scenario s, int window, int space, long rto) {
    var sender = new SelectiveRepeatSender(s.messages(), window, space, rto);
    return TransferHarness.runWithCourseReceiver(
        s, config(window, space, rto), sender, sender::isDone);
  }

  private static Report learnerPair(Scenario s, int window, int space, long rto) {
    var sender = new SelectiveRepeatSender(s.messages(), window, space, rto);
    return TransferHarness.run(
        s,
        Rules.of(config(window, space, rto)),
        sender,
        sender::isDone,
        app -> new SelectiveRepeatReceiver(window, space, app));
  }

  private static Report reference(Scenario s, int window, int space, long rto) {
    return TransferHarness.runCourse(
        s, config(window, space, rto), SelectiveRepeatSender.PACKET_BYTES);
  }

  @Test
  @Tag("task:3")
  @DisplayName("on an ideal link the sender fills its window, wraps around and resends nothing")
  void idealLink() {
    var report = learnerSender(scenario(100, data(), ack()), 4, 8, RTO);
    assertThat(report.dataSendTimeline())
        .as(
            "window 4: seq 0..3 at t = 0, then one new packet per ACK; your sends were %s",
            report.dataSendTimeline())
        .startsWith(
            "0.000:0 0.000:1 0.000:2 0.000:3 20.000:4 20.000:5 20.000:6 20.000:7" + " 40.000:0");
    assertThat(report.violation()).as("the transfer broke a rule").isNull();
    assertThat(report.completed()).as("the sender never reported isDone()").isTrue();
    assertThat(report.retransmissions())
        .as("nothing is lost, yet the sender resent %d packets", report.retransmissions())
        .isZero();
    assertThat(report.completionMicros())
        .as(
            "window 4, RTT 20 ms: 100 messages take 25 round trips = 500 ms; yours: %s ms",
            TraceEvent.millis(report.completionMicros()))
        .isEqualTo(500_000);
  }

  @Test
  @Tag("task:4")
  @DisplayName("two lost packets: each is resent alone, when its own timer fires")
  void lostPacketAloneIsResent() {
    var s = scenario(12, data().withDrops(2, 5), ack());
    var expected = reference(s, 4, 8, RTO);
    var report = learnerSender(s, 4, 8, RTO);
    assertThat(report.dataSendTimeline())
        .as(
            "packets seq 2 and seq 5 are lost. ACKs 0, 1, 3 arrive at 20 ms: base slides to 2,"
                + " so 4 and 5 go (5's timer is due at 70 ms). At 50 ms the timer of 2 fires and"
                + " only 2 goes again; at 70 ms only 5 does. Each packet has its own timer and a"
                + " timeout resends that packet alone."
                + "%nexpected sends (ms:seq): %s%nyour sends:              %s",
            expected.dataSendTimeline(), report.dataSendTimeline())
        .isEqualTo(expected.dataSendTimeline());
  }

  @Test
  @Tag("task:4")
  @DisplayName("a lost ACK: the copy the sender resends is ACKed again, and the transfer goes on")
  void lostAckIsRecovered() {
    var s = scenario(12, data(), ack().withDrops(0, 5));
    var expected = reference(s, 4, 8, RTO);
    String lost =
        expected.trace().events(TraceEvent.Type.DROP_LOSS).stream()
            .map(e -> e.packet().brief() + " at " + TraceEvent.millis(e.timeMicros()) + " ms")
            .collect(Collectors.joining(", "));
    var report = learnerPair(s, 4, 8, RTO);
    assertThat(report.violation())
        .as(
            "the 1st and 6th ACKs the receiver sends are lost (with the course's code: %s). The"
                + " sender resends those packets when their timers fire; the receiver has already"
                + " delivered them and moved its window past them, so it must ACK such copies"
                + " again (they are in the window just below rcvBase), or the sender retries"
                + " forever",
            lost)
        .isNull();
    assertThat(report.retransmissions())
        .as(
            "the course's Selective Repeat resends %d packets here, yours %d (your sends: %s)",
            expected.retransmissions(), report.retransmissions(), report.dataSendTimeline())
        .isEqualTo(expected.retransmissions());
  }

  private static Scenario lossy(long seed, double reorder) {
    var data =
        LinkSpec.ideal("data")
            .withDelayMicros(DELAY)
            .withLoss(0.1)
            .withReorder(reorder, 8_000)
            .withDuplicate(0.05)
            .withSeed(seed);
    var ack =
        LinkSpec.ideal("ack")
            .withDelayMicros(DELAY)
            .withLoss(0.1)
            .withReorder(reorder, 8_000)
            .withDuplicate(0.05)
            .withSeed(1_000 + seed);
    return scenario(200, data, ack);
  }

  @Test
  @Tag("task:5")
  @DisplayName(
      "sender and receiver, window 4, seq modulo 8 (25 wraps): 50 seeds of loss and duplication")
  void wrapAroundManySeeds() {
    for (long seed = 1; seed <= 50; seed++) {
      var report = learnerPair(lossy(seed, 0), 4, 8, RTO);
      assertThat(report.violation())
          .as(
              "200 messages, window 4, sequence numbers modulo 8, RTT 20 ms, RTO 50 ms, 10%% loss"
                  + " and 5%% duplication each way; compare positions modulo 8 with"
                  + " Math.floorMod(s - base, seqSpace). The harness found")
          .isNull();
      assertThat(report.completed()).as("seed %d: the transfer did not complete", seed).isTrue();
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("sender and receiver, window 8, seq modulo 1024: 50 seeds with reordering too")
  void reorderingManySeeds() {
    for (long seed = 1; seed <= 50; seed++) {
      var report = learnerPair(lossy(seed, 0.2), 8, 1024, RTO);
      assertThat(report.violation())
          .as(
              "200 messages, window 8, RTT 20 ms, RTO 50 ms, 10%% loss, 20%% reordering (up to 8"
                  + " ms late) and 5%% duplication each way. The harness found")
          .isNull();
      assertThat(report.completed()).as("seed %d: the transfer did not complete", seed).isTrue();
    }
  }

  @Test
  @Tag("task:6")
  @DisplayName("retransmissions stay within 1.25 times the course's Selective Repeat on 50 seeds")
  void retransmissionsBounded() {
    var t =
        ResendTally.over(
            1,
            50,
            seed -> learnerPair(lossy(seed, 0.2), 8, 1024, RTO),
            seed -> reference(lossy(seed, 0.2), 8, 1024, RTO));
    assertThat(t.mine())
        .as(
            "over 50 seeds your Selective Repeat resent %d packets, the course's %d (worst: seed"
                + " %d, %d more). On a timeout resend only that packet, and cancel a packet's"
                + " timer as soon as its ACK arrives",
            t.mine(), t.ours(), t.worstSeed(), t.worstExcess())
        .isLessThanOrEqualTo(t.ours() * 5 / 4 + 10);
  }

  @Test
  @Tag("task:6")
  @DisplayName("once everything is acknowledged no timer is left and nothing more is sent")
  void stopsWhenDone() {
    for (long seed = 1; seed <= 20; seed++) {
      var report = learnerPair(lossy(seed, 0), 4, 8, RTO);
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
                  + " Cancel each packet's timer when its ACK arrives",
              seed, TraceEvent.millis(report.completionMicros()))
          .isTrue();
    }
  }
}
