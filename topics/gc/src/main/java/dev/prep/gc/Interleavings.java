package dev.prep.gc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a scenario under every interleaving of the mutator's steps and the collector's marking
 * steps, checking after each one. Markers may be the learner's, whose state cannot be copied, so
 * every interleaving is replayed from the start: slow in theory, instant for heaps this small.
 */
public final class Interleavings {

  private Interleavings() {}

  /**
   * A starting heap and one script per goroutine; a goroutine's steps keep their order, the scripts
   * and the marker interleave freely.
   */
  public record Scenario(String name, String heap, List<List<Op>> scripts) {

    /** Parses scripts given one goroutine per string, steps separated by {@code ;}. */
    public static Scenario of(String name, String heap, String... scripts) {
      var parsed = new ArrayList<List<Op>>();
      for (String script : scripts) {
        var ops = new ArrayList<Op>();
        for (String step : script.split(";")) {
          if (!step.isBlank()) {
            ops.add(Op.parse(step));
          }
        }
        parsed.add(List.copyOf(ops));
      }
      Heap.parse(heap); // fail now, with the heap's own message, if it does not parse
      return new Scenario(name, heap, List.copyOf(parsed));
    }
  }

  /** A failing interleaving: the actions in order and what went wrong after the last one. */
  public record Failure(Scenario scenario, List<String> trace, String problem) {
    @Override
    public String toString() {
      return scenario.name() + ": " + problem + "\n  after: start, " + String.join(", ", trace);
    }
  }

  /**
   * A failure told for a person: what broke, the steps, and the heap drawn after the last step (and
   * at mark termination when that is where it broke), then {@code advice}. Replays the failing
   * interleaving with a fresh collector from {@code collectorFor}.
   */
  public static String explain(
      Failure failure, Function<Heap, Collector> collectorFor, String advice) {
    var gc = collectorFor.apply(Heap.parse(failure.scenario().heap()));
    var out = new StringBuilder();
    boolean atTermination =
        !failure.trace().isEmpty() && failure.trace().getLast().equals(TERMINATE);
    out.append("In scenario '")
        .append(failure.scenario().name())
        .append("': ")
        .append(failure.problem())
        .append("\n  steps: start, ")
        .append(String.join(", ", failure.trace()))
        .append("\n\n");
    try {
      gc.start();
      for (String step : failure.trace()) {
        if (step.equals(TERMINATE)) {
          break; // drawn below, after the heap as the last step left it
        } else if (step.equals("mark")) {
          gc.markObject();
        } else if (step.startsWith("scan ")) {
          gc.scanStack(step.substring(5));
        } else {
          gc.run(Op.parse(step));
        }
      }
      out.append("The heap after the last step (○ white, ◐ grey, ● black):\n")
          .append(HeapView.text(gc.heap()).strip().indent(2));
      if (atTermination) {
        gc.terminate();
        out.append("and at mark termination, where white means freed:\n")
            .append(HeapView.text(gc.heap()).strip().indent(2));
      }
    } catch (RuntimeException e) {
      out.append("Replaying it stopped at: ")
          .append(e.getMessage())
          .append("\n")
          .append(HeapView.text(gc.heap()).strip().indent(2));
    }
    return out.append("\n").append(advice).toString();
  }

  /**
   * What exploring a scenario found. Floating garbage (浮动垃圾) is what a completed cycle kept
   * although it was unreachable by the end: the fewest and the most over all interleavings.
   */
  public record Report(
      Scenario scenario,
      int interleavings,
      Optional<Failure> failure,
      int minFloatingGarbage,
      int maxFloatingGarbage) {}

  /** Upper bound on interleavings explored, so a bad scenario cannot run for minutes. */
  public static final int MAX_INTERLEAVINGS = 200_000;

  /**
   * Explores every interleaving; stops at the first failure. Checked: the invariant after the start
   * and after every step, that marking steps stop, that nothing reachable is left white at
   * termination, and that the sweep keeps only objects that were reachable at some point of the
   * cycle or allocated during it.
   */
  public static Report explore(
      Scenario scenario, Function<Heap, Collector> collectorFor, Invariant invariant) {
    var state = new Exploration(scenario, collectorFor, invariant);
    state.explore(new ArrayList<>());
    return new Report(
        scenario,
        state.count,
        Optional.ofNullable(state.failure),
        state.count == 0 ? 0 : state.minFloating,
        state.maxFloating);
  }

  private static final String TERMINATE = "terminate";
  private static final int MARK = -1;
  private static final int SCAN = -2;

  private static final class Exploration {
    final Scenario scenario;
    final Function<Heap, Collector> collectorFor;
    final Invariant invariant;
    int count;
    int minFloating = Integer.MAX_VALUE;
    int maxFloating;
    Failure failure;

    final Heap start;

    Exploration(Scenario scenario, Function<Heap, Collector> collectorFor, Invariant invariant) {
      this.scenario = scenario;
      this.start = Heap.parse(scenario.heap());
      this.collectorFor = collectorFor;
      this.invariant = invariant;
    }

    /**
     * A choice is the index of the goroutine whose next step runs, {@code MARK} for scanning a grey
     * object, or {@code SCAN - k} for scanning the k-th goroutine's stack.
     */
    void explore(List<Integer> choices) {
      if (failure != null || count >= MAX_INTERLEAVINGS) {
        return;
      }
      var replay = replay(choices);
      if (replay == null) {
        return; // failed while replaying; recorded
      }
      List<Integer> next = new ArrayList<>();
      if (replay.collector.hasGreyObjects()) {
        next.add(MARK);
      }
      var goroutines = List.copyOf(replay.collector.heap().goroutines());
      for (String g : replay.collector.unscannedStacks()) {
        next.add(SCAN - goroutines.indexOf(g));
      }
      for (int g = 0; g < scenario.scripts().size(); g++) {
        if (replay.done[g] < scenario.scripts().get(g).size()) {
          next.add(g);
        }
      }
      if (next.isEmpty()) {
        finish(replay);
        return;
      }
      for (int choice : next) {
        choices.add(choice);
        explore(choices);
        choices.removeLast();
      }
    }

    private record Replay(Collector collector, int[] done, List<String> trace) {}

    private Replay replay(List<Integer> choices) {
      var heap = start.copy();
      var collector = collectorFor.apply(heap);
      var done = new int[scenario.scripts().size()];
      var trace = new ArrayList<String>();
      collector.start();
      // each prefix was checked when it was explored: only the newest step needs checking
      if (choices.isEmpty() && !check(collector, trace, "start")) {
        return null;
      }
      int markSteps = 0;
      int bound = heap.objects().size() + heap.goroutines().size() + 64;
      for (int i = 0; i < choices.size(); i++) {
        int choice = choices.get(i);
        if (choice == MARK) {
          trace.add("mark");
          if (!collector.markObject()) {
            return fail(
                trace, "step() scanned nothing although hasWork() said a grey object was waiting");
          }
          if (++markSteps > bound) {
            return fail(trace, "marking did not terminate: " + markSteps + " steps");
          }
        } else if (choice <= SCAN) {
          String g = List.copyOf(heap.goroutines()).get(SCAN - choice);
          trace.add("scan " + g);
          collector.scanStack(g);
        } else {
          Op op = scenario.scripts().get(choice).get(done[choice]++);
          trace.add(op.toString());
          try {
            collector.run(op);
          } catch (IllegalStateException | IllegalArgumentException e) {
            return fail(trace, e.getMessage());
          }
        }
        if (i == choices.size() - 1 && !check(collector, trace, trace.getLast())) {
          return null;
        }
      }
      return new Replay(collector, done, trace);
    }

    private boolean check(Collector collector, List<String> trace, String after) {
      List<String> broken = invariant.violations(collector.heap());
      if (!broken.isEmpty()) {
        fail(
            trace,
            invariant + " invariant broken after " + after + ": " + String.join("; ", broken));
        return false;
      }
      return true;
    }

    private void finish(Replay replay) {
      count++;
      var collector = replay.collector;
      replay.trace.add(TERMINATE); // what goes wrong from here on goes wrong at termination
      try {
        collector.terminate();
      } catch (IllegalStateException e) {
        fail(replay.trace, e.getMessage());
        return;
      }
      List<String> lost = collector.lost();
      if (!lost.isEmpty()) {
        fail(
            replay.trace,
            "reachable but white at termination, the sweep would free it: "
                + String.join(", ", lost));
        return;
      }
      var reachableNow = collector.heap().reachable();
      var sweep = collector.sweep();
      int floating = 0;
      for (String kept : sweep.kept()) {
        if (!collector.everReachable().contains(kept)
            && !collector.allocatedDuringMarking().contains(kept)) {
          fail(replay.trace, kept + " survived although it was garbage for the whole cycle");
          return;
        }
        if (!reachableNow.contains(kept)) {
          floating++;
        }
      }
      minFloating = Math.min(minFloating, floating);
      maxFloating = Math.max(maxFloating, floating);
    }

    private Replay fail(List<String> trace, String problem) {
      if (failure == null) {
        failure = new Failure(scenario, List.copyOf(trace), problem);
      }
      return null;
    }
  }
}
