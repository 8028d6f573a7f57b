package dev.prep.network.sim;

/** The simulation ran more events than its bound: a protocol that never stops (a timer loop?). */
public final class EventLimitException extends IllegalStateException {

  @java.io.Serial private static final long serialVersionUID = 1L;

  EventLimitException(String message) {
    super(message);
  }
}
