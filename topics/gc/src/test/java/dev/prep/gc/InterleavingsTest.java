package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Interleavings: every schedule of every scenario, against every barrier")
class InterleavingsTest {

  private static Interleavings.Report explore(
      Interleavings.Scenario scenario, Barrier barrier, StackScan stackScan) {
    return Interleavings.explore(
        scenario, h -> new Collector(h, barrier, stackScan, WorkListMarker::new), Invariant.NONE);
  }

  @ParameterizedTest(name = "{0} with {1} stack scanning: lost = {2}")
  @CsvSource(
      textBlock =
          """
          NONE,     AT_START,            true
          DIJKSTRA, AT_START,            true
          DIJKSTRA, AT_START_AND_RESCAN, false
          YUASA,    AT_START,            false
          YUASA,    INCREMENTAL,         true
          HYBRID,   INCREMENTAL,         false
          """)
  @DisplayName("a barrier is only as good as its stack scanning; the hybrid needs no rescan")
  void lostObjects(Barrier barrier, StackScan stackScan, boolean lost) {
    boolean anyLost =
        Scenarios.ALL.stream().anyMatch(s -> explore(s, barrier, stackScan).failure().isPresent());
    assertThat(anyLost).isEqualTo(lost);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      textBlock =
          """
          DIJKSTRA, STRONG
          YUASA,    WEAK
          HYBRID,   WEAK
          """)
  @DisplayName("each barrier keeps its invariant after every step of every interleaving")
  void invariants(Barrier barrier, Invariant invariant) {
    for (var scenario : Scenarios.ALL) {
      var report = Interleavings.explore(scenario, h -> Collector.of(h, barrier), invariant);
      assertThat(report.failure()).as(scenario.name()).isEmpty();
      assertThat(report.interleavings()).isPositive();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"YUASA", "HYBRID"})
  @DisplayName("a deletion barrier does not keep the strong invariant, only the weak one")
  void deletionBarriersAreWeak(Barrier barrier) {
    boolean strongBroken =
        Scenarios.ALL.stream()
            .anyMatch(
                s ->
                    Interleavings.explore(s, h -> Collector.of(h, barrier), Invariant.STRONG)
                        .failure()
                        .isPresent());
    assertThat(strongBroken).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"NONE"})
  @DisplayName("the failure names the lost object and the schedule that lost it")
  void failureTrace(Barrier barrier) {
    var report = explore(Scenarios.HIDE_BEHIND_BLACK, barrier, StackScan.AT_START);
    assertThat(report.failure())
        .hasValueSatisfying(
            f -> {
              assertThat(f.problem()).contains("C");
              assertThat(f.trace()).contains("g1: A.1 = x", "g1: B.0 = nil");
            });
  }

  @ParameterizedTest(name = "{0}: floating garbage {1}..{2}")
  @CsvSource(
      textBlock =
          """
          DIJKSTRA, 0, 2
          YUASA,    2, 2
          HYBRID,   2, 2
          """)
  @DisplayName("a deletion barrier keeps an unlinked subtree until the next cycle, always")
  void floatingGarbage(Barrier barrier, int min, int max) {
    var report =
        Interleavings.explore(
            Scenarios.DROP_SUBTREE, h -> Collector.of(h, barrier), Invariant.NONE);
    assertThat(report.minFloatingGarbage()).isEqualTo(min);
    assertThat(report.maxFloatingGarbage()).isEqualTo(max);
  }

  @org.junit.jupiter.api.Test
  @DisplayName("explain replays a failure and draws the heap where C was lost")
  void explain() {
    java.util.function.Function<Heap, Collector> none = h -> Collector.of(h, Barrier.NONE);
    var failure =
        Interleavings.explore(Scenarios.HIDE_BEHIND_BLACK, none, Invariant.NONE)
            .failure()
            .orElseThrow();

    String text = Interleavings.explain(failure, none, "Try a barrier.");

    assertThat(text)
        .startsWith("In scenario 'hide behind a black object': reachable but white")
        .contains("steps: start, mark, g1: x = B.0", "and at mark termination", "C ○")
        .endsWith("Try a barrier.");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("RecordingGc logs what a barrier asks, in order")
  void recordingGc() {
    var gc = new RecordingGc(true).with(Slot.parse("A.0"), "B");

    Barrier.HYBRID.writePointer(gc, Slot.parse("A.0"), "C");

    assertThat(gc.log())
        .isEqualTo("read A.0 (B), shade B, currentStackIsGrey (true), shade C, store A.0 = C");
    assertThat(gc.shaded()).containsExactly("B", "C");
    assertThat(gc.stores()).containsExactly("A.0 = C");
    assertThat(gc.peek(Slot.parse("A.0"))).isEqualTo("C");
  }
}
