package dev.prep.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code memory/treiber-stack}: LIFO semantics on one thread, a Lincheck model check,
 * then conservation under contention: every value pushed is popped exactly once, none lost, none
 * twice.
 *
 * <p>Lincheck is the sharp tool here: it runs a few operations on two threads, tries their
 * interleavings at every shared-memory access, and compares each outcome with a real stack run
 * sequentially. A push or pop written as get-then-set, or a CAS whose failure is ignored, failed it
 * in every run we tried. The stress runs are the second line and use four threads on purpose: with
 * two threads on two cores one thread often finishes a batch before the other wakes, and on a busy
 * machine the broken versions then slip through; with four, threads are switched out in the middle
 * of their operations.
 */
@DisplayName("treiber-stack: a lock-free stack from one AtomicReference and a CAS loop")
class TreiberStackTest {

  private static final long JOIN_SECONDS = 5;

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("pop returns the elements in reverse order of push (LIFO), then null")
  void lifo() {
    var stack = new TreiberStack<String>();
    assertThat(stack.isEmpty()).as("isEmpty() of a new stack").isTrue();
    assertThat(stack.pop()).as("pop() of a new stack").isNull();
    stack.push("a");
    stack.push("b");
    stack.push("c");
    assertThat(stack.isEmpty()).as("isEmpty() after three pushes").isFalse();
    assertThat(List.of(stack.pop(), stack.pop())).containsExactly("c", "b");
    stack.push("d");
    assertThat(List.of(stack.pop(), stack.pop())).containsExactly("d", "a");
    assertThat(stack.pop()).as("pop() of an emptied stack").isNull();
    assertThat(stack.isEmpty()).as("isEmpty() of an emptied stack").isTrue();
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("peek shows the top without removing it")
  void peekLeavesTheTop() {
    var stack = new TreiberStack<Integer>();
    assertThat(stack.peek()).as("peek() of an empty stack").isNull();
    stack.push(1);
    stack.push(2);
    assertThat(stack.peek()).as("peek() after push(1), push(2)").isEqualTo(2);
    assertThat(stack.peek()).as("a second peek()").isEqualTo(2);
    assertThat(stack.pop()).as("pop() after two peeks").isEqualTo(2);
    assertThat(stack.peek()).isEqualTo(1);
    assertThat(stack.pop()).isEqualTo(1);
    assertThat(stack.peek()).as("peek() of an emptied stack").isNull();
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A hundred thousand pushes then pops: a long chain, no recursion, nothing lost")
  void deepStack() {
    var stack = new TreiberStack<Integer>();
    for (int i = 0; i < 100_000; i++) {
      stack.push(i);
    }
    for (int i = 99_999; i >= 0; i--) {
      Integer got = stack.pop();
      if (got == null || got != i) {
        fail("pop() returned %s, expected %d (pushed 0..99,999 in order)", got, i);
      }
    }
    assertThat(stack.isEmpty()).isTrue();
  }

  @Test
  @Tag("task:1")
  @DisplayName("null is refused: it is pop's answer for empty")
  void nullIsRefused() {
    var stack = new TreiberStack<String>();
    assertThatThrownBy(() -> stack.push(null)).isInstanceOf(NullPointerException.class);
    assertThat(stack.isEmpty()).as("isEmpty() after a refused null").isTrue();
  }

  /**
   * Lincheck's view of the stack. Lincheck runs the operations on two threads, explores their
   * interleavings at every shared-memory access, and checks each outcome against {@link
   * SequentialStack} run in some sequential order.
   */
  public static final class StackOperations {
    private final TreiberStack<Integer> stack = new TreiberStack<>();

    @Operation
    public void push(int e) {
      stack.push(e);
    }

    @Operation
    public Integer pop() {
      return stack.pop();
    }

    @Operation
    public Integer peek() {
      return stack.peek();
    }

    @Operation
    public boolean isEmpty() {
      return stack.isEmpty();
    }
  }

  /** The specification: what a stack does on one thread. */
  public static final class SequentialStack {
    private final ArrayDeque<Integer> deque = new ArrayDeque<>();

    public void push(int e) {
      deque.push(e);
    }

    public Integer pop() {
      return deque.poll();
    }

    public Integer peek() {
      return deque.peek();
    }

    public boolean isEmpty() {
      return deque.isEmpty();
    }
  }

  @Test
  @Tag("task:2")
  @Timeout(15)
  @DisplayName("Lincheck (model checking): every concurrent run matches some sequential order")
  void linearizable() {
    new ModelCheckingOptions()
        .iterations(5)
        .invocationsPerIteration(100)
        .threads(2)
        .actorsPerThread(3)
        .sequentialSpecification(SequentialStack.class)
        .check(StackOperations.class);
  }

  @Test
  @Tag("task:2")
  @Timeout(20)
  @DisplayName("Four threads push together, then pop together: every value comes out exactly once")
  void pushAllThenPopAll() throws Exception {
    int threads = 4;
    int rounds = 20;
    int perRound = 10_000;
    var stack = new TreiberStack<Integer>();
    var popped = new AtomicIntegerArray(threads * rounds * perRound);
    var barrier = new CyclicBarrier(threads);
    var problem = new AtomicReference<String>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers.add(
          Threads.start(
              "worker-" + t,
              () -> {
                for (int round = 0; round < rounds && problem.get() == null; round++) {
                  Threads.await(barrier); // everybody pushes at once...
                  int first = (round * threads + id) * perRound;
                  for (int i = first; i < first + perRound; i++) {
                    stack.push(i);
                  }
                  Threads.await(barrier); // ...then everybody pops at once, until empty
                  Integer e;
                  while ((e = stack.pop()) != null) {
                    Conservation.count(popped, e, problem);
                  }
                }
              },
              problem));
    }
    boolean finished = Threads.joinAll(workers, problem);
    Conservation.failOnProblem(problem, "%d threads pushing, then popping".formatted(threads));
    assertThat(finished).as("every worker finished").isTrue();
    Integer e;
    while ((e = stack.pop()) != null) {
      Conservation.count(popped, e, problem);
    }
    Conservation.failOnProblem(problem, "the final drain, on one thread");
    Conservation.assertEachOnce(
        popped,
        "%d threads, each pushing %,d values then popping, %d rounds"
            .formatted(threads, perRound, rounds));
  }

  @Test
  @Tag("task:2")
  @Timeout(20)
  @DisplayName("Pushers and poppers at the same time, then a final drain: nothing lost or doubled")
  void pushersAndPoppers() throws Exception {
    int pushers = 2;
    int poppers = 2;
    int perPusher = 100_000;
    var stack = new TreiberStack<Integer>();
    var popped = new AtomicIntegerArray(pushers * perPusher);
    var pushing = new CountDownLatch(pushers);
    var problem = new AtomicReference<String>();
    var start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int p = 0; p < pushers; p++) {
      int first = p * perPusher;
      workers.add(
          Threads.start(
              "pusher-" + p,
              () -> {
                Threads.await(start);
                for (int i = first; i < first + perPusher && problem.get() == null; i++) {
                  stack.push(i);
                }
                pushing.countDown();
              },
              problem));
    }
    for (int p = 0; p < poppers; p++) {
      workers.add(
          Threads.start(
              "popper-" + p,
              () -> {
                Threads.await(start);
                int idle = 0;
                while (problem.get() == null) {
                  Integer e = stack.pop();
                  if (e != null) {
                    Conservation.count(popped, e, problem);
                    idle = 0;
                  } else if (pushing.getCount() == 0) {
                    return; // the pushers are done and the stack looked empty: the drain checks
                  } else if (++idle > 100) {
                    LockSupport.parkNanos(10_000); // nothing to pop: leave the core to a pusher
                  }
                }
              },
              problem));
    }
    start.countDown();
    boolean finished = Threads.joinAll(workers, problem);
    Conservation.failOnProblem(
        problem, "%d pushers and %d poppers at once".formatted(pushers, poppers));
    assertThat(finished).as("every worker finished").isTrue();
    Integer e;
    while ((e = stack.pop()) != null) {
      Conservation.count(popped, e, problem);
    }
    Conservation.failOnProblem(problem, "the final drain, on one thread");
    Conservation.assertEachOnce(
        popped,
        "%d pushers of %,d values each, %d poppers, a final drain"
            .formatted(pushers, perPusher, poppers));
  }

  /** Every value pushed must be popped exactly once. */
  private static final class Conservation {
    static void count(AtomicIntegerArray popped, int value, AtomicReference<String> problem) {
      if (value < 0 || value >= popped.length()) {
        problem.compareAndSet(null, "pop() returned %d, which nobody pushed".formatted(value));
      } else if (popped.incrementAndGet(value) == 2) {
        problem.compareAndSet(
            null,
            """
            value %d was popped twice. Either two pops took the same node, or a push set top \
            back to a node already popped. Both come from top.get() followed by top.set(...): \
            use compareAndSet(whatYouRead, newTop) in push and pop, and retry from a fresh read \
            when it fails."""
                .formatted(value));
      }
    }

    static void failOnProblem(AtomicReference<String> problem, String run) {
      String seen = problem.get();
      if (seen != null) {
        fail(seen + " [" + run + "]");
      }
    }

    static void assertEachOnce(AtomicIntegerArray popped, String run) {
      int lost = 0;
      int firstLost = -1;
      for (int i = 0; i < popped.length(); i++) {
        if (popped.get(i) == 0) {
          lost++;
          firstLost = firstLost < 0 ? i : firstLost;
        }
      }
      if (lost > 0) {
        fail(
            """
            %,d of %,d pushed values were never popped (the first: %d) in a run of %s. A push \
            that reads top and then sets it overwrites a node another thread pushed in between: \
            link the new node to the top you read and install it with top.compareAndSet(read, \
            node), retrying when it fails."""
                .formatted(lost, popped.length(), firstLost, run));
      }
    }
  }

  /** Worker threads that report what they throw, barriers and latches with deadlines. */
  private static final class Threads {
    static Thread start(String name, Runnable body, AtomicReference<String> problem) {
      return Thread.ofPlatform()
          .daemon()
          .name(name)
          .start(
              () -> {
                try {
                  body.run();
                } catch (RuntimeException | Error e) {
                  problem.compareAndSet(null, name + " threw " + e);
                }
              });
    }

    static void await(CyclicBarrier barrier) {
      try {
        barrier.await(JOIN_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at a barrier", e);
      } catch (BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("a barrier broke: another thread failed or hung", e);
      }
    }

    static void await(CountDownLatch latch) {
      try {
        if (!latch.await(JOIN_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the start signal never came");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted before the start", e);
      }
    }

    /**
     * Joins every thread within one deadline. If one is still running, reports it through {@code
     * problem} (the loops stop on any problem) and says false.
     */
    static boolean joinAll(List<Thread> threads, AtomicReference<String> problem)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
      for (Thread t : threads) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !t.join(Duration.ofNanos(left))) {
          String hung =
              "%s was still running after %d s: does a CAS loop never succeed? Re-read top on"
                  + " every attempt";
          problem.compareAndSet(null, hung.formatted(t.getName(), JOIN_SECONDS));
          threads.forEach(Thread::interrupt);
          return false;
        }
      }
      return true;
    }
  }
}
