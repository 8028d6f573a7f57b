package dev.prep.network;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import java.util.function.Consumer;

/**
 * The receiving half of Selective Repeat (选择重传): a receive window of {@code window} packets,
 * buffering what arrives after a gap, acknowledging every packet on its own, delivering in order,
 * with sequence numbers that wrap around modulo {@code seqSpace}.
 *
 * <p><b>Numbering.</b> Message {@code i} travels with {@code seq = i mod seqSpace}. The receiver
 * tracks {@code rcvBase}, the index of the next message the application needs; its window is the
 * indices {@code [rcvBase, rcvBase + window)}. For a DATA packet with sequence number {@code s},
 * let {@code d = floorMod(s - rcvBase, seqSpace)}: how far ahead of {@code rcvBase} the packet is.
 *
 * <p><b>Contract.</b> On every DATA packet:
 *
 * <ul>
 *   <li>{@code d < window} (inside the window): keep the payload for index {@code rcvBase + d} if
 *       not kept already, send {@code Packet.ack(s)}, then while the message at {@code rcvBase} is
 *       kept, pass it to the application and advance {@code rcvBase};
 *   <li>{@code d >= seqSpace - window} (the window just below {@code rcvBase}: already delivered,
 *       its ACK was probably lost): send {@code Packet.ack(s)} again and deliver nothing;
 *   <li>anything else: ignore it (no ACK).
 * </ul>
 *
 * ACK packets are ignored. The ACK's {@code ack} field is the acknowledged packet's own sequence
 * number {@code s} (not a cumulative "next expected" number).
 *
 * <p><b>The window rule.</b> With {@code window <= seqSpace / 2} the window and the window just
 * below it never overlap, so a retransmitted old packet is never taken for a new one. The
 * constructor rejects larger windows. The rule assumes the link never reorders packets (a late
 * copy from long ago could still alias); TCP bounds a segment's lifetime instead (MSL, RFC 9293
 * section 3.4.2; PAWS, RFC 7323 section 5).
 *
 * <p>Source: Kurose and Ross, Computer Networking, section 3.4.4.
 */
public final class SelectiveRepeatReceiver implements Endpoint {

  private final int window;
  private final int seqSpace;
  private final Consumer<String> application;
  private final String[] kept;
  private Context context;
  private long rcvBase;

  /**
   * A receiver with a window of {@code window} packets and sequence numbers modulo {@code
   * seqSpace}, handing each message once and in order to {@code application}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= window <= seqSpace / 2}
   */
  public SelectiveRepeatReceiver(int window, int seqSpace, Consumer<String> application) {
    // TODO: throw IllegalArgumentException unless 1 <= window <= seqSpace / 2
    this.window = window;
    this.seqSpace = seqSpace;
    this.application = application;
    this.kept = new String[seqSpace];
  }

  @Override
  public void start(Context context) {
    this.context = context;
  }

  @Override
  public void onPacket(Packet packet) {
    // TODO: buffer and ACK inside the window, re-ACK just below it, deliver in order
    throw new UnsupportedOperationException("TODO: onPacket");
  }
}
