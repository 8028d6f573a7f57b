package dev.prep.network.sim;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a one-way link behaves; immutable, built with the {@code with...} methods from {@link
 * #ideal}. A packet offered to the link waits in a drop-tail queue, is serialized at the bandwidth,
 * then travels for the propagation delay. Impairments are drawn from one SplittableRandom per link
 * seeded with {@code seed}: the same spec and the same packets give the same run. Four numbers are
 * drawn for every packet whatever the probabilities, so changing one impairment does not reshuffle
 * the others.
 *
 * @param name shown in traces (e.g. "data", "ack")
 * @param delayMicros one-way propagation delay
 * @param bytesPerSecond bandwidth; 0 means infinite (no serialization time, no queueing)
 * @param queuePackets drop-tail capacity: packets waiting or being serialized
 * @param lossProbability chance each packet is lost
 * @param dropIndices packets to lose for sure, by 0-based index of the offered packets on this link
 * @param reorderProbability chance a packet gets an extra delay (so later packets overtake it)
 * @param reorderMaxExtraMicros the extra delay is uniform in [1, this]
 * @param duplicateProbability chance the far end receives a second copy
 * @param seed seeds the link's random numbers
 */
public record LinkSpec(
    String name,
    long delayMicros,
    long bytesPerSecond,
    int queuePackets,
    double lossProbability,
    long[] dropIndices,
    double reorderProbability,
    long reorderMaxExtraMicros,
    double duplicateProbability,
    long seed) {

  /** Checks the fields and copies {@code dropIndices}. */
  public LinkSpec {
    Objects.requireNonNull(name, "name");
    if (delayMicros < 0 || bytesPerSecond < 0 || queuePackets < 1 || reorderMaxExtraMicros < 0) {
      throw new IllegalArgumentException(
          "need delay >= 0, bandwidth >= 0, queue >= 1 packet, reorder delay >= 0");
    }
    checkProbability("loss", lossProbability);
    checkProbability("reorder", reorderProbability);
    checkProbability("duplicate", duplicateProbability);
    dropIndices = dropIndices.clone();
    Arrays.sort(dropIndices);
  }

  private static void checkProbability(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + p);
    }
  }

  /** A perfect link: no delay, infinite bandwidth, no loss; named {@code name}, seed 0. */
  public static LinkSpec ideal(String name) {
    return new LinkSpec(name, 0, 0, Integer.MAX_VALUE, 0, new long[0], 0, 0, 0, 0);
  }

  /** With a propagation delay. */
  public LinkSpec withDelayMicros(long micros) {
    return new LinkSpec(
        name,
        micros,
        bytesPerSecond,
        queuePackets,
        lossProbability,
        dropIndices,
        reorderProbability,
        reorderMaxExtraMicros,
        duplicateProbability,
        seed);
  }

  /** With a bandwidth in bytes per second (0: infinite). */
  public LinkSpec withBytesPerSecond(long bps) {
    return new LinkSpec(
        name,
        delayMicros,
        bps,
        queuePackets,
        lossProbability,
        dropIndices,
        reorderProbability,
        reorderMaxExtraMicros,
        duplicateProbability,
        seed);
  }

  /** With a drop-tail queue of this many packets (waiting plus being serialized). */
  public LinkSpec withQueuePackets(int packets) {
    return new LinkSpec(
        name,
        delayMicros,
        bytesPerSecond,
        packets,
        lossProbability,
        dropIndices,
        reorderProbability,
        reorderMaxExtraMicros,
        duplicateProbability,
        seed);
  }

  /** With a random loss probability. */
  public LinkSpec withLoss(double probability) {
    return new LinkSpec(
        name,
        delayMicros,
        bytesPerSecond,
        queuePackets,
        probability,
        dropIndices,
        reorderProbability,
        reorderMaxExtraMicros,
        duplicateProbability,
        seed);
  }

  /** Losing exactly these offered packets (0-based indices on this link), besides random loss. */
  public LinkSpec withDrops(long... indices) {
    return new LinkSpec(
        name,
        delayMicros,
        bytesPerSecond,
        queuePackets,
        lossProbability,
        indices,
        reorderProbability,
        reorderMaxExtraMicros,
        duplicateProbability,
        seed);
  }

  /** With reordering: probability and the largest extra delay. */
  public LinkSpec withReorder(double probability, long maxExtraMicros) {
    return new LinkSpec(
        name,
        delayMicros,
        bytesPerSecond,
        queuePackets,
        lossProbability,
        dropIndices,
        probability,
        maxExtraMicros,
        duplicateProbability,
        seed);
  }

  /** With a duplication probability. */
  public LinkSpec withDuplicate(double probability) {
    return new LinkSpec(
        name,
        delayMicros,
        bytesPerSecond,
        queuePackets,
        lossProbability,
        dropIndices,
        reorderProbability,
        reorderMaxExtraMicros,
        probability,
        seed);
  }

  /** With another seed. */
  public LinkSpec withSeed(long newSeed) {
    return new LinkSpec(
        name,
        delayMicros,
        bytesPerSecond,
        queuePackets,
        lossProbability,
        dropIndices,
        reorderProbability,
        reorderMaxExtraMicros,
        duplicateProbability,
        newSeed);
  }

  /** Serialization time of {@code wireBytes} at this bandwidth, rounded up; 0 if infinite. */
  public long transmitMicros(int wireBytes) {
    return bytesPerSecond == 0 ? 0 : Math.ceilDiv(wireBytes * 1_000_000L, bytesPerSecond);
  }

  /** True if the offered packet with this 0-based index is scripted to be lost. */
  public boolean dropsIndex(long index) {
    return Arrays.binarySearch(dropIndices, index) >= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkSpec s
        && name.equals(s.name)
        && delayMicros == s.delayMicros
        && bytesPerSecond == s.bytesPerSecond
        && queuePackets == s.queuePackets
        && Double.compare(lossProbability, s.lossProbability) == 0
        && Arrays.equals(dropIndices, s.dropIndices)
        && Double.compare(reorderProbability, s.reorderProbability) == 0
        && reorderMaxExtraMicros == s.reorderMaxExtraMicros
        && Double.compare(duplicateProbability, s.duplicateProbability) == 0
        && seed == s.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, delayMicros, bytesPerSecond, seed, Arrays.hashCode(dropIndices));
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: delay %s ms, %s, queue %s, loss %.3f, drops %s, reorder %.3f (<= %s ms), dup %.3f,"
            + " seed %d",
        name,
        TraceEvent.millis(delayMicros),
        bytesPerSecond == 0 ? "infinite bandwidth" : bytesPerSecond + " B/s",
        queuePackets == Integer.MAX_VALUE ? "unbounded" : queuePackets + " packets",
        lossProbability,
        Arrays.toString(dropIndices),
        reorderProbability,
        TraceEvent.millis(reorderMaxExtraMicros),
        duplicateProbability,
        seed);
  }
}
