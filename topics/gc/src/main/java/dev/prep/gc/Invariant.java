package dev.prep.gc;

import java.util.ArrayList;
import java.util.List;

/**
 * The tricolour invariants (golang/proposal {@code design/17503-eliminate-rescan.md}). Marking
 * loses an object only if a black holder gains a pointer to a white object <em>and</em> every path
 * to it from a grey object is cut; keeping either invariant prevents that.
 */
public enum Invariant {
  /** No invariant checked: for a collector without a barrier. */
  NONE,

  /** Strong tricolour invariant (强三色不变性): no black object points to a white object. */
  STRONG,

  /**
   * Weak tricolour invariant (弱三色不变性): every white object a black object or a scanned (black) stack
   * points to is still reachable from a grey object or an unscanned stack through white objects
   * only.
   */
  WEAK;

  /** Each violation as one line, for example {@code "A.1: black A -> white C"}; empty if none. */
  public List<String> violations(Heap heap) {
    var found = new ArrayList<String>();
    switch (this) {
      case NONE -> {}
      case STRONG ->
          heap.heapPointers()
              .forEach(
                  (slot, target) -> {
                    String holder = ((Slot.Field) slot).object();
                    if (heap.color(holder) == Color.BLACK && heap.color(target) == Color.WHITE) {
                      found.add(slot + ": black " + holder + " -> white " + target);
                    }
                  });
      case WEAK -> {
        var sources = new ArrayList<String>(heap.objectsColored(Color.GREY));
        for (String g : heap.goroutines()) {
          if (heap.stackColor(g) != Color.BLACK) {
            sources.addAll(heap.pointersOnStack(g));
          }
        }
        var protectedWhites =
            heap.reachableFrom(
                sources.stream().filter(o -> heap.color(o) != Color.BLACK).toList(),
                o -> heap.color(o) == Color.WHITE);
        heap.heapPointers()
            .forEach(
                (slot, target) -> {
                  String holder = ((Slot.Field) slot).object();
                  if (heap.color(holder) == Color.BLACK
                      && heap.color(target) == Color.WHITE
                      && !protectedWhites.contains(target)) {
                    found.add(
                        slot
                            + ": black "
                            + holder
                            + " -> white "
                            + target
                            + ", no grey path to it");
                  }
                });
        for (String g : heap.goroutines()) {
          if (heap.stackColor(g) == Color.BLACK) {
            for (Slot var : heap.stackSlots(g)) {
              String target = heap.read(var);
              if (target != null
                  && heap.color(target) == Color.WHITE
                  && !protectedWhites.contains(target)) {
                found.add(var + ": scanned stack -> white " + target + ", no grey path to it");
              }
            }
          }
        }
      }
    }
    return List.copyOf(found);
  }
}
