package dev.prep.network.arq;

import dev.prep.network.sim.Context;
import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sending half of the course's sliding-window engine ({@link ArqConfig}). Packets are numbered
 * by their index in {@code messages}; {@code base} is the oldest unacknowledged, {@code next} the
 * next never sent. Invariant: {@code next - base <= sendWindow}.
 */
public final class ArqSender implements Endpoint {

  private final ArqConfig config;
  private final List<String> messages;
  private final int packetBytes;
  private final boolean[] acked;
  private final Map<Long, Timer> timers = new HashMap<>();
  private Context context;
  private long base;
  private long next;
  private long transmissions;
  private long retransmissions;
  private long timeouts;

  /**
   * Sends {@code messages} in order, each as a DATA packet of {@code packetBytes} payload bytes.
   */
  public ArqSender(ArqConfig config, List<String> messages, int packetBytes) {
    this.config = config;
    this.messages = List.copyOf(messages);
    this.packetBytes = packetBytes;
    this.acked = new boolean[this.messages.size()];
  }

  @Override
  public void start(Context c) {
    context = c;
    fillWindow();
  }

  @Override
  public void onPacket(Packet packet) {
    if (!packet.isAck()) {
      return;
    }
    long outstanding = next - base;
    if (config.selectiveAcks()) {
      long ahead = config.distance(base, packet.ack());
      if (ahead >= 0 && ahead < outstanding && !acked[(int) (base + ahead)]) {
        acked[(int) (base + ahead)] = true;
        timers.remove(base + ahead).cancel();
        while (base < next && acked[(int) base]) {
          base++;
        }
      }
    } else {
      long ahead = config.distance(base, packet.ack());
      if (ahead > 0 && ahead <= outstanding) {
        base += ahead; // cumulative: everything below the ACK number has arrived
        restartOldestTimer();
      }
    }
    fillWindow();
  }

  /** True once every message is acknowledged. */
  public boolean isDone() {
    return base == messages.size();
  }

  /** DATA packets sent, first copies and retransmissions. */
  public long transmissions() {
    return transmissions;
  }

  /** DATA packets sent again. */
  public long retransmissions() {
    return retransmissions;
  }

  /** Retransmission timeouts that fired. */
  public long timeouts() {
    return timeouts;
  }

  private void fillWindow() {
    while (next < messages.size() && next - base < config.sendWindow()) {
      transmit(next, false);
      next++;
      if (config.selectiveAcks() || next - base == 1) {
        armTimer(next - 1);
      }
    }
  }

  private void transmit(long index, boolean again) {
    transmissions++;
    if (again) {
      retransmissions++;
    }
    context.send(Packet.data(config.wireSeq(index), packetBytes, messages.get((int) index)));
  }

  private void armTimer(long index) {
    long key = config.selectiveAcks() ? index : -1;
    Timer old = timers.remove(key);
    if (old != null) {
      old.cancel();
    }
    timers.put(
        key, context.schedule(config.timeoutMicros(), "RTO " + index, () -> onTimeout(index)));
  }

  private void restartOldestTimer() {
    Timer old = timers.remove(-1L);
    if (old != null) {
      old.cancel();
    }
    if (base < next) {
      armTimer(base);
    }
  }

  private void onTimeout(long index) {
    timeouts++;
    if (config.selectiveAcks()) {
      timers.remove(index);
      transmit(index, true);
      armTimer(index);
    } else {
      timers.remove(-1L);
      for (long i = base; i < next; i++) {
        transmit(i, true); // go back: everything not yet acknowledged
      }
      armTimer(base);
    }
  }
}
