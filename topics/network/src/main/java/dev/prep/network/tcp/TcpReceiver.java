package dev.prep.network.tcp;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TCP receiver on the simulator: it acknowledges every data segment at once with a cumulative ACK
 * (the next byte it expects, RCV.NXT), holds segments that arrive out of order inside its window
 * and acknowledges them with a duplicate ACK (RFC 5681 §4.2: immediately, which is what lets the
 * sender detect the hole), and advertises a receive window (RCV.WND, flow control).
 *
 * <p>Simplifications, chosen so congestion control is what the traces show: no delayed ACKs (one
 * ACK per segment, so slow start doubles exactly), and the application reads every byte the moment
 * it is in order, so the advertised window is always the whole buffer.
 */
public final class TcpReceiver implements Endpoint {

  private final long windowBytes;
  private final TreeMap<Long, Integer> outOfOrder = new TreeMap<>();
  private Context context;
  private long rcvNxt;
  private long duplicateSegments;
  private long acksSent;

  /** A receiver that advertises {@code windowBytes} (its buffer). */
  public TcpReceiver(long windowBytes) {
    if (windowBytes < 1) {
      throw new IllegalArgumentException(
          "the receive window must be >= 1 byte, got " + windowBytes);
    }
    this.windowBytes = windowBytes;
  }

  @Override
  public void start(Context ctx) {
    this.context = ctx;
  }

  @Override
  public void onPacket(Packet packet) {
    if (!packet.isData()) {
      return;
    }
    long seq = packet.seq();
    long end = seq + packet.length();
    if (end <= rcvNxt || outOfOrder.containsKey(seq)) {
      duplicateSegments++; // already have it: the ACK below tells the sender again
    } else if (seq <= rcvNxt) {
      rcvNxt = end;
      drainInOrder();
    } else if (end <= rcvNxt + windowBytes) {
      outOfOrder.put(seq, packet.length());
    }
    context.send(Packet.ack(rcvNxt, windowBytes));
    acksSent++;
  }

  private void drainInOrder() {
    for (Map.Entry<Long, Integer> first = outOfOrder.firstEntry();
        first != null && first.getKey() <= rcvNxt;
        first = outOfOrder.firstEntry()) {
      rcvNxt = Math.max(rcvNxt, first.getKey() + first.getValue());
      outOfOrder.pollFirstEntry();
    }
  }

  /** RCV.NXT: bytes delivered in order to the application. */
  public long bytesDelivered() {
    return rcvNxt;
  }

  /** Segments that arrived although every byte of them had arrived before. */
  public long duplicateSegments() {
    return duplicateSegments;
  }

  /** ACKs sent (one per data segment). */
  public long acksSent() {
    return acksSent;
  }

  /** Segments held now because an earlier byte is missing. */
  public int outOfOrderSegments() {
    return outOfOrder.size();
  }
}
