package dev.prep.network.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every event of a simulation, in the order it happened. Listeners see each event as it is recorded
 * (graders check invariants online); recording can be switched off for long runs.
 */
public final class Trace {

  private final List<TraceEvent> events = new ArrayList<>();
  private final List<Consumer<TraceEvent>> listeners = new ArrayList<>();
  private boolean recording = true;

  Trace() {}

  /** Calls {@code listener} with every later event (even when not recording). */
  public void addListener(Consumer<TraceEvent> listener) {
    listeners.add(listener);
  }

  /** Keeps events in memory (the default) or not (listeners are still called). */
  public void setRecording(boolean on) {
    recording = on;
  }

  /** Records a NOTE line at {@code timeMicros}. */
  public void note(long timeMicros, String where, String text) {
    record(new TraceEvent(timeMicros, TraceEvent.Type.NOTE, where, null, text));
  }

  void record(TraceEvent event) {
    if (recording) {
      events.add(event);
    }
    for (var listener : listeners) {
      listener.accept(event);
    }
  }

  /** The recorded events, oldest first (read-only). */
  public List<TraceEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** The recorded events of one type. */
  public List<TraceEvent> events(TraceEvent.Type type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  /** How many events of this type were recorded. */
  public long count(TraceEvent.Type type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  /** How many recorded events match. */
  public long count(Predicate<TraceEvent> filter) {
    return events.stream().filter(filter).count();
  }

  /** One line per recorded event matching {@code filter}. */
  public String format(Predicate<TraceEvent> filter) {
    return events.stream()
        .filter(filter)
        .map(TraceEvent::format)
        .collect(Collectors.joining("\n", "", events.isEmpty() ? "" : "\n"));
  }

  /** One line per recorded event. */
  public String format() {
    return format(e -> true);
  }
}
