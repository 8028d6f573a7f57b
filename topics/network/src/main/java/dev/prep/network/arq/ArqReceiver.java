package dev.prep.network.arq;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The receiving half of the course's sliding-window engine ({@link ArqConfig}): accepts packets
 * from the next expected one up to the receive window, keeps those ahead of a gap, hands messages
 * to the application in order, and acknowledges every DATA packet it gets (a duplicate too: its
 * earlier ACK may have been lost).
 */
public final class ArqReceiver implements Endpoint {

  private final ArqConfig config;
  private final Consumer<String> application;
  private final Map<Long, String> buffered = new HashMap<>();
  private Context context;
  private long expected;

  /** Delivers each message once, in order, to {@code application}. */
  public ArqReceiver(ArqConfig config, Consumer<String> application) {
    this.config = config;
    this.application = application;
  }

  @Override
  public void start(Context c) {
    context = c;
  }

  @Override
  public void onPacket(Packet packet) {
    if (!packet.isData()) {
      return;
    }
    long ahead = config.distance(expected, packet.seq());
    boolean inWindow = ahead >= 0 && ahead < config.receiveWindow();
    if (inWindow) {
      buffered.putIfAbsent(expected + ahead, packet.payload());
      while (buffered.containsKey(expected)) {
        application.accept(buffered.remove(expected));
        expected++;
      }
    }
    if (!config.selectiveAcks()) {
      // cumulative: in order, out of order or duplicate, say what is still missing
      context.send(Packet.ack(config.wireSeq(expected)));
      return;
    }
    boolean below =
        config.seqSpace() == 0 ? ahead < 0 : ahead >= config.seqSpace() - config.sendWindow();
    if (inWindow || below) {
      context.send(Packet.ack(packet.seq())); // re-ACK below the window: the first ACK was lost
    }
  }

  /** The sequence index of the next message the application needs. */
  public long expected() {
    return expected;
  }
}
