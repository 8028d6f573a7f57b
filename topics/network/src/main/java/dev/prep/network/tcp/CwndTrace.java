package dev.prep.network.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TcpSender}'s window did, one {@link Sample} per event, in time order: the data
 * behind the cwnd charts. Windows are in bytes; {@link #segments(long)} converts.
 *
 * @param smss the sender's maximum segment size in bytes
 * @param samples the samples in time order
 */
public record CwndTrace(int smss, List<Sample> samples) {

  /** What happened at a sample. */
  public enum Event {
    /** The initial window was sent. */
    START,
    /** An ACK of new data (the window grew, or recovery ended). */
    ACK,
    /** A duplicate ACK (in fast recovery it inflates cwnd). */
    DUP_ACK,
    /** The third duplicate ACK: the missing segment was resent and cwnd halved. */
    FAST_RETRANSMIT,
    /** The retransmission timer expired: cwnd fell to one segment. */
    TIMEOUT
  }

  /**
   * The sender's state right after handling one event (and sending what it then could).
   *
   * @param timeMicros virtual time
   * @param event what happened
   * @param cwnd congestion window, bytes
   * @param ssthresh slow-start threshold, bytes ({@link Long#MAX_VALUE}-ish before the first loss)
   * @param rwnd the receive window the receiver last advertised, bytes
   * @param sndUna oldest unacknowledged byte (SND.UNA)
   * @param sndNxt next byte to send (SND.NXT)
   * @param phase slow start, congestion avoidance or fast recovery
   */
  public record Sample(
      long timeMicros,
      Event event,
      long cwnd,
      long ssthresh,
      long rwnd,
      long sndUna,
      long sndNxt,
      Reno.Phase phase) {

    /** Bytes sent and not yet acknowledged: SND.NXT - SND.UNA. */
    public long flight() {
      return sndNxt - sndUna;
    }
  }

  /** Copies the list. */
  public CwndTrace {
    Objects.requireNonNull(samples, "samples");
    samples = List.copyOf(samples);
  }

  /** {@code bytes} in segments (rounded down). */
  public double segments(long bytes) {
    return (double) bytes / smss;
  }

  /** The samples of one kind of event. */
  public List<Sample> events(Event event) {
    return samples.stream().filter(s -> s.event() == event).toList();
  }

  /** The samples from {@code fromMicros} (inclusive) to {@code toMicros} (exclusive). */
  public CwndTrace between(long fromMicros, long toMicros) {
    return new CwndTrace(
        smss,
        samples.stream()
            .filter(s -> s.timeMicros() >= fromMicros && s.timeMicros() < toMicros)
            .toList());
  }

  /** The time of the first fast retransmit or timeout, or -1 if there was none. */
  public long firstLossMicros() {
    return samples.stream()
        .filter(s -> s.event() == Event.FAST_RETRANSMIT || s.event() == Event.TIMEOUT)
        .mapToLong(Sample::timeMicros)
        .findFirst()
        .orElse(-1);
  }

  /**
   * cwnd at the end of each round trip, until the first loss. A round ends with the ACK that covers
   * the last byte sent when the previous round ended (the first round: the initial window), so a
   * round is one flight of data and its ACKs, whatever the queueing delay.
   */
  public List<Round> roundsBeforeFirstLoss() {
    List<Round> rounds = new ArrayList<>();
    if (samples.isEmpty()) {
      return rounds;
    }
    Sample start = samples.getFirst();
    rounds.add(new Round(0, start.timeMicros(), start.cwnd(), start.phase()));
    long roundEnd = start.sndNxt();
    for (Sample s : samples.subList(1, samples.size())) {
      if (s.event() == Event.FAST_RETRANSMIT || s.event() == Event.TIMEOUT) {
        break;
      }
      if (s.event() == Event.ACK && s.sndUna() >= roundEnd) {
        rounds.add(new Round(rounds.size(), s.timeMicros(), s.cwnd(), s.phase()));
        roundEnd = s.sndNxt();
      }
    }
    return rounds;
  }

  /**
   * One round trip.
   *
   * @param number 0 for the initial window
   * @param endMicros when its last ACK arrived (when the initial window was sent, for round 0)
   * @param cwnd cwnd after that ACK, bytes
   * @param phase the phase after that ACK
   */
  public record Round(int number, long endMicros, long cwnd, Reno.Phase phase) {}

  /** cwnd averaged over time, in bytes, from the first sample to the last. */
  public double averageCwnd() {
    if (samples.size() < 2) {
      return samples.isEmpty() ? 0 : samples.getFirst().cwnd();
    }
    double area = 0;
    for (int i = 1; i < samples.size(); i++) {
      Sample previous = samples.get(i - 1);
      area += (double) previous.cwnd() * (samples.get(i).timeMicros() - previous.timeMicros());
    }
    long span = samples.getLast().timeMicros() - samples.getFirst().timeMicros();
    return span == 0 ? samples.getLast().cwnd() : area / span;
  }
}
