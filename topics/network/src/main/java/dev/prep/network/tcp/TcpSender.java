package dev.prep.network.tcp;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Timer;
import dev.prep.network.tcp.CwndTrace.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP Reno sender on the simulator (RFC 5681 congestion control, RFC 6298 retransmission timer).
 * Sequence numbers, windows and FlightSize are in bytes, as in the RFCs; segments are SMSS bytes
 * (the last one may be shorter). It sends while {@code SND.NXT - SND.UNA + segment <= min(cwnd,
 * rwnd)}: the congestion window protects the network, the receiver's advertised window protects the
 * receiver (flow control), and the smaller one wins.
 *
 * <ul>
 *   <li>ACK of new data: SND.UNA moves up, {@link Reno#onNewAck} grows cwnd (or ends fast
 *       recovery), the retransmission timer restarts (RFC 6298 §5.3) or stops when nothing is
 *       outstanding (§5.2).
 *   <li>Duplicate ACK (RFC 5681 §2: same ACK number, same window, data outstanding): the third one
 *       resends the segment at SND.UNA (fast retransmit); later ones inflate cwnd.
 *   <li>Timeout: {@link Reno#onTimeout}, the RTO doubles (§5.5), SND.NXT goes back to SND.UNA and
 *       slow start resends from there. Duplicate ACKs for data sent before the timeout do not start
 *       another fast retransmit (the "recover" rule of RFC 6582 §3.2 step 1).
 *   <li>RTT: one segment at a time is timed, never a retransmitted one (Karn's algorithm).
 * </ul>
 *
 * <p>Every event appends a {@link CwndTrace.Sample} taken after the sender has sent what it then
 * could: {@link #trace()}.
 */
public final class TcpSender implements Endpoint {

  private final long totalBytes;
  private final int smss;
  private final Reno reno;
  private final RtoEstimator rto;
  private final List<CwndTrace.Sample> samples = new ArrayList<>();
  private Context context;
  private long sndUna;
  private long sndNxt;
  private long sndMax;
  private long rwnd;
  private long recover = -1;
  private Timer retransmitTimer;
  private boolean resentByTimer;
  private long timedEnd = -1;
  private long timedSentMicros;
  private long segmentsSent;
  private long retransmissions;
  private int fastRetransmits;
  private int timeouts;

  /**
   * @param totalBytes bytes to send ({@link Long#MAX_VALUE}: send until the simulation stops)
   * @param smss segment size in bytes
   * @param initialWindow IW in bytes (see {@link InitialWindow})
   * @param initialRwnd the receiver's window before its first ACK (as learned in the handshake)
   * @param rto the retransmission timeout estimator
   */
  public TcpSender(
      long totalBytes, int smss, long initialWindow, long initialRwnd, RtoEstimator rto) {
    if (totalBytes < 1 || initialRwnd < smss) {
      throw new IllegalArgumentException(
          "need > 0 bytes to send and an initial rwnd >= smss; got %d, %d"
              .formatted(totalBytes, initialRwnd));
    }
    this.totalBytes = totalBytes;
    this.smss = smss;
    this.reno = new Reno(smss, initialWindow, Long.MAX_VALUE / 4);
    this.rto = rto;
    this.rwnd = initialRwnd;
  }

  @Override
  public void start(Context ctx) {
    this.context = ctx;
    sendWhatFits();
    record(Event.START);
  }

  @Override
  public void onPacket(Packet packet) {
    if (!packet.isAck() || packet.ack() < sndUna) {
      return; // old ACK, overtaken by a newer one
    }
    long ack = packet.ack();
    long window = packet.window() >= 0 ? packet.window() : rwnd;
    if (ack > sndUna) {
      onNewAck(ack, window);
    } else if (sndMax > sndUna && window == rwnd) {
      onDuplicateAck(ack);
    } else {
      rwnd = window; // a pure window update
      sendWhatFits();
    }
  }

  private void onNewAck(long ack, long window) {
    if (timedEnd >= 0 && ack >= timedEnd) {
      rto.sample(context.nowMicros() - timedSentMicros);
      timedEnd = -1;
    }
    long acked = ack - sndUna;
    sndUna = ack;
    sndNxt = Math.max(sndNxt, sndUna);
    rwnd = window;
    resentByTimer = false;
    reno.onNewAck(acked);
    cancelTimer();
    sendWhatFits();
    if (sndMax > sndUna && (retransmitTimer == null || !retransmitTimer.isPending())) {
      startTimer();
    }
    record(Event.ACK);
  }

  private void onDuplicateAck(long ack) {
    if (ack <= recover) {
      record(Event.DUP_ACK); // from data sent before a timeout: not a new loss signal
      return;
    }
    if (reno.onDuplicateAck(sndMax - sndUna)) {
      fastRetransmits++;
      send(sndUna, segmentAt(sndUna));
      sendWhatFits();
      record(Event.FAST_RETRANSMIT);
    } else {
      sendWhatFits();
      record(Event.DUP_ACK);
    }
  }

  private void onTimeout() {
    timeouts++;
    reno.onTimeout(sndMax - sndUna, resentByTimer);
    rto.backOff();
    resentByTimer = true;
    timedEnd = -1;
    recover = sndMax - 1;
    sndNxt = sndUna;
    sendWhatFits();
    record(Event.TIMEOUT);
  }

  private void sendWhatFits() {
    while (sndNxt < totalBytes) {
      int length = segmentAt(sndNxt);
      if (sndNxt - sndUna + length > Math.min(reno.cwnd(), rwnd)) {
        return;
      }
      send(sndNxt, length);
      sndNxt += length;
    }
  }

  private int segmentAt(long seq) {
    return (int) Math.min(smss, totalBytes - seq);
  }

  private void send(long seq, int length) {
    boolean retransmission = seq < sndMax;
    context.send(Packet.data(seq, length));
    segmentsSent++;
    if (retransmission) {
      retransmissions++;
      if (timedEnd >= 0 && seq < timedEnd) {
        timedEnd = -1; // Karn: an ACK could now be for either copy
      }
    } else if (timedEnd < 0) {
      timedEnd = seq + length;
      timedSentMicros = context.nowMicros();
    }
    sndMax = Math.max(sndMax, seq + length);
    if (retransmitTimer == null || !retransmitTimer.isPending()) {
      startTimer(); // RFC 6298 §5.1
    }
  }

  private void startTimer() {
    retransmitTimer = context.schedule(rto.rtoMicros(), "RTO", this::onTimeout);
  }

  private void cancelTimer() {
    if (retransmitTimer != null) {
      retransmitTimer.cancel();
    }
  }

  private void record(Event event) {
    samples.add(
        new CwndTrace.Sample(
            context.nowMicros(),
            event,
            reno.cwnd(),
            reno.ssthresh(),
            rwnd,
            sndUna,
            sndNxt,
            reno.phase()));
  }

  /** The window's history so far. */
  public CwndTrace trace() {
    return new CwndTrace(smss, samples);
  }

  /** SND.UNA: bytes the receiver has acknowledged. */
  public long bytesAcked() {
    return sndUna;
  }

  /** True once every byte has been acknowledged. */
  public boolean isDone() {
    return sndUna >= totalBytes;
  }

  /** Data segments sent, first copies and retransmissions. */
  public long segmentsSent() {
    return segmentsSent;
  }

  /** Segments sent again (fast retransmit, or after a timeout). */
  public long retransmissions() {
    return retransmissions;
  }

  /** Third duplicate ACKs acted on. */
  public int fastRetransmits() {
    return fastRetransmits;
  }

  /** Retransmission timer expiries. */
  public int timeouts() {
    return timeouts;
  }

  /** The congestion control state (read it; the sender drives it). */
  public Reno reno() {
    return reno;
  }

  /** The RTO estimator (read it; the sender drives it). */
  public RtoEstimator rto() {
    return rto;
  }
}
