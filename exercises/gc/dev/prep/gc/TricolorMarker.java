package dev.prep.gc;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tricolour marking (三色标记) with a grey work list: the marking half of a mark-and-sweep collector,
 * worked off one object at a time so the mutator can run between steps.
 *
 * <p><b>Contract</b> (see {@link Marker}). Every object starts white. {@link #shade} turns a white
 * object grey and puts it on the work list; it does nothing for {@code null} (a nil pointer), for a
 * grey object (it is already waiting) or for a black one (it is already scanned). {@link #step}
 * takes one grey object off the list, shades every object it points to, and turns it black; it
 * returns {@code false}, changing nothing, when no object is grey. {@link #hasWork} says whether a
 * grey object is waiting. So the grey objects are exactly the objects on the list, each once, and
 * marking a heap takes exactly one step per reachable object.
 *
 * <p>Colours live in the {@link Heap} ({@link Heap#color}, {@link Heap#setColor}), not in this
 * class: the collector, the write barrier and the invariant checks all read them there. {@link
 * Heap#pointersFrom} gives the objects an object points to, nil fields left out.
 */
public final class TricolorMarker implements Marker {

  private final Heap heap;
  private final Deque<String> grey = new ArrayDeque<>();

  /** A marker over {@code heap}, whose objects are all white when a cycle starts. */
  public TricolorMarker(Heap heap) {
    this.heap = heap;
  }

  @Override
  public void shade(String object) {
    // TODO: if object is not null and white, colour it grey and push it onto the work list
    throw new UnsupportedOperationException("TODO: shade");
  }

  @Override
  public boolean step() {
    // TODO: poll one grey object (none: return false), shade each object it points to, blacken it
    throw new UnsupportedOperationException("TODO: step");
  }

  @Override
  public boolean hasWork() {
    // TODO: whether the work list is not empty
    throw new UnsupportedOperationException("TODO: hasWork");
  }
}
