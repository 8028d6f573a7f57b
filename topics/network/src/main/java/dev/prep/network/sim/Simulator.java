package dev.prep.network.sim;

import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event simulator: a virtual clock in microseconds and a queue of actions ordered by
 * (time, order of scheduling), so two actions due at the same time run in the order they were
 * scheduled and every run with the same inputs is the same run. Single-threaded; nothing here reads
 * the real clock.
 *
 * <p>Typical use: {@link #connect} a sender and a receiver with two {@link LinkSpec}s, then {@link
 * #runUntilIdle} (or {@link #runUntil}) and read the {@link #trace}. Every run is bounded by a
 * maximum number of events, so a protocol that re-arms a timer forever ends with an {@link
 * EventLimitException} instead of hanging.
 */
public final class Simulator {

  /** The default bound on events per simulator. */
  public static final long DEFAULT_MAX_EVENTS = 2_000_000;

  private record Event(long timeMicros, long order, Timer timer, Runnable action)
      implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(timeMicros, other.timeMicros);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final Trace trace = new Trace();
  private final long maxEvents;
  private long nowMicros;
  private long nextOrder;
  private long eventsRun;
  private long nextPacketId;

  /** A simulator bounded at {@link #DEFAULT_MAX_EVENTS} events. */
  public Simulator() {
    this(DEFAULT_MAX_EVENTS);
  }

  /** A simulator that throws {@link EventLimitException} once it has run {@code maxEvents}. */
  public Simulator(long maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be >= 1, got " + maxEvents);
    }
    this.maxEvents = maxEvents;
  }

  /** The virtual time now, in microseconds. */
  public long nowMicros() {
    return nowMicros;
  }

  /** Everything that happened so far. */
  public Trace trace() {
    return trace;
  }

  /** Events run so far (cancelled timers are not counted). */
  public long eventsRun() {
    return eventsRun;
  }

  /** True if no event is waiting (cancelled timers may still sit in the queue). */
  public boolean isIdle() {
    skipCancelled();
    return queue.isEmpty();
  }

  /** Runs {@code action} after {@code delayMicros} (>= 0); cancel the returned timer to stop it. */
  public Timer schedule(long delayMicros, Runnable action) {
    if (delayMicros < 0) {
      throw new IllegalArgumentException("delay must be >= 0 µs, got " + delayMicros);
    }
    return scheduleAt(nowMicros + delayMicros, action);
  }

  /** Runs {@code action} at virtual time {@code timeMicros} (not in the past). */
  public Timer scheduleAt(long timeMicros, Runnable action) {
    Objects.requireNonNull(action, "action");
    if (timeMicros < nowMicros) {
      throw new IllegalArgumentException(
          "cannot schedule at " + timeMicros + " µs: it is already " + nowMicros + " µs");
    }
    var timer = new Timer(timeMicros);
    queue.add(new Event(timeMicros, nextOrder++, timer, action));
    return timer;
  }

  /**
   * Connects endpoint {@code a} (named {@code aName} in traces) to {@code b}: packets {@code a}
   * sends travel on a link built from {@code aToB}, and {@code b}'s on one from {@code bToA}. Each
   * endpoint's {@link Endpoint#start} runs now as an event: {@code b}'s first, so a receiver is
   * ready before its sender's first packet.
   */
  public Connection connect(
      String aName, Endpoint a, String bName, Endpoint b, LinkSpec aToB, LinkSpec bToA) {
    var forward = new Link(this, aToB, b);
    var backward = new Link(this, bToA, a);
    var contextA = new EndpointContext(aName, forward);
    var contextB = new EndpointContext(bName, backward);
    schedule(0, () -> b.start(contextB));
    schedule(0, () -> a.start(contextA));
    return new Connection(forward, backward);
  }

  /** Runs the next event; false if there was none. */
  public boolean step() {
    skipCancelled();
    Event event = queue.poll();
    if (event == null) {
      return false;
    }
    if (eventsRun >= maxEvents) {
      queue.add(event);
      throw new EventLimitException(
          "simulation stopped after "
              + maxEvents
              + " events at t = "
              + TraceEvent.millis(nowMicros)
              + " ms with "
              + queue.size()
              + " still queued: something keeps scheduling work (a timer that re-arms forever,"
              + " or a packet answered with a packet forever?)");
    }
    event.timer().fire();
    nowMicros = event.timeMicros();
    eventsRun++;
    event.action().run();
    return true;
  }

  /** Runs events until none is left. */
  public void runUntilIdle() {
    while (step()) {
      // each step runs one event
    }
  }

  /** Runs every event due at or before {@code timeMicros}, then sets the clock to it. */
  public void runUntilMicros(long timeMicros) {
    while (true) {
      skipCancelled();
      Event next = queue.peek();
      if (next == null || next.timeMicros() > timeMicros) {
        break;
      }
      step();
    }
    nowMicros = Math.max(nowMicros, timeMicros);
  }

  /**
   * Runs events until {@code done} is true (checked before each event), the queue is empty, or the
   * next event is after {@code deadlineMicros}; returns {@code done}'s final value.
   */
  public boolean runUntil(BooleanSupplier done, long deadlineMicros) {
    while (!done.getAsBoolean()) {
      skipCancelled();
      Event next = queue.peek();
      if (next == null || next.timeMicros() > deadlineMicros) {
        return done.getAsBoolean();
      }
      step();
    }
    return true;
  }

  private void skipCancelled() {
    while (!queue.isEmpty() && !queue.peek().timer().isPending()) {
      queue.poll();
    }
  }

  private final class EndpointContext implements Context {
    private final String name;
    private final Link out;

    EndpointContext(String name, Link out) {
      this.name = name;
      this.out = out;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long nowMicros() {
      return Simulator.this.nowMicros;
    }

    @Override
    public Packet send(Packet packet) {
      Packet stamped = packet.withId(nextPacketId++);
      out.offer(stamped);
      return stamped;
    }

    @Override
    public Timer schedule(long delayMicros, String label, Runnable action) {
      Objects.requireNonNull(label, "label");
      return Simulator.this.schedule(
          delayMicros,
          () -> {
            trace.record(new TraceEvent(nowMicros, TraceEvent.Type.TIMER, name, null, label));
            action.run();
          });
    }

    @Override
    public Trace trace() {
      return trace;
    }
  }
}
