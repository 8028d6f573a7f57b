package dev.prep.gc;

import java.util.ArrayList;
import java.util.List;

/**
 * One chosen interleaving, run step by step and recorded: what notebooks and demos show. Steps are
 * {@code mark} (scan one grey object), {@code scan g1} (scan a stack, incremental scanning only),
 * {@code terminate}, {@code sweep}, or a mutator step such as {@code g1: A.1 = x} (see {@link Op}).
 * The cycle starts before the first step.
 */
public final class Schedule {

  /** The heap after one step, with the invariant's violations at that moment. */
  public record Frame(String step, Heap heap, List<String> violations) {}

  private Schedule() {}

  /** Runs the steps (separated by {@code ;} or new lines) and returns one frame per step. */
  public static List<Frame> run(Collector collector, Invariant invariant, String steps) {
    var frames = new ArrayList<Frame>();
    collector.start();
    frames.add(frame("start", collector, invariant));
    for (String raw : steps.split("[;\n]")) {
      String step = raw.strip();
      if (step.isEmpty()) {
        continue;
      }
      if (step.equals("mark")) {
        if (!collector.markObject()) {
          throw new IllegalArgumentException("step 'mark': no grey object is waiting");
        }
      } else if (step.startsWith("scan ")) {
        collector.scanStack(step.substring(5).strip());
      } else if (step.equals("terminate")) {
        collector.terminate();
      } else if (step.equals("sweep")) {
        var sweep = collector.sweep();
        frames.add(
            new Frame(
                "sweep: freed "
                    + (sweep.freed().isEmpty() ? "nothing" : String.join(", ", sweep.freed())),
                collector.heap().copy(),
                List.of()));
        continue;
      } else {
        collector.run(Op.parse(step));
      }
      frames.add(frame(step, collector, invariant));
    }
    return List.copyOf(frames);
  }

  /**
   * The heap drawn after the last two frames (the last step and what followed it), each headed by
   * its step: for messages that show where a schedule went wrong.
   */
  public static String lastTwo(List<Frame> frames) {
    var out = new StringBuilder();
    for (var frame : frames.subList(Math.max(0, frames.size() - 2), frames.size())) {
      out.append("after ")
          .append(frame.step())
          .append(" (○ white, ◐ grey, ● black):\n")
          .append(HeapView.text(frame.heap()).strip().indent(2));
    }
    return out.toString().stripTrailing();
  }

  private static Frame frame(String step, Collector collector, Invariant invariant) {
    return new Frame(step, collector.heap().copy(), invariant.violations(collector.heap()));
  }
}
