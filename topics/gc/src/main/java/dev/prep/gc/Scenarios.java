package dev.prep.gc;

import java.util.List;

/** The course's adversarial scenarios: each is how some barrier, or none, loses an object. */
public final class Scenarios {

  private Scenarios() {}

  /**
   * Wilson's two conditions in one script: black A gains a pointer to white C, then the only grey
   * path to C (B.0) is cut. No barrier loses C.
   */
  public static final Interleavings.Scenario HIDE_BEHIND_BLACK =
      Interleavings.Scenario.of(
          "hide behind a black object",
          """
          g1:a -> A
          A -> B, nil
          B -> C
          C
          """,
          "g1: x = B.0; g1: A.1 = x; g1: B.0 = nil; g1: x = nil");

  /**
   * The pointer moves from the heap to a stack that was already scanned. An insertion barrier does
   * not see the deletion, so Dijkstra needs the stacks re-scanned.
   */
  public static final Interleavings.Scenario HEAP_TO_SCANNED_STACK =
      Interleavings.Scenario.of(
          "move a pointer from the heap to a scanned stack",
          """
          $root -> A
          A -> B
          B -> nil
          """,
          "g1: x = $root; g1: y = A.0; g1: A.0 = nil; g1: x = nil");

  /**
   * A goroutine whose stack is not scanned yet stores its only pointer to C into a black object,
   * then drops it. A deletion barrier sees nothing to shade, so Yuasa needs every stack scanned
   * before marking starts; the hybrid barrier shades the new pointer while the stack is grey.
   */
  public static final Interleavings.Scenario STACK_TO_BLACK_HEAP =
      Interleavings.Scenario.of(
          "move a pointer from an unscanned stack into a black object",
          """
          g1:a -> A
          g2:a -> A
          g2:c -> C
          A -> nil
          C
          """,
          "g2: A.0 = c; g2: c = nil; g2: a = nil");

  /** A new object stored into the heap while marking: it must survive. */
  public static final Interleavings.Scenario ALLOCATE_DURING_MARKING =
      Interleavings.Scenario.of(
          "allocate during marking and publish it",
          """
          $root -> A
          A -> nil
          """,
          "g1: x = $root; g1: n = new N(1); g1: A.0 = n; g1: n = nil; g1: x = nil");

  /**
   * A subtree is unlinked while marking runs. Whether it survives this cycle as floating garbage
   * (浮动垃圾) depends on the barrier: a deletion barrier shades what it unlinks.
   */
  public static final Interleavings.Scenario DROP_SUBTREE =
      Interleavings.Scenario.of(
          "unlink a subtree during marking",
          """
          $root -> A
          A -> B
          B -> C
          C
          """,
          "g1: x = $root; g1: A.0 = nil; g1: x = nil");

  /** Two goroutines racing over the same objects. */
  public static final Interleavings.Scenario TWO_GOROUTINES =
      Interleavings.Scenario.of(
          "two goroutines swap pointers",
          """
          $root -> A
          g2:b -> B
          A -> C, B
          B -> nil
          C
          """,
          "g1: c = A.0; g1: A.0 = nil; g1: B.0 = c",
          "g2: b = nil");

  /** Every scenario above. */
  public static final List<Interleavings.Scenario> ALL =
      List.of(
          HIDE_BEHIND_BLACK,
          HEAP_TO_SCANNED_STACK,
          STACK_TO_BLACK_HEAP,
          ALLOCATE_DURING_MARKING,
          DROP_SUBTREE,
          TWO_GOROUTINES);
}
