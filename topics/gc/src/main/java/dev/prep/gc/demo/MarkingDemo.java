package dev.prep.gc.demo;

import dev.prep.gc.Barrier;
import dev.prep.gc.Collector;
import dev.prep.gc.Heap;
import dev.prep.gc.HeapView;
import dev.prep.gc.Invariant;
import dev.prep.gc.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/*
 * Incremental tricolour marking (三色标记), one step at a time, with Go's hybrid write barrier.
 *
 * A tracing collector finds live objects by following pointers from the roots (globals and the
 * goroutines' stacks). The tricolour abstraction names its progress: white objects have not been
 * reached (still white at the end means garbage), grey ones have been reached but their pointers
 * not yet followed (the work list), black ones are done. Marking is over when nothing is grey.
 *
 * Go marks concurrently: the goroutines (the mutator) keep running between the marker's steps and
 * move pointers around behind its back. Two things keep that safe (golang/proposal
 * design/17503-eliminate-rescan.md, and the comment at the top of src/runtime/mgc.go):
 *  - the write barrier (写屏障), code the compiler puts before every pointer store into the heap or
 *    a global while marking runs. Go 1.8's hybrid barrier (混合写屏障) is
 *        shade(*slot); if current stack is grey: shade(ptr); *slot = ptr
 *    i.e. grey the pointer being overwritten (Yuasa's deletion barrier) and, while the writing
 *    goroutine's stack has not been scanned, the pointer being written (Dijkstra's insertion one);
 *  - objects allocated during marking are born black.
 * Stack writes have no barrier at all, which is why stacks are special: Go 1.8+ scans each
 * goroutine's stack once, as one incremental step (that goroutine paused, the others running), and
 * never rescans it. A stack is grey until it has been scanned, black after.
 *
 * The heap below has a global, two goroutines and six objects; E is garbage from the start. The
 * schedule interleaves the marker's steps (scan a stack, mark = scan one grey object) with
 * mutator steps chosen so that each half of the barrier has a job to do:
 *  - g1 moves D from the heap onto its already scanned stack and deletes the heap pointer:
 *    shade(*slot) greys D, or D would be freed while g1 still uses it;
 *  - g2, not scanned yet, stores its only pointer to C into black A and drops it:
 *    shade(ptr) greys C, or C would hang only off a black object and be freed;
 *  - g1 allocates N (born black) and publishes it; its stack is black, so no shade(ptr) is needed.
 * After each step the demo checks the weak tricolour invariant (弱三色不变性): every white object a
 * black object or a scanned stack points to is still reachable from something grey. That is the
 * invariant the hybrid barrier keeps; it never needs the strong one.
 *
 * Each frame prints the heap with ○ white, ◐ grey, ● black (objects, and goroutine stacks in
 * brackets), headed by the step, what changed colour, and a note. In a terminal the symbols are
 * coloured too, unless NO_COLOR is set.
 *
 * Pictures: `--svg DIR` writes one SVG per frame (frame-01-start.svg, ...), drawn by SvgHeapView;
 * `--dot DIR` writes Graphviz files (HeapView.dot; `dot -Tsvg frame-01-start.dot`):
 *     prep demo gc marking -- --svg frames
 *
 * Run: prep demo gc marking
 */
public final class MarkingDemo {

  static final String HEAP =
      """
      $root -> A
      g1:a  -> A
      g2:c  -> C
      A -> B, nil
      B -> D
      C
      D
      E
      """;

  /** One step of the schedule (see {@link Schedule}) and what to notice in it. */
  record Step(String step, String note) {}

  static final List<Step> STEPS =
      List.of(
          new Step(
              "scan g1",
              "g1 pauses just long enough to have its stack scanned: it points to A, grey already."),
          new Step("mark", "The marker scans A: greys what A points to (B) and blackens A."),
          new Step(
              "g1: y = B.0",
              "g1 copies B.0 (D) into a local: a stack write, no barrier. D is white, g1's stack black."),
          new Step(
              "g1: B.0 = nil",
              "Deleting the heap pointer to D: shade(*slot) greys D. Without it D would live only"
                  + " on g1's scanned stack and be freed."),
          new Step(
              "g2: A.1 = c",
              "g2's stack is not scanned yet, so the barrier also does shade(ptr): C turns grey."
                  + " Without it C would hang only off black A once g2 drops c."),
          new Step("g2: c = nil", "g2 drops its local. C stays reachable from A, and grey."),
          new Step(
              "g1: n = new N(1)", "Allocated during marking: N is born black and never scanned."),
          new Step(
              "g1: B.0 = n",
              "g1's stack is black, so no shade(ptr): \"Once a goroutine's stack is black, the"
                  + " shade(ptr) becomes unnecessary\" (proposal 17503)."),
          new Step(
              "g1: y = nil",
              "g1 drops D. Nothing points to D any more, but it is grey: this cycle keeps it"
                  + " (floating garbage, 浮动垃圾)."),
          new Step(
              "scan g2", "g2's stack is scanned: its locals are nil by now, nothing to shade."),
          new Step("mark", "The marker scans the newest grey object (its work list is LIFO)."),
          new Step("mark", "And the next one."),
          new Step("mark", "And the last: nothing is grey any more."),
          new Step(
              "terminate",
              "Mark termination, world stopped: no grey object, no unscanned stack, no rescan."),
          new Step(
              "sweep",
              "Everything still white is garbage and is freed; survivors turn white for the next"
                  + " cycle."));

  /** Where to write pictures; empty for terminal only. */
  record Options(Optional<Path> svgDir, Optional<Path> dotDir) {

    static final String USAGE = "usage: prep demo gc marking -- [--svg DIR] [--dot DIR]";

    /** Reads {@code --svg DIR} and {@code --dot DIR}. */
    static Options parse(String[] args) {
      Optional<Path> svg = Optional.empty();
      Optional<Path> dot = Optional.empty();
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new IllegalArgumentException(USAGE);
        }
        switch (args[i]) {
          case "--svg" -> svg = Optional.of(Path.of(args[i + 1]));
          case "--dot" -> dot = Optional.of(Path.of(args[i + 1]));
          default -> throw new IllegalArgumentException(USAGE);
        }
      }
      return new Options(svg, dot);
    }
  }

  private MarkingDemo() {}

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean ansi =
        System.console() != null
            && System.console().isTerminal()
            && (System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty());

    System.out.println("== Tricolour marking, step by step, with Go's hybrid write barrier ==");
    System.out.println(
        "Watch: the grey wave moves from the roots outwards while g1 and g2 move pointers; the"
            + " barrier greys D and C just in time; N is born black; E stays white and is freed.");
    System.out.println("○ white (not reached)  ◐ grey (reached, not scanned)  ● black (scanned)");
    System.out.println("g1[◐] is a goroutine whose stack is not scanned yet, g1[●] one scanned.");
    System.out.println();

    var collector = Collector.of(Heap.parse(HEAP), Barrier.HYBRID);
    String schedule = STEPS.stream().map(Step::step).collect(Collectors.joining("; "));
    List<Schedule.Frame> frames = Schedule.run(collector, Invariant.WEAK, schedule);

    printFrames(frames, ansi);

    List<String> written = new ArrayList<>();
    if (options.svgDir().isPresent()) {
      written.add(write(frames, options.svgDir().get(), "svg"));
    }
    if (options.dotDir().isPresent()) {
      written.add(write(frames, options.dotDir().get(), "dot"));
    }

    printSummary(collector, frames);
    if (written.isEmpty()) {
      System.out.println(
          "Pictures: prep demo gc marking -- --svg DIR (or --dot DIR) writes one file per step.");
    } else {
      written.forEach(System.out::println);
    }
    System.out.println();
    System.out.printf(
        "You just saw: incremental marking with Go's hybrid barrier: stacks scanned one by one"
            + " with no rescan, the barrier greying D (deleted from the heap) and C (stored by an"
            + " unscanned goroutine), N born black, %s freed and %s floating to the next cycle.%n",
        freed(frames), orNone(floating(frames)));
  }

  private static void printFrames(List<Schedule.Frame> frames, boolean ansi) {
    for (int i = 0; i < frames.size(); i++) {
      Schedule.Frame frame = frames.get(i);
      Heap before = i == 0 ? Heap.parse(HEAP) : frames.get(i - 1).heap();
      String note =
          i == 0
              ? "World stopped briefly: the globals are shaded ($root's A turns grey). Stacks"
                  + " are not scanned here: both wait, grey."
              : STEPS.get(i - 1).note();
      System.out.printf("[%02d] %-28s %s%n", i + 1, frame.step(), changes(before, frame.heap()));
      System.out.println("     " + note);
      String view = HeapView.text(frame.heap());
      System.out.print((ansi ? colour(view) : view).indent(5));
      for (String violation : frame.violations()) {
        System.out.println("     weak invariant broken: " + violation);
      }
      System.out.println();
    }
  }

  private static void printSummary(Collector collector, List<Schedule.Frame> frames) {
    long broken = frames.stream().filter(f -> !f.violations().isEmpty()).count();
    System.out.printf(
        "Weak invariant checked after each of the %d frames: %s.%n",
        frames.size(), broken == 0 ? "it held every time" : "broken in " + broken);
    int pause = collector.stoppedTheWorldWork();
    System.out.printf(
        "Stopped-the-world work: %d unit%s (the global shaded at the start): stacks were scanned"
            + " one at a time while the other goroutine ran, and never rescanned.%n",
        pause, pause == 1 ? "" : "s");
    System.out.printf(
        "Freed: %s. Kept although unreachable now (floating garbage): %s.%n",
        freed(frames), orNone(floating(frames)));
  }

  /** What the sweep freed, from its frame's step ("sweep: freed E"). */
  private static String freed(List<Schedule.Frame> frames) {
    return frames.getLast().step().replaceFirst("^sweep: freed ", "");
  }

  /** Objects the cycle kept although nothing reaches them any more. */
  private static List<String> floating(List<Schedule.Frame> frames) {
    Heap end = frames.getLast().heap();
    var reachable = end.reachable();
    return end.objects().stream().filter(o -> !reachable.contains(o)).toList();
  }

  private static String orNone(List<String> objects) {
    return objects.isEmpty() ? "none" : String.join(", ", objects);
  }

  /** What changed colour from one frame to the next, for example {@code "C ○→◐ g1 ◐→●"}. */
  static String changes(Heap before, Heap after) {
    var out = new ArrayList<String>();
    for (String o : after.objects()) {
      if (!before.contains(o)) {
        out.add(o + " new " + HeapView.symbol(after.color(o)));
      } else if (before.color(o) != after.color(o)) {
        out.add(o + " " + HeapView.symbol(before.color(o)) + "→" + HeapView.symbol(after.color(o)));
      }
    }
    for (String o : before.objects()) {
      if (!after.contains(o)) {
        out.add(o + " freed");
      }
    }
    for (String g : after.goroutines()) {
      if (before.goroutines().contains(g) && before.stackColor(g) != after.stackColor(g)) {
        out.add(
            g
                + " "
                + HeapView.symbol(before.stackColor(g))
                + "→"
                + HeapView.symbol(after.stackColor(g)));
      }
    }
    return String.join("  ", out);
  }

  /** Writes one file per frame, numbered and named after the step; returns a summary line. */
  static String write(List<Schedule.Frame> frames, Path dir, String format) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < frames.size(); i++) {
      Schedule.Frame frame = frames.get(i);
      String step = i == 0 ? "start" : STEPS.get(i - 1).step();
      Path file = dir.resolve(fileName(i + 1, step, format));
      String title = "[%02d] %s".formatted(i + 1, frame.step());
      Files.writeString(
          file,
          format.equals("svg")
              ? SvgHeapView.svg(frame.heap(), title)
              : "// " + title + "\n" + HeapView.dot(frame.heap()));
    }
    return "Wrote %d %s files to %s (%s ... %s)."
        .formatted(
            frames.size(),
            format.toUpperCase(Locale.ROOT),
            dir.toAbsolutePath(),
            fileName(1, "start", format),
            fileName(frames.size(), STEPS.getLast().step(), format));
  }

  /** For example {@code frame-05-g1-b-0-nil.svg}. */
  static String fileName(int number, String step, String extension) {
    String slug = step.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return "frame-%02d-%s.%s".formatted(number, slug.replaceAll("^-|-$", ""), extension);
  }

  /** Grey in grey, black in bold; white stays as it is. */
  private static String colour(String view) {
    return view.replace("◐", "\u001b[90m◐\u001b[0m").replace("●", "\u001b[1m●\u001b[0m");
  }
}
