package dev.prep.network.arq;

/**
 * One sliding-window engine, three classic protocols (自动重传请求, ARQ). The send window bounds the
 * packets in flight; the receive window says how far ahead of the next expected packet the receiver
 * buffers; the ACK style says what an acknowledgement means:
 *
 * <pre>
 * protocol          send window  receive window  ACKs                         on timeout
 * stop-and-wait     1            1               cumulative (next expected)   resend the one packet
 * Go-Back-N         N            1               cumulative (next expected)   resend every unacked
 * Selective Repeat  N            N               one per packet (its seq)     resend that packet
 * </pre>
 *
 * @param name shown in tables
 * @param sendWindow packets the sender may have unacknowledged, at least 1
 * @param receiveWindow packets the receiver accepts from the next expected one on, at least 1
 * @param selectiveAcks true: ACK each packet by its sequence number, a timer per packet; false:
 *     cumulative ACK (the next expected sequence number, as TCP does), one timer for the oldest
 * @param seqSpace sequence numbers are taken modulo this; 0 means unbounded
 * @param timeoutMicros the retransmission timeout (fixed; TCP adapts it, RFC 6298)
 */
public record ArqConfig(
    String name,
    int sendWindow,
    int receiveWindow,
    boolean selectiveAcks,
    int seqSpace,
    long timeoutMicros) {

  /** Checks the fields (not the window-versus-sequence-space rule: see {@link #isSafe}). */
  public ArqConfig {
    if (sendWindow < 1 || receiveWindow < 1 || seqSpace < 0 || timeoutMicros < 1) {
      throw new IllegalArgumentException(
          "need windows >= 1, seqSpace >= 0 and a positive timeout: "
              + sendWindow
              + ", "
              + receiveWindow
              + ", "
              + seqSpace
              + ", "
              + timeoutMicros);
    }
  }

  /** Stop-and-wait: one packet at a time. */
  public static ArqConfig stopAndWait(long timeoutMicros) {
    return new ArqConfig("stop-and-wait", 1, 1, false, 0, timeoutMicros);
  }

  /** Go-Back-N with a window of {@code n}: cumulative ACKs, the receiver keeps nothing ahead. */
  public static ArqConfig goBackN(int n, long timeoutMicros) {
    return new ArqConfig("Go-Back-N", n, 1, false, 0, timeoutMicros);
  }

  /** Selective Repeat with windows of {@code n}: the receiver buffers, ACKs are per packet. */
  public static ArqConfig selectiveRepeat(int n, long timeoutMicros) {
    return new ArqConfig("Selective Repeat", n, n, true, 0, timeoutMicros);
  }

  /** The same protocol with sequence numbers taken modulo {@code space}. */
  public ArqConfig withSeqSpace(int space) {
    return new ArqConfig(name, sendWindow, receiveWindow, selectiveAcks, space, timeoutMicros);
  }

  /**
   * True if a finite sequence space cannot confuse an old packet with a new one: send window plus
   * receive window at most the space (so window at most half the space for Selective Repeat, at
   * most space - 1 for Go-Back-N). Always true for an unbounded space.
   */
  public boolean isSafe() {
    return seqSpace == 0 || sendWindow + receiveWindow <= seqSpace;
  }

  /** The sequence number packet {@code index} carries on the wire. */
  public long wireSeq(long index) {
    return seqSpace == 0 ? index : Math.floorMod(index, seqSpace);
  }

  /**
   * How far {@code wireSeq} is ahead of packet {@code from} (0 = it is {@code from}), assuming it
   * lies in the next {@code seqSpace} packets; negative numbers only when the space is unbounded.
   */
  long distance(long from, long wireSeq) {
    return seqSpace == 0 ? wireSeq - from : Math.floorMod(wireSeq - from, seqSpace);
  }
}
