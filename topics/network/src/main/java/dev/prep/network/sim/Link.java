package dev.prep.network.sim;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A one-way link made by {@link Simulator#connect} from a {@link LinkSpec}: a drop-tail queue, a
 * transmitter at the spec's bandwidth, a propagation delay, and seeded loss, reordering and
 * duplication. It counts what happened to the packets offered to it.
 */
public final class Link {

  private final Simulator simulator;
  private final LinkSpec spec;
  private final Endpoint destination;
  private final SplittableRandom random;
  private final ArrayDeque<Long> departures = new ArrayDeque<>();
  private long busyUntilMicros;
  private long offered;
  private long lost;
  private long queueDrops;
  private long duplicated;
  private long delivered;
  private int maxQueued;

  Link(Simulator simulator, LinkSpec spec, Endpoint destination) {
    this.simulator = simulator;
    this.spec = spec;
    this.destination = destination;
    this.random = new SplittableRandom(spec.seed());
  }

  /** Takes a packet from the sending endpoint (already stamped with its id). */
  void offer(Packet packet) {
    long now = simulator.nowMicros();
    long index = offered++;
    Trace trace = simulator.trace();
    trace.record(new TraceEvent(now, TraceEvent.Type.SEND, spec.name(), packet, ""));
    double lossDraw = random.nextDouble();
    double reorderDraw = random.nextDouble();
    double extraDraw = random.nextDouble();
    double duplicateDraw = random.nextDouble();
    int queued = queuedPackets();
    if (queued >= spec.queuePackets()) {
      queueDrops++;
      trace.record(
          new TraceEvent(
              now, TraceEvent.Type.DROP_QUEUE, spec.name(), packet, "queue full: " + queued));
      return;
    }
    long start = Math.max(now, busyUntilMicros);
    long finish = start + spec.transmitMicros(packet.wireBytes());
    busyUntilMicros = finish;
    if (finish > now) {
      departures.addLast(finish);
    }
    maxQueued = Math.max(maxQueued, queuedPackets());
    if (spec.dropsIndex(index) || lossDraw < spec.lossProbability()) {
      lost++;
      trace.record(new TraceEvent(now, TraceEvent.Type.DROP_LOSS, spec.name(), packet, "lost"));
      return;
    }
    long extra = 0;
    if (reorderDraw < spec.reorderProbability() && spec.reorderMaxExtraMicros() > 0) {
      extra = 1 + (long) (extraDraw * spec.reorderMaxExtraMicros());
    }
    long arrival = finish + spec.delayMicros() + extra;
    simulator.scheduleAt(arrival, () -> deliver(packet));
    if (duplicateDraw < spec.duplicateProbability()) {
      duplicated++;
      trace.record(new TraceEvent(now, TraceEvent.Type.DUPLICATE, spec.name(), packet, ""));
      simulator.scheduleAt(arrival, () -> deliver(packet));
    }
  }

  private void deliver(Packet packet) {
    delivered++;
    simulator
        .trace()
        .record(
            new TraceEvent(
                simulator.nowMicros(), TraceEvent.Type.DELIVER, spec.name(), packet, ""));
    destination.onPacket(packet);
  }

  /** The spec this link was built from. */
  public LinkSpec spec() {
    return spec;
  }

  /** Packets waiting or being serialized now (0 on an infinite-bandwidth link). */
  public int queuedPackets() {
    long now = simulator.nowMicros();
    while (!departures.isEmpty() && departures.peekFirst() <= now) {
      departures.removeFirst();
    }
    return departures.size();
  }

  /** The most packets ever waiting or being serialized at once. */
  public int maxQueuedPackets() {
    return maxQueued;
  }

  /** Packets offered by the sending endpoint. */
  public long offeredCount() {
    return offered;
  }

  /** Packets lost (random or scripted loss). */
  public long lostCount() {
    return lost;
  }

  /** Packets dropped because the queue was full. */
  public long queueDropCount() {
    return queueDrops;
  }

  /** Extra copies made. */
  public long duplicatedCount() {
    return duplicated;
  }

  /** Deliveries to the far end so far (a duplicated packet counts twice). */
  public long deliveredCount() {
    return delivered;
  }
}
