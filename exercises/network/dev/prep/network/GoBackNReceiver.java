package dev.prep.network;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import java.util.function.Consumer;

/**
 * The receiving half of Go-Back-N (回退N帧): a receive window of one packet. It keeps nothing that
 * arrives out of order, hands messages to the application in order, and answers every DATA
 * packet with a cumulative ACK.
 *
 * <p><b>Contract.</b> The receiver expects index {@code expected} (0 at first; a DATA packet's
 * {@code seq} is its message's index, its {@code payload} the message). On every DATA packet:
 *
 * <ul>
 *   <li>if {@code seq == expected}: pass {@code packet.payload()} to the application, then {@code
 *       expected++};
 *   <li>otherwise (a gap before it, or a copy of something already delivered): drop it;
 *   <li>in every case send {@code Packet.ack(expected)}: the next index it needs, which
 *       acknowledges everything below it (TCP's cumulative ACK, RFC 9293 section 3.4). Answering
 *       a duplicate matters: the ACK it got the first time may have been lost.
 * </ul>
 *
 * ACK packets (there are none on this side) are ignored.
 */
public final class GoBackNReceiver implements Endpoint {

  private final Consumer<String> application;
  private Context context;
  private long expected;

  /** A receiver that hands each message, once and in order, to {@code application}. */
  public GoBackNReceiver(Consumer<String> application) {
    this.application = application;
  }

  @Override
  public void start(Context context) {
    this.context = context;
  }

  @Override
  public void onPacket(Packet packet) {
    // TODO: deliver only seq == expected, then always ACK the next expected index
    throw new UnsupportedOperationException("TODO: onPacket");
  }
}
