package dev.prep.network.sim;

import java.util.Locale;

/**
 * One thing that happened, at one virtual time.
 *
 * @param timeMicros when, in microseconds of virtual time
 * @param type what happened
 * @param where the link's name (SEND, DROP_*, DELIVER, DUPLICATE) or the endpoint's (TIMER, NOTE)
 * @param packet the packet concerned, or null for TIMER and NOTE
 * @param detail the timer's label, the note, or ""
 */
public record TraceEvent(long timeMicros, Type type, String where, Packet packet, String detail) {

  /** The kinds of event. */
  public enum Type {
    /** An endpoint handed a packet to its outgoing link. */
    SEND,
    /** The link lost the packet (random loss or a scripted drop). */
    DROP_LOSS,
    /** The link's queue was full: drop-tail. */
    DROP_QUEUE,
    /** The link made an extra copy of the packet (the copy is delivered too). */
    DUPLICATE,
    /** The packet reached the far end (a duplicate is delivered twice). */
    DELIVER,
    /** An endpoint's timer fired. */
    TIMER,
    /** A line an endpoint or harness wrote with {@link Trace#note}. */
    NOTE
  }

  /** Milliseconds with three decimals: {@code 12.400}. */
  public static String millis(long micros) {
    return String.format(Locale.ROOT, "%d.%03d", micros / 1000, Math.abs(micros % 1000));
  }

  /** One line: {@code 12.400 ms data SEND DATA seq=3}. */
  public String format() {
    String what = packet == null ? detail : packet.brief() + (detail.isEmpty() ? "" : " " + detail);
    return String.format(
        Locale.ROOT, "%9s ms  %-6s %-10s %s", millis(timeMicros), where, type, what);
  }

  @Override
  public String toString() {
    return format();
  }
}
