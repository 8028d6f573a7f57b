package dev.prep.network.tcp;

import dev.prep.network.sim.Connection;
import dev.prep.network.sim.LinkSpec;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Simulator;

/**
 * One TCP connection on the simulator: a {@link TcpSender} and a {@link TcpReceiver} joined by a
 * bottleneck data link (bandwidth, propagation delay, a drop-tail queue, optional random loss) and
 * an ACK link with the same delay and nothing else (the return path is never congested).
 */
public final class TcpTransfer {

  private TcpTransfer() {}

  /**
   * The path and the endpoints' settings.
   *
   * @param bytesPerSecond bottleneck bandwidth (bytes on the wire, headers included)
   * @param oneWayDelayMicros propagation delay each way (RTT without queueing = twice this)
   * @param queuePackets the bottleneck's drop-tail queue, packets (waiting or being sent)
   * @param lossProbability random loss on the data link, besides queue overflow
   * @param seed the data link's random seed
   * @param smss segment size, bytes
   * @param initialWindow IW, bytes
   * @param receiveWindow what the receiver advertises, bytes
   * @param minRtoMicros the RTO's floor (RFC 6298: 1 s; Linux: 200 ms)
   */
  public record Setup(
      long bytesPerSecond,
      long oneWayDelayMicros,
      int queuePackets,
      double lossProbability,
      long seed,
      int smss,
      long initialWindow,
      long receiveWindow,
      long minRtoMicros) {

    /**
     * 10 Mbit/s, 20 ms each way, a 20-packet queue, no random loss, seed 1, MSS 1460, IW per RFC
     * 6928 (10 segments), a 1 MiB receive window, Linux's 200 ms minimum RTO.
     */
    public static Setup defaults() {
      return new Setup(
          1_250_000, 20_000, 20, 0, 1, 1460, InitialWindow.RFC_6928.bytes(1460), 1 << 20, 200_000);
    }

    /** With another bottleneck queue. */
    public Setup withQueuePackets(int packets) {
      return new Setup(
          bytesPerSecond,
          oneWayDelayMicros,
          packets,
          lossProbability,
          seed,
          smss,
          initialWindow,
          receiveWindow,
          minRtoMicros);
    }

    /** With random loss on the data link and its seed. */
    public Setup withLoss(double probability, long newSeed) {
      return new Setup(
          bytesPerSecond,
          oneWayDelayMicros,
          queuePackets,
          probability,
          newSeed,
          smss,
          initialWindow,
          receiveWindow,
          minRtoMicros);
    }

    /** With another receive window (flow control). */
    public Setup withReceiveWindow(long bytes) {
      return new Setup(
          bytesPerSecond,
          oneWayDelayMicros,
          queuePackets,
          lossProbability,
          seed,
          smss,
          initialWindow,
          bytes,
          minRtoMicros);
    }

    /** With another initial window. */
    public Setup withInitialWindow(long bytes) {
      return new Setup(
          bytesPerSecond,
          oneWayDelayMicros,
          queuePackets,
          lossProbability,
          seed,
          smss,
          bytes,
          receiveWindow,
          minRtoMicros);
    }

    /** Round-trip propagation delay, microseconds. */
    public long rttMicros() {
      return 2 * oneWayDelayMicros;
    }

    /** Bandwidth-delay product in full-size packets (wire bytes, headers included). */
    public double bdpPackets() {
      return (double) bytesPerSecond * rttMicros() / 1e6 / (smss + Packet.HEADER_BYTES);
    }
  }

  /**
   * What happened.
   *
   * @param setup the setup that ran
   * @param trace the sender's window history
   * @param elapsedMicros virtual time the run took
   * @param bytesDelivered bytes the receiver got in order
   * @param segmentsSent data segments sent (first copies and retransmissions)
   * @param retransmissions segments sent again
   * @param fastRetransmits fast retransmits
   * @param timeouts retransmission timeouts
   * @param queueDrops packets the bottleneck queue dropped (congestion)
   * @param randomLosses packets the link lost at random
   * @param maxQueuedPackets the fullest the bottleneck queue got
   * @param srttMicros the sender's smoothed RTT at the end
   * @param rtoMicros the sender's RTO at the end
   */
  public record Result(
      Setup setup,
      CwndTrace trace,
      long elapsedMicros,
      long bytesDelivered,
      long segmentsSent,
      long retransmissions,
      int fastRetransmits,
      int timeouts,
      long queueDrops,
      long randomLosses,
      int maxQueuedPackets,
      long srttMicros,
      long rtoMicros) {

    /** Application bytes delivered per second of virtual time. */
    public double goodputBytesPerSecond() {
      return elapsedMicros == 0 ? 0 : bytesDelivered * 1e6 / elapsedMicros;
    }

    /**
     * Goodput as a fraction of what the bottleneck can carry in payload (its bandwidth times SMSS /
     * (SMSS + 40 header bytes)).
     */
    public double utilisation() {
      double payloadRate =
          setup.bytesPerSecond() * (double) setup.smss() / (setup.smss() + Packet.HEADER_BYTES);
      return goodputBytesPerSecond() / payloadRate;
    }
  }

  /** Sends data without end for {@code durationMicros} of virtual time. */
  public static Result runFor(Setup setup, long durationMicros) {
    return run(setup, Long.MAX_VALUE, durationMicros);
  }

  /**
   * Sends {@code bytes} and stops when all are acknowledged or at {@code deadlineMicros}, whichever
   * comes first.
   */
  public static Result run(Setup setup, long bytes, long deadlineMicros) {
    var simulator = new Simulator();
    simulator.trace().setRecording(false);
    var rto = new RtoEstimator(1_000_000, setup.minRtoMicros(), 60_000_000, 1_000);
    var sender =
        new TcpSender(bytes, setup.smss(), setup.initialWindow(), setup.receiveWindow(), rto);
    var receiver = new TcpReceiver(setup.receiveWindow());
    LinkSpec data =
        LinkSpec.ideal("data")
            .withDelayMicros(setup.oneWayDelayMicros())
            .withBytesPerSecond(setup.bytesPerSecond())
            .withQueuePackets(setup.queuePackets())
            .withLoss(setup.lossProbability())
            .withSeed(setup.seed());
    LinkSpec acks = LinkSpec.ideal("ack").withDelayMicros(setup.oneWayDelayMicros());
    Connection connection = simulator.connect("sender", sender, "receiver", receiver, data, acks);
    simulator.runUntil(sender::isDone, deadlineMicros);
    long elapsed = sender.isDone() ? simulator.nowMicros() : deadlineMicros;
    return new Result(
        setup,
        sender.trace(),
        elapsed,
        receiver.bytesDelivered(),
        sender.segmentsSent(),
        sender.retransmissions(),
        sender.fastRetransmits(),
        sender.timeouts(),
        connection.forward().queueDropCount(),
        connection.forward().lostCount(),
        connection.forward().maxQueuedPackets(),
        sender.rto().srttMicros(),
        sender.rto().rtoMicros());
  }
}
