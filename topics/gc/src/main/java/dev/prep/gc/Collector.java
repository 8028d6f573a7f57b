package dev.prep.gc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One incremental mark-and-sweep cycle over a {@link Heap}: start (roots), marking steps that the
 * mutator's steps can interleave with, termination, sweep. Go's phases are the model (comment at
 * the top of {@code src/runtime/mgc.go}): the write barrier is on from the start of marking until
 * termination, and objects allocated meanwhile are black.
 */
public final class Collector {

  /** Where the cycle is. */
  public enum Phase {
    IDLE,
    MARKING,
    MARKED,
    SWEPT
  }

  /** What the sweep freed and what it kept. */
  public record Sweep(List<String> freed, List<String> kept) {}

  private final Heap heap;
  private final WriteBarrier barrier;
  private final StackScan stackScan;
  private final Marker marker;
  private final SequencedSet<String> reachableAtStart = new LinkedHashSet<>();
  private final SequencedSet<String> everReachable = new LinkedHashSet<>();
  private final SequencedSet<String> allocated = new LinkedHashSet<>();
  private Phase phase = Phase.IDLE;
  private int stoppedTheWorldWork;
  private final WriteBarrier.Gc gc;
  private String writer;

  /**
   * A collector over {@code heap} using {@code barrier} with the stack scanning {@code stackScan},
   * and the marker {@code markerFor} builds for the heap.
   */
  public Collector(
      Heap heap, WriteBarrier barrier, StackScan stackScan, Function<Heap, Marker> markerFor) {
    this.heap = Objects.requireNonNull(heap);
    this.barrier = Objects.requireNonNull(barrier);
    this.stackScan = Objects.requireNonNull(stackScan);
    this.marker = Objects.requireNonNull(markerFor.apply(heap));
    this.gc =
        new WriteBarrier.Gc() {
          @Override
          public String read(Slot slot) {
            return heap.read(slot);
          }

          @Override
          public void store(Slot slot, String ptr) {
            heap.store(slot, ptr);
          }

          @Override
          public void shade(String object) {
            marker.shade(object);
          }

          @Override
          public boolean currentStackIsGrey() {
            return writer != null && heap.stackColor(writer) != Color.BLACK;
          }
        };
  }

  /** A collector with one of the course's barriers, its stack scanning and the course's marker. */
  public static Collector of(Heap heap, Barrier barrier) {
    return new Collector(heap, barrier, barrier.stackScan(), WorkListMarker::new);
  }

  public Heap heap() {
    return heap;
  }

  public Phase phase() {
    return phase;
  }

  /** The world is stopped: shade the globals and (unless incremental) scan every stack. */
  public void start() {
    requirePhase(Phase.IDLE);
    heap.objects().forEach(o -> heap.setColor(o, Color.WHITE));
    heap.goroutines().forEach(g -> heap.setStackColor(g, Color.GREY));
    reachableAtStart.addAll(heap.reachable());
    everReachable.addAll(reachableAtStart);
    phase = Phase.MARKING;
    for (Slot global : heap.globalSlots()) {
      marker.shade(heap.read(global));
      stoppedTheWorldWork++;
    }
    if (stackScan != StackScan.INCREMENTAL) {
      for (String g : heap.goroutines()) {
        scanStack(g, stackScan == StackScan.AT_START ? Color.BLACK : Color.GREY);
        stoppedTheWorldWork++;
      }
    }
  }

  /**
   * One unit of concurrent marking: an unscanned stack if stacks are scanned incrementally, else
   * one grey object.
   *
   * @return false if there was nothing left to do
   */
  public boolean step() {
    requirePhase(Phase.MARKING);
    if (stackScan == StackScan.INCREMENTAL) {
      for (String g : heap.goroutines()) {
        if (heap.stackColor(g) == Color.GREY) {
          scanStack(g, Color.BLACK);
          return true;
        }
      }
    }
    return marker.step();
  }

  /** Scans one grey object ({@link Marker#step}); false if none is grey. */
  public boolean markObject() {
    requirePhase(Phase.MARKING);
    return marker.step();
  }

  /** Whether a grey object waits for {@link #markObject}. */
  public boolean hasGreyObjects() {
    return phase == Phase.MARKING && marker.hasWork();
  }

  /** Stacks not scanned yet this cycle when stacks are scanned incrementally, in order. */
  public List<String> unscannedStacks() {
    if (phase != Phase.MARKING || stackScan != StackScan.INCREMENTAL) {
      return List.of();
    }
    return heap.goroutines().stream().filter(g -> heap.stackColor(g) == Color.GREY).toList();
  }

  /** Scans one goroutine's stack now (incremental stack scanning only): shades what it holds. */
  public void scanStack(String goroutine) {
    requirePhase(Phase.MARKING);
    if (!unscannedStacks().contains(goroutine)) {
      throw new IllegalStateException(goroutine + "'s stack is not waiting to be scanned");
    }
    scanStack(goroutine, Color.BLACK);
  }

  /** Whether {@link #step} has anything left to do. */
  public boolean hasWork() {
    return phase == Phase.MARKING
        && (marker.hasWork()
            || stackScan == StackScan.INCREMENTAL
                && heap.goroutines().stream().anyMatch(g -> heap.stackColor(g) == Color.GREY));
  }

  /** Runs one mutator step; pointer writes into the heap go through the barrier while marking. */
  public void run(Op op) {
    if (phase == Phase.SWEPT) {
      throw new IllegalStateException("the cycle is over; start a new collector");
    }
    String g = op.goroutine();
    heap.addGoroutine(g);
    if (phase == Phase.MARKING && heap.stackColor(g) == Color.WHITE) {
      heap.setStackColor(g, Color.GREY); // a goroutine that appears mid-cycle: treat as unscanned
    }
    switch (op) {
      case Op.Load load -> {
        if (load.from() != null) {
          requireReachable(g, load.from());
        }
        heap.store(
            new Slot.StackVar(g, load.var()), load.from() == null ? null : heap.read(load.from()));
      }
      case Op.New alloc -> {
        heap.allocate(
            alloc.object(), alloc.fields(), phase == Phase.MARKING ? Color.BLACK : Color.WHITE);
        if (phase == Phase.MARKING) {
          allocated.add(alloc.object());
        }
        heap.store(new Slot.StackVar(g, alloc.var()), alloc.object());
      }
      case Op.Store store -> {
        requireReachable(g, store.to());
        String ptr = store.var() == null ? null : heap.read(new Slot.StackVar(g, store.var()));
        if (phase == Phase.MARKING && store.to().barriered()) {
          writer = g;
          try {
            barrier.writePointer(gc, store.to(), ptr);
          } finally {
            writer = null;
          }
          if (!Objects.equals(heap.read(store.to()), ptr)) {
            throw new IllegalStateException(
                "the write barrier did not store "
                    + (ptr == null ? "nil" : ptr)
                    + " into "
                    + store.to());
          }
        } else {
          heap.store(store.to(), ptr);
        }
      }
    }
    if (phase == Phase.MARKING) {
      everReachable.addAll(heap.reachable());
    }
  }

  /**
   * Mark termination, with the world stopped: rescans the stacks if the barrier needs it, and
   * finishes any grey work left (a real collector would loop back to concurrent marking instead).
   */
  public void terminate() {
    requirePhase(Phase.MARKING);
    if (stackScan == StackScan.AT_START_AND_RESCAN) {
      for (String g : heap.goroutines()) {
        scanStack(g, Color.BLACK);
        stoppedTheWorldWork++;
      }
    }
    while (hasWork()) {
      step();
      stoppedTheWorldWork++;
    }
    phase = Phase.MARKED;
  }

  /** Objects still reachable that marking left white: the sweep would free live memory. */
  public List<String> lost() {
    requirePhase(Phase.MARKED);
    return heap.reachable().stream().filter(o -> heap.color(o) == Color.WHITE).toList();
  }

  /** Frees every white object; the survivors turn white for the next cycle. */
  public Sweep sweep() {
    requirePhase(Phase.MARKED);
    var freed = new ArrayList<String>();
    var kept = new ArrayList<String>();
    for (String o : heap.objects()) {
      (heap.color(o) == Color.WHITE ? freed : kept).add(o);
    }
    for (String o : freed) {
      clearPointersTo(o);
      heap.free(o);
    }
    kept.forEach(o -> heap.setColor(o, Color.WHITE));
    heap.goroutines().forEach(g -> heap.setStackColor(g, Color.WHITE));
    phase = Phase.SWEPT;
    return new Sweep(List.copyOf(freed), List.copyOf(kept));
  }

  /** Objects reachable when the cycle started. */
  public Set<String> reachableAtStart() {
    return java.util.Collections.unmodifiableSequencedSet(reachableAtStart);
  }

  /** Objects reachable at the start or after any mutator step since. */
  public Set<String> everReachable() {
    return java.util.Collections.unmodifiableSequencedSet(everReachable);
  }

  /** Objects the mutator allocated during marking (born black). */
  public Set<String> allocatedDuringMarking() {
    return java.util.Collections.unmodifiableSequencedSet(allocated);
  }

  /** Roots scanned and objects marked with the world stopped: the pause, in units of work. */
  public int stoppedTheWorldWork() {
    return stoppedTheWorldWork;
  }

  /** A goroutine can only touch a field of an object it can reach, as real code can. */
  private void requireReachable(String goroutine, Slot slot) {
    if (slot instanceof Slot.Field field) {
      var mine = new java.util.ArrayList<String>(heap.pointersOnStack(goroutine));
      heap.globalSlots().stream().map(heap::read).filter(Objects::nonNull).forEach(mine::add);
      if (!heap.reachableFrom(mine, o -> true).contains(field.object())) {
        throw new IllegalArgumentException(
            goroutine
                + " cannot reach "
                + field.object()
                + " to use "
                + field
                + ": no pointer to it from its stack or a global");
      }
    }
  }

  private void scanStack(String goroutine, Color after) {
    heap.pointersOnStack(goroutine).forEach(marker::shade);
    heap.setStackColor(goroutine, after);
  }

  /**
   * A freed object can only be pointed to by garbage; drop those pointers so the heap stays valid.
   */
  private void clearPointersTo(String freed) {
    heap.heapPointers()
        .forEach(
            (slot, target) -> {
              if (target.equals(freed)) {
                heap.store(slot, null);
              }
            });
    for (Slot root : heap.roots()) {
      if (freed.equals(heap.read(root))) {
        heap.store(root, null); // only a broken collector frees an object a root still holds
      }
    }
  }

  private void requirePhase(Phase expected) {
    if (phase != expected) {
      throw new IllegalStateException("the collector is " + phase + ", not " + expected);
    }
  }
}
