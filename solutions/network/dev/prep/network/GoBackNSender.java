package dev.prep.network;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Timer;
import java.util.List;

/**
 * The sending half of Go-Back-N (回退N帧): up to {@code window} packets in flight, cumulative ACKs,
 * one retransmission timer, and on a timeout everything unacknowledged is sent again.
 *
 * <p><b>Numbering.</b> Message {@code i} of {@code messages} travels as {@code Packet.data(i,
 * PACKET_BYTES, messages.get(i))}: its sequence number is its index (no wraparound here). {@code
 * base} is the oldest unacknowledged index, {@code nextSeq} the next index never sent; the packets
 * in flight are {@code [base, nextSeq)}, and there are never more than {@code window} of them.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>{@link #start}: keep the context, send the first {@code min(window, messages.size())}
 *       packets and, if any was sent, start the timer.
 *   <li>{@link #onPacket}: an ACK carries a cumulative acknowledgement number {@code a} = the next
 *       index the receiver expects (every index below {@code a} has arrived; this is TCP's
 *       convention, RFC 9293 section 3.4). If {@code base < a <= nextSeq}: set {@code base = a},
 *       restart the timer (cancel it, and start a fresh one if {@code base < nextSeq}), then send
 *       new packets while {@code nextSeq < base + window} and messages remain. Ignore any other
 *       ACK (old, duplicate, or nonsense) and any DATA.
 *   <li>Timer ({@code context.schedule(timeoutMicros, "RTO", ...)}), one for the whole window,
 *       timing the oldest unacknowledged packet: when it fires, send {@code base .. nextSeq - 1}
 *       again, in order, and start it again.
 *   <li>{@link #isDone}: true once every message is acknowledged ({@code base ==
 *       messages.size()}); by then no timer may be left running.
 * </ul>
 *
 * <p>Source: the Go-Back-N protocol as in Kurose and Ross, Computer Networking, section 3.4.3,
 * with TCP's "next expected" ACK numbers.
 */
public final class GoBackNSender implements Endpoint {

  /** Payload bytes of every DATA packet. */
  public static final int PACKET_BYTES = 1000;

  private final List<String> messages;
  private final int window;
  private final long timeoutMicros;
  private Context context;
  private long base;
  private long nextSeq;
  private Timer timer;

  /**
   * A sender of {@code messages}, in order, with at most {@code window} (at least 1) packets
   * unacknowledged and a fixed retransmission timeout.
   *
   * @throws IllegalArgumentException if {@code window < 1} or {@code timeoutMicros < 1}
   */
  public GoBackNSender(List<String> messages, int window, long timeoutMicros) {
    if (window < 1 || timeoutMicros < 1) {
      throw new IllegalArgumentException("window and timeout must be positive");
    }
    this.messages = List.copyOf(messages);
    this.window = window;
    this.timeoutMicros = timeoutMicros;
  }

  @Override
  public void start(Context context) {
    this.context = context;
    sendNewPackets();
  }

  @Override
  public void onPacket(Packet packet) {
    if (!packet.isAck() || packet.ack() <= base || packet.ack() > nextSeq) {
      return; // a stale or duplicate ACK tells the sender nothing new
    }
    base = packet.ack(); // cumulative: every packet below the ACK number has arrived
    restartTimer(); // the timer now times the new oldest packet
    sendNewPackets();
  }

  /** True once every message has been acknowledged. */
  public boolean isDone() {
    return base == messages.size();
  }

  private void sendNewPackets() {
    while (nextSeq < messages.size() && nextSeq < base + window) {
      send(nextSeq);
      nextSeq++;
      if (timer == null) {
        restartTimer(); // the window was empty: start timing its first packet
      }
    }
  }

  private void onTimeout() {
    timer = null;
    for (long seq = base; seq < nextSeq; seq++) {
      send(seq); // go back N: the receiver dropped everything after the gap
    }
    restartTimer();
  }

  private void restartTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (base < nextSeq) {
      timer = context.schedule(timeoutMicros, "RTO", this::onTimeout);
    }
  }

  private void send(long seq) {
    context.send(Packet.data(seq, PACKET_BYTES, messages.get((int) seq)));
  }
}
