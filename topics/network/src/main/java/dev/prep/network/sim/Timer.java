package dev.prep.network.sim;

/** A scheduled action that has not run yet; cancel it to stop it running. */
public final class Timer {

  private final long dueMicros;
  private boolean cancelled;
  private boolean fired;

  Timer(long dueMicros) {
    this.dueMicros = dueMicros;
  }

  /** Stops the action running; harmless if it already ran or was cancelled. */
  public void cancel() {
    cancelled = true;
  }

  /** True until the action runs or is cancelled. */
  public boolean isPending() {
    return !cancelled && !fired;
  }

  /** The virtual time the action is (or was) due, in microseconds. */
  public long dueMicros() {
    return dueMicros;
  }

  /** Marks it run; false if it was cancelled (then the action must not run). */
  boolean fire() {
    if (cancelled) {
      return false;
    }
    fired = true;
    return true;
  }
}
