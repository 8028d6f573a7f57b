package dev.prep.network.tcp;

/**
 * The retransmission timeout (超时重传时间, RTO) of RFC 6298 §2, in microseconds.
 *
 * <p>Before any measurement the RTO is {@code initialRtoMicros} (RFC 6298 §2.1: 1 second). The
 * first round-trip sample R sets {@code SRTT = R}, {@code RTTVAR = R/2}; each later sample R' sets
 * {@code RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R'|}, then {@code SRTT = 7/8 SRTT + 1/8 R'} (alpha 1/8,
 * beta 1/4). After each sample {@code RTO = SRTT + max(G, 4 * RTTVAR)}, at least {@code
 * minRtoMicros} (the RFC says 1 second; Linux uses 200 ms, TCP_RTO_MIN in include/net/tcp.h) and at
 * most {@code maxRtoMicros}. When the timer expires the RTO doubles (§5.5, exponential backoff)
 * until a new sample is taken. Samples must never come from retransmitted segments (Karn's
 * algorithm, §3): that is the caller's job.
 */
public final class RtoEstimator {

  private final long granularityMicros;
  private final long minRtoMicros;
  private final long maxRtoMicros;
  private long srttMicros = -1;
  private long rttvarMicros = -1;
  private long rtoMicros;

  /**
   * @param initialRtoMicros the RTO before the first sample (RFC 6298: 1 s)
   * @param minRtoMicros the floor of every computed RTO
   * @param maxRtoMicros the ceiling, also for backoff (RFC 6298 allows at least 60 s)
   * @param granularityMicros G, the clock granularity
   */
  public RtoEstimator(
      long initialRtoMicros, long minRtoMicros, long maxRtoMicros, long granularityMicros) {
    if (minRtoMicros <= 0 || maxRtoMicros < minRtoMicros || granularityMicros <= 0) {
      throw new IllegalArgumentException(
          "need 0 < minRto <= maxRto and G > 0, got min %d, max %d, G %d"
              .formatted(minRtoMicros, maxRtoMicros, granularityMicros));
    }
    this.granularityMicros = granularityMicros;
    this.minRtoMicros = minRtoMicros;
    this.maxRtoMicros = maxRtoMicros;
    this.rtoMicros = clamp(initialRtoMicros);
  }

  /** RFC 6298's values: initial RTO 1 s, minimum 1 s, maximum 60 s, G = 1 ms. */
  public static RtoEstimator rfc6298() {
    return new RtoEstimator(1_000_000, 1_000_000, 60_000_000, 1_000);
  }

  /** Takes one round-trip sample (from a segment that was sent once) and recomputes the RTO. */
  public void sample(long rttMicros) {
    if (rttMicros < 0) {
      throw new IllegalArgumentException("an RTT cannot be negative, got " + rttMicros);
    }
    if (srttMicros < 0) {
      srttMicros = rttMicros;
      rttvarMicros = rttMicros / 2;
    } else {
      rttvarMicros = (3 * rttvarMicros + Math.abs(srttMicros - rttMicros)) / 4;
      srttMicros = (7 * srttMicros + rttMicros) / 8;
    }
    rtoMicros = clamp(srttMicros + Math.max(granularityMicros, 4 * rttvarMicros));
  }

  /** The timer expired: double the RTO (RFC 6298 §5.5), up to the maximum. */
  public void backOff() {
    rtoMicros = clamp(2 * rtoMicros);
  }

  /** The current RTO in microseconds. */
  public long rtoMicros() {
    return rtoMicros;
  }

  /** The smoothed RTT, or -1 before the first sample. */
  public long srttMicros() {
    return srttMicros;
  }

  /** The RTT variation, or -1 before the first sample. */
  public long rttvarMicros() {
    return rttvarMicros;
  }

  private long clamp(long micros) {
    return Math.min(maxRtoMicros, Math.max(minRtoMicros, micros));
  }
}
