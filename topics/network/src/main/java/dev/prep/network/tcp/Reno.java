package dev.prep.network.tcp;

/**
 * TCP Reno's congestion window (拥塞窗口, cwnd) and slow-start threshold (ssthresh), in bytes, as RFC
 * 5681 §3 computes them. No packets here: the sender tells it what happened (a new ACK, a duplicate
 * ACK, a timeout) and reads {@link #cwnd()} to decide how much may be in flight.
 *
 * <ul>
 *   <li>Slow start (慢启动), while cwnd &lt; ssthresh: each ACK of new data adds min(N, SMSS), where N
 *       is the bytes it acknowledges (§3.1 equation 2). With one ACK per segment that doubles cwnd
 *       every round trip.
 *   <li>Congestion avoidance (拥塞避免), while cwnd &gt;= ssthresh: each ACK adds SMSS*SMSS/cwnd, at
 *       least 1 byte (§3.1 equation 3): about one SMSS per round trip. This is the additive
 *       increase of AIMD (加法增大).
 *   <li>Fast retransmit (快重传) on the third duplicate ACK (§3.2): ssthresh = max(FlightSize/2,
 *       2*SMSS) (equation 4), cwnd = ssthresh + 3*SMSS, and the sender resends the missing segment.
 *       Then fast recovery (快恢复): each further duplicate ACK adds SMSS (a segment has left the
 *       network); the next ACK of new data sets cwnd = ssthresh (deflation). That halving is the
 *       multiplicative decrease (乘法减小).
 *   <li>Retransmission timeout (超时重传, §3.1): ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS
 *       (the loss window), back to slow start. If the timer expires again for a segment already
 *       resent by the timer, ssthresh is kept (§3.1's note on equation 4).
 * </ul>
 */
public final class Reno {

  /** What the window is doing now. */
  public enum Phase {
    SLOW_START,
    CONGESTION_AVOIDANCE,
    FAST_RECOVERY
  }

  /** The duplicate ACK that triggers fast retransmit (RFC 5681 §3.2: the third). */
  public static final int DUP_ACK_THRESHOLD = 3;

  private final int smss;
  private long cwnd;
  private long ssthresh;
  private boolean recovering;
  private int dupAcks;

  /**
   * @param smss sender maximum segment size in bytes
   * @param initialWindow the IW in bytes (see {@link InitialWindow})
   * @param initialSsthresh ssthresh before the first loss: RFC 5681 says "arbitrarily high", e.g.
   *     the largest window the receiver can advertise
   */
  public Reno(int smss, long initialWindow, long initialSsthresh) {
    if (smss < 1 || initialWindow < smss || initialSsthresh < 2L * smss) {
      throw new IllegalArgumentException(
          "need smss >= 1, IW >= smss, ssthresh >= 2*smss; got %d, %d, %d"
              .formatted(smss, initialWindow, initialSsthresh));
    }
    this.smss = smss;
    this.cwnd = initialWindow;
    this.ssthresh = initialSsthresh;
  }

  /** An ACK acknowledged {@code bytesAcked} (> 0) bytes not acknowledged before. */
  public void onNewAck(long bytesAcked) {
    if (bytesAcked <= 0) {
      throw new IllegalArgumentException("a new ACK acknowledges > 0 bytes, got " + bytesAcked);
    }
    dupAcks = 0;
    if (recovering) {
      recovering = false;
      cwnd = ssthresh; // deflate: the inflation only counted segments that had left the network
    } else if (cwnd < ssthresh) {
      cwnd += Math.min(bytesAcked, smss);
    } else {
      cwnd += Math.max(1, (long) smss * smss / cwnd);
    }
  }

  /**
   * A duplicate ACK arrived while {@code flightSize} bytes were outstanding. Returns true when this
   * is the third one: the caller must then resend the first unacknowledged segment.
   */
  public boolean onDuplicateAck(long flightSize) {
    dupAcks++;
    if (recovering) {
      cwnd += smss; // one more segment has reached the receiver: let one more in
      return false;
    }
    if (dupAcks < DUP_ACK_THRESHOLD) {
      return false;
    }
    ssthresh = halved(flightSize);
    cwnd = ssthresh + (long) DUP_ACK_THRESHOLD * smss;
    recovering = true;
    return true;
  }

  /**
   * The retransmission timer expired with {@code flightSize} bytes outstanding; {@code
   * againForSameSegment} when the segment it resends was already resent by the timer.
   */
  public void onTimeout(long flightSize, boolean againForSameSegment) {
    if (!againForSameSegment) {
      ssthresh = halved(flightSize);
    }
    cwnd = smss;
    recovering = false;
    dupAcks = 0;
  }

  private long halved(long flightSize) {
    return Math.max(flightSize / 2, 2L * smss);
  }

  /** The congestion window in bytes. */
  public long cwnd() {
    return cwnd;
  }

  /** The slow-start threshold in bytes. */
  public long ssthresh() {
    return ssthresh;
  }

  /** Duplicate ACKs in a row since the last new ACK or timeout. */
  public int duplicateAcks() {
    return dupAcks;
  }

  /** The sender maximum segment size in bytes. */
  public int smss() {
    return smss;
  }

  /** Slow start, congestion avoidance or fast recovery. */
  public Phase phase() {
    if (recovering) {
      return Phase.FAST_RECOVERY;
    }
    return cwnd < ssthresh ? Phase.SLOW_START : Phase.CONGESTION_AVOIDANCE;
  }
}
