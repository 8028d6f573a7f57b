package dev.prep.network.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.network.sim.LinkSpec;
import dev.prep.network.sim.Simulator;
import dev.prep.network.tcp.CwndTrace.Event;
import dev.prep.network.tcp.CwndTrace.Sample;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TcpSender on the simulator: slow start, fast retransmit, timeout, flow control")
class TcpSenderTest {

  private static final int MSS = 1460;

  /** A sender and receiver over a data link with the given scripted drops, uncongested. */
  private record Run(TcpSender sender, TcpReceiver receiver, Simulator simulator) {}

  private static Run run(long bytes, long iw, long rwnd, long... drops) {
    var simulator = new Simulator();
    var sender =
        new TcpSender(
            bytes, MSS, iw, rwnd, new RtoEstimator(1_000_000, 200_000, 60_000_000, 1_000));
    var receiver = new TcpReceiver(rwnd);
    var data =
        LinkSpec.ideal("data")
            .withDelayMicros(10_000)
            .withBytesPerSecond(12_500_000)
            .withDrops(drops);
    var acks = LinkSpec.ideal("ack").withDelayMicros(10_000);
    simulator.connect("sender", sender, "receiver", receiver, data, acks);
    simulator.runUntil(sender::isDone, 60_000_000);
    return new Run(sender, receiver, simulator);
  }

  @Test
  @DisplayName("IW 1 segment, no loss: cwnd 1, 2, 4, 8, 16, 32, 64 segments at the rounds' ends")
  void slowStartDoublesPerRound() {
    Run r = run(200L * MSS, MSS, 1 << 20);
    assertThat(r.sender().isDone()).isTrue();
    assertThat(r.receiver().bytesDelivered()).isEqualTo(200L * MSS);
    List<Long> cwnds =
        r.sender().trace().roundsBeforeFirstLoss().stream().map(CwndTrace.Round::cwnd).toList();
    assertThat(cwnds)
        .startsWith(1L * MSS, 2L * MSS, 4L * MSS, 8L * MSS, 16L * MSS, 32L * MSS, 64L * MSS);
    assertThat(r.sender().retransmissions()).isZero();
  }

  @Test
  @DisplayName(
      "one lost segment: three duplicate ACKs, one fast retransmit, ssthresh = FlightSize/2")
  void oneLossFastRetransmit() {
    Run r = run(100L * MSS, 10L * MSS, 1 << 20, 25); // the 26th segment sent is lost
    assertThat(r.receiver().bytesDelivered()).isEqualTo(100L * MSS);
    assertThat(r.sender().fastRetransmits()).isEqualTo(1);
    assertThat(r.sender().timeouts()).isZero();
    assertThat(r.sender().retransmissions()).isEqualTo(1);
    CwndTrace trace = r.sender().trace();
    Sample fr = trace.events(Event.FAST_RETRANSMIT).getFirst();
    assertThat(fr.sndUna()).as("the hole is the 26th segment").isEqualTo(25L * MSS);
    List<Sample> samples = trace.samples();
    Sample before = samples.get(samples.indexOf(fr) - 1);
    assertThat(before.event()).isEqualTo(Event.DUP_ACK);
    assertThat(fr.ssthresh()).isEqualTo(Math.max(before.flight() / 2, 2L * MSS));
    assertThat(fr.cwnd()).isEqualTo(fr.ssthresh() + 3L * MSS);
    Sample exit =
        samples.stream()
            .filter(s -> s.timeMicros() > fr.timeMicros() && s.event() == Event.ACK)
            .findFirst()
            .orElseThrow();
    assertThat(exit.cwnd()).as("deflated").isEqualTo(fr.ssthresh());
    assertThat(exit.sndUna()).as("the retransmission filled the hole").isGreaterThan(26L * MSS);
  }

  @Test
  @DisplayName("a loss with too few segments behind it for 3 duplicate ACKs ends in a timeout")
  void lossAtTheTailTimesOut() {
    Run r = run(5L * MSS, 10L * MSS, 1 << 20, 3); // segment 4 of 5: one duplicate ACK only
    assertThat(r.receiver().bytesDelivered()).isEqualTo(5L * MSS);
    assertThat(r.sender().fastRetransmits()).isZero();
    assertThat(r.sender().timeouts()).isEqualTo(1);
    Sample timeout = r.sender().trace().events(Event.TIMEOUT).getFirst();
    assertThat(timeout.cwnd()).as("loss window: one segment").isEqualTo(MSS);
    assertThat(timeout.ssthresh()).as("max(FlightSize/2, 2*SMSS)").isEqualTo(2L * MSS);
    assertThat(timeout.timeMicros())
        .as("the RTO from the first RTT sample (SRTT + 4*RTTVAR, at least 200 ms)")
        .isBetween(200_000L, 300_000L);
  }

  @Test
  @DisplayName(
      "flow control: never more in flight than the receiver's window, however big cwnd gets")
  void receiveWindowLimits() {
    long rwnd = 8L * MSS;
    Run r = run(300L * MSS, 10L * MSS, rwnd);
    assertThat(r.receiver().bytesDelivered()).isEqualTo(300L * MSS);
    CwndTrace trace = r.sender().trace();
    assertThat(trace.samples()).allSatisfy(s -> assertThat(s.flight()).isLessThanOrEqualTo(rwnd));
    assertThat(trace.samples().getLast().cwnd()).as("cwnd kept growing").isGreaterThan(100L * MSS);
    assertThat(trace.samples().stream().filter(s -> s.flight() == rwnd).count())
        .as("the window was full most of the time")
        .isGreaterThan(200);
  }

  @Test
  @DisplayName("same setup, same run: the congested 5 s transfer twice gives equal traces")
  void deterministic() {
    var setup = TcpTransfer.Setup.defaults().withLoss(0.01, 3);
    var first = TcpTransfer.runFor(setup, 5_000_000);
    var second = TcpTransfer.runFor(setup, 5_000_000);
    assertThat(first.trace().samples()).isEqualTo(second.trace().samples());
    assertThat(first.randomLosses()).isPositive();
    assertThat(first.bytesDelivered()).isEqualTo(second.bytesDelivered());
  }
}
