package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code gc/dijkstra-barrier}: first the learner's barrier alone, against a recording
 * {@link WriteBarrier.Gc}; then inside the course's {@link Collector}, with the stacks scanned at
 * the start and again at mark termination as Go 1.5 to 1.7 did, under every interleaving of every
 * scenario in {@link Scenarios#ALL}, checking the strong invariant after every step; and last the
 * floating garbage it leaves, which tells an insertion barrier from one that also shades the old
 * value.
 *
 * <p>Shading after the store ({@code *slot = ptr; shade(ptr)}) passes on purpose: in this
 * sequential model nothing runs between the two calls, so it is the same barrier. On real hardware
 * with the collector running on another core the order matters, and Go shades first.
 */
@DisplayName(
    "dijkstra-barrier: shade the pointer being written, so no black object points to white")
class DijkstraBarrierTest {

  private static final Function<Heap, Collector> COLLECTOR =
      heap ->
          new Collector(
              heap, new DijkstraBarrier(), StackScan.AT_START_AND_RESCAN, WorkListMarker::new);

  @ParameterizedTest(name = "{0} = {2} (it held {1})", quoteTextArguments = false)
  @CsvSource(
      textBlock =
          """
          A.0, B,   C
          A.1, nil, C
          $g,  B,   C
          A.0, B,   nil
          """)
  @Tag("task:1")
  @DisplayName("writePointer shades the new pointer and stores it once, leaving the old one alone")
  void shadesTheNewPointer(String slotText, String old, String ptr) {
    var gc = new RecordingGc(true);
    Slot slot = Slot.parse(slotText);
    gc.with(slot, nil(old));

    new DijkstraBarrier().writePointer(gc, slot, nil(ptr));

    assertThat(gc.stores())
        .as(
            "the stores your barrier made (your barrier did: %s); it must store %s into %s exactly"
                + " once, with gc.store",
            gc.log(), ptr, slot)
        .containsExactly(slot + " = " + ptr);
    assertThat(gc.shaded())
        .as(
            "the objects your barrier shaded (it did: %s). An insertion barrier shades the pointer"
                + " being written (%s; shade(null) is a no-op). The old value %s is not its"
                + " business: shading it too keeps garbage alive that this barrier need not keep",
            gc.log(), ptr, old)
        .containsExactlyElementsOf(ptr.equals("nil") ? List.of() : List.of(ptr));
  }

  @Test
  @Tag("task:2")
  @DisplayName(
      "every interleaving of every scenario keeps the strong invariant and loses nothing (stacks"
          + " rescanned at the end)")
  void strongInvariantInEveryInterleaving() {
    for (var scenario : Scenarios.ALL) {
      var report = Interleavings.explore(scenario, COLLECTOR, Invariant.STRONG);
      if (report.failure().isPresent()) {
        fail(
            Interleavings.explain(
                report.failure().get(),
                COLLECTOR,
                "The strong invariant (强三色不变性): no black object may point to a white one."
                    + " A store that puts a white object into a black one breaks it unless the"
                    + " barrier shades the object being written, ptr, before (or as) it stores"
                    + " it. Shading the old value does not help here: that is Yuasa's barrier."));
      }
      assertThat(report.interleavings()).as("interleavings of '%s'", scenario.name()).isPositive();
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName(
      "an unlinked subtree can be freed in the same cycle: the fewest objects kept as floating"
          + " garbage is 0")
  void noNeedlessFloatingGarbage() {
    var report = Interleavings.explore(Scenarios.DROP_SUBTREE, COLLECTOR, Invariant.STRONG);
    report
        .failure()
        .ifPresent(f -> fail(Interleavings.explain(f, COLLECTOR, "Fix the earlier tests first.")));
    assertThat(report.minFloatingGarbage())
        .as(
            "the fewest unreachable objects kept by the sweep, over the %d interleavings of '%s'"
                + " (A.0 = nil unlinks B -> C while marking runs). If A.0 = nil runs before the"
                + " marker reaches B, B and C are garbage nobody points to, and an insertion"
                + " barrier frees them in this very cycle. Yours kept some every time: a barrier"
                + " that shades the old value too (shade(*slot)) is safe, but it keeps garbage"
                + " alive until the next cycle (floating garbage, 浮动垃圾). Shade only ptr.",
            report.interleavings(), Scenarios.DROP_SUBTREE.name())
        .isZero();
  }

  private static String nil(String text) {
    return text.equals("nil") ? null : text;
  }
}
