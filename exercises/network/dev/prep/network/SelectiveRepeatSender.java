package dev.prep.network;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Timer;
import java.util.List;

/**
 * The sending half of Selective Repeat (选择重传): up to {@code window} packets in flight, an ACK
 * for each packet, a timer for each packet, and on a timeout only that packet is sent again.
 * Sequence numbers wrap around modulo {@code seqSpace}.
 *
 * <p><b>Numbering.</b> Message {@code i} of {@code messages} travels as {@code Packet.data(i %
 * seqSpace, PACKET_BYTES, messages.get(i))}. {@code base} is the index of the oldest
 * unacknowledged message, {@code nextSeq} the next index never sent; never more than {@code
 * window} indices in {@code [base, nextSeq)}.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>{@link #start}: keep the context; send the first {@code min(window, messages.size())}
 *       packets, each with its own timer.
 *   <li>{@link #onPacket}: an ACK names one packet by its sequence number {@code s} (in its {@code
 *       ack} field). Let {@code d = floorMod(s - base, seqSpace)}; if {@code d < nextSeq - base}
 *       it acknowledges index {@code base + d}: if that index was not acknowledged yet, mark it and
 *       cancel its timer. Then slide {@code base} past every acknowledged index and send new
 *       packets while {@code nextSeq < base + window} and messages remain, each with its own
 *       timer. Ignore every other ACK (old or duplicate) and any DATA.
 *   <li>Timers ({@code context.schedule(timeoutMicros, "RTO " + index, ...)}): when the timer of
 *       an unacknowledged index fires, send that packet again and start its timer again; nothing
 *       else is resent.
 *   <li>{@link #isDone}: true once every message is acknowledged; by then no timer may be left
 *       running.
 * </ul>
 *
 * <p><b>The window rule.</b> The constructor rejects {@code window > seqSpace / 2}: a bigger
 * window lets the receiver mistake a retransmitted old packet for a new one with the same number
 * (see {@link SelectiveRepeatReceiver}).
 *
 * <p>Source: Kurose and Ross, Computer Networking, section 3.4.4.
 */
public final class SelectiveRepeatSender implements Endpoint {

  /** Payload bytes of every DATA packet. */
  public static final int PACKET_BYTES = 1000;

  private final List<String> messages;
  private final int window;
  private final int seqSpace;
  private final long timeoutMicros;
  private final boolean[] acked;
  private final Timer[] timers;
  private Context context;
  private long base;
  private long nextSeq;

  /**
   * A sender of {@code messages}, in order, with at most {@code window} packets unacknowledged,
   * sequence numbers modulo {@code seqSpace} and a fixed retransmission timeout.
   *
   * @throws IllegalArgumentException unless {@code 1 <= window <= seqSpace / 2} and {@code
   *     timeoutMicros >= 1}
   */
  public SelectiveRepeatSender(
      List<String> messages, int window, int seqSpace, long timeoutMicros) {
    // TODO: throw IllegalArgumentException unless 1 <= window <= seqSpace / 2 (and timeout >= 1)
    this.messages = List.copyOf(messages);
    this.window = window;
    this.seqSpace = seqSpace;
    this.timeoutMicros = timeoutMicros;
    this.acked = new boolean[this.messages.size()];
    this.timers = new Timer[this.messages.size()];
  }

  @Override
  public void start(Context context) {
    // TODO: keep the context, send the first window of packets, each with its own timer
    throw new UnsupportedOperationException("TODO: start");
  }

  @Override
  public void onPacket(Packet packet) {
    // TODO: map the ACK to an index in flight (modulo seqSpace), mark it, slide, send more
    throw new UnsupportedOperationException("TODO: onPacket");
  }

  /** True once every message has been acknowledged. */
  public boolean isDone() {
    // TODO: true once base has reached messages.size()
    throw new UnsupportedOperationException("TODO: isDone");
  }
}
