package dev.prep.network.sim;

/** What an {@link Endpoint} can do: read the virtual clock, send, and set timers. */
public interface Context {

  /** This endpoint's name, as given to {@link Simulator#connect} (used in traces). */
  String name();

  /** The virtual time now, in microseconds since the simulation began. */
  long nowMicros();

  /**
   * Sends {@code packet} on this endpoint's outgoing link; returns it stamped with its id. The link
   * may queue, delay, drop, reorder or duplicate it: every fate is in the {@link Trace}.
   */
  Packet send(Packet packet);

  /**
   * Runs {@code action} after {@code delayMicros} (at least 0) of virtual time, unless the returned
   * timer is cancelled first; the trace records a TIMER event named {@code label} when it fires.
   */
  Timer schedule(long delayMicros, String label, Runnable action);

  /** Same as {@link #schedule(long, String, Runnable)} with the label "timer". */
  default Timer schedule(long delayMicros, Runnable action) {
    return schedule(delayMicros, "timer", action);
  }

  /** The simulation's trace (for endpoints that want to record a NOTE). */
  Trace trace();
}
