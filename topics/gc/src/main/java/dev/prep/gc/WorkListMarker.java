package dev.prep.gc;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The course's marker: grey objects wait in a LIFO work list (as Go's per-P gcWork buffers are
 * stacks), and every grey object is on the list exactly once.
 */
public final class WorkListMarker implements Marker {

  private final Heap heap;
  private final Deque<String> grey = new ArrayDeque<>();

  /** A marker over {@code heap}; all objects should be white when a cycle starts. */
  public WorkListMarker(Heap heap) {
    this.heap = heap;
  }

  @Override
  public void shade(String object) {
    if (object != null && heap.color(object) == Color.WHITE) {
      heap.setColor(object, Color.GREY);
      grey.push(object);
    }
  }

  @Override
  public boolean step() {
    String object = grey.poll();
    if (object == null) {
      return false;
    }
    heap.pointersFrom(object).forEach(this::shade);
    heap.setColor(object, Color.BLACK);
    return true;
  }

  @Override
  public boolean hasWork() {
    return !grey.isEmpty();
  }
}
