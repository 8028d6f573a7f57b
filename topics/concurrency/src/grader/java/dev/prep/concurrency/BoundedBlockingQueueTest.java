package dev.prep.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code concurrency/bounded-queue}: semantic tests of blocking and timing-out, bounded
 * stress runs (fixed counts, a latch to start every thread together, a deadline on every join), and
 * a Lincheck model-checking run of the non-blocking operations, small enough to finish in seconds.
 */
@DisplayName("bounded-queue: a bounded blocking queue from one lock and two conditions")
class BoundedBlockingQueueTest {

  private static final long JOIN_SECONDS = 4;

  /** Lincheck's view of the queue: non-blocking operations, checked against sequential runs. */
  public static final class QueueOperations {
    private final BoundedBlockingQueue<Integer> queue = new BoundedBlockingQueue<>(2);

    @Operation
    public boolean offer(int e) throws InterruptedException {
      return queue.offer(e, Duration.ZERO);
    }

    @Operation
    public Integer poll() throws InterruptedException {
      return queue.poll(Duration.ZERO);
    }

    @Operation
    public int size() {
      return queue.size();
    }
  }

  @Test
  @Timeout(15)
  @DisplayName("Lincheck (model checking): every concurrent run matches some sequential order")
  void linearizable() {
    new ModelCheckingOptions()
        .iterations(5)
        .invocationsPerIteration(100)
        .threads(2)
        .actorsPerThread(2)
        .check(QueueOperations.class);
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("take returns elements in the order they were put (FIFO), and size counts them")
  void fifoOrder() throws InterruptedException {
    var queue = new BoundedBlockingQueue<Integer>(3);
    for (int round = 0; round < 3; round++) { // three rounds: the ring wraps around
      queue.put(1);
      queue.put(2);
      queue.put(3);
      assertThat(queue.size()).as("size after three puts into a queue of capacity 3").isEqualTo(3);
      assertThat(List.of(queue.take(), queue.take(), queue.take()))
          .as("takes after put(1), put(2), put(3), round " + (round + 1))
          .containsExactly(1, 2, 3);
      assertThat(queue.size()).as("size after taking everything").isZero();
    }
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("put on a full queue blocks until a take makes room")
  void putBlocksWhenFull() throws Exception {
    var queue = new BoundedBlockingQueue<String>(2);
    queue.put("a");
    queue.put("b");
    var putter =
        Async.start(
            "putter",
            () -> {
              queue.put("c");
              return null;
            });
    putter.awaitBlocked("put(\"c\") on a full queue of capacity 2");
    assertThat(queue.size()).as("size while a put waits: capacity is never exceeded").isEqualTo(2);
    assertThat(queue.take()).isEqualTo("a");
    putter.await("put(\"c\") after a take made room (did take signal notFull?)");
    assertThat(List.of(queue.take(), queue.take())).containsExactly("b", "c");
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("take on an empty queue blocks until a put brings an element")
  void takeBlocksWhenEmpty() throws Exception {
    var queue = new BoundedBlockingQueue<String>(2);
    var taker = Async.start("taker", queue::take);
    taker.awaitBlocked("take() on an empty queue");
    queue.put("x");
    assertThat(taker.await("take() after a put (did put signal notEmpty?)")).isEqualTo("x");
  }

  @Test
  @Tag("task:2")
  @Timeout(5)
  @DisplayName("offer with a timeout gives up with false on a queue that stays full")
  void offerTimesOut() throws InterruptedException {
    var queue = new BoundedBlockingQueue<Integer>(1);
    assertThat(queue.offer(1, Duration.ofMillis(50))).as("offer into an empty queue").isTrue();
    long start = System.nanoTime();
    assertThat(queue.offer(2, Duration.ofMillis(50)))
        .as("offer into a full queue, 50 ms")
        .isFalse();
    assertThat(System.nanoTime() - start)
        .as("nanoseconds offer waited before giving up: at least the 50 ms it was given")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(queue.size()).as("size after the failed offer").isEqualTo(1);
  }

  @Test
  @Tag("task:2")
  @Timeout(5)
  @DisplayName("poll with a timeout gives up with null on a queue that stays empty")
  void pollTimesOut() throws InterruptedException {
    var queue = new BoundedBlockingQueue<Integer>(1);
    long start = System.nanoTime();
    assertThat(queue.poll(Duration.ofMillis(50))).as("poll of an empty queue, 50 ms").isNull();
    assertThat(System.nanoTime() - start)
        .as("nanoseconds poll waited before giving up: at least the 50 ms it was given")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    queue.put(7);
    assertThat(queue.poll(Duration.ZERO))
        .as("poll with a zero timeout when an element is there")
        .isEqualTo(7);
  }

  @Test
  @Tag("task:2")
  @Timeout(5)
  @DisplayName("Timed offer and poll succeed as soon as the other side arrives within the timeout")
  void timedOperationsSucceedWhenWoken() throws Exception {
    var queue = new BoundedBlockingQueue<Integer>(1);
    var poller = Async.start("poller", () -> queue.poll(Duration.ofSeconds(10)));
    poller.awaitBlocked("poll(10 s) on an empty queue");
    queue.put(1);
    assertThat(poller.await("poll(10 s) after a put")).as("what poll got").isEqualTo(1);

    queue.put(2);
    var offerer = Async.start("offerer", () -> queue.offer(3, Duration.ofSeconds(10)));
    offerer.awaitBlocked("offer(3, 10 s) on a full queue");
    assertThat(queue.take()).isEqualTo(2);
    assertThat(offerer.await("offer(3, 10 s) after a take")).as("what offer returned").isTrue();
    assertThat(queue.take()).isEqualTo(3);
  }

  @Test
  @Tag("task:1")
  @DisplayName("The capacity must be at least 1, and null elements are refused")
  void validation() {
    assertThatThrownBy(() -> new BoundedBlockingQueue<Integer>(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BoundedBlockingQueue<Integer>(1).put(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Tag("task:3")
  @Timeout(20)
  @DisplayName(
      "Several producers and consumers: every element taken exactly once, capacity never exceeded")
  @ParameterizedTest(name = "{0} producers x {1} consumers, capacity {2}, {3} elements each")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          4 | 4 | 1 | 5000
          3 | 5 | 2 | 5000
          6 | 2 | 3 | 4000
          """)
  void producersAndConsumers(int producers, int consumers, int capacity, int perProducer)
      throws Exception {
    var queue = new BoundedBlockingQueue<Integer>(capacity);
    int total = producers * perProducer;
    var seen = new AtomicIntegerArray(total);
    var problem = new AtomicReference<String>();
    var maxSize = new AtomicInteger();
    var start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int first = p * perProducer;
      threads.add(
          Thread.ofPlatform()
              .daemon()
              .name("producer-" + p)
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = first; i < first + perProducer && problem.get() == null; i++) {
                      try {
                        queue.put(i);
                      } catch (InterruptedException e) {
                        return;
                      }
                      maxSize.accumulateAndGet(queue.size(), Math::max);
                    }
                  }));
    }
    int share = total / consumers;
    for (int c = 0; c < consumers; c++) {
      int mine = c == consumers - 1 ? total - share * (consumers - 1) : share;
      threads.add(
          Thread.ofPlatform()
              .daemon()
              .name("consumer-" + c)
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = 0; i < mine && problem.get() == null; i++) {
                      Integer e;
                      try {
                        e = queue.take();
                      } catch (InterruptedException ex) {
                        return;
                      }
                      if (e == null) {
                        problem.compareAndSet(
                            null,
                            "take() returned null: it went ahead on an empty queue."
                                + " Wait in a while loop (while (count == 0) notEmpty.await()), not an if");
                      } else if (seen.incrementAndGet(e) > 1) {
                        problem.compareAndSet(null, "element " + e + " was taken twice");
                      }
                    }
                  }));
    }
    start.countDown();
    boolean finished = joinAll(threads);
    assertThat(problem.get())
        .as("what went wrong while %d producers and %d consumers ran", producers, consumers)
        .isNull();
    assertThat(maxSize.get())
        .as("largest size() seen during the run (capacity %d)", capacity)
        .isLessThanOrEqualTo(capacity);
    if (!finished) {
      fail(
          """
          %d producers and %d consumers (capacity %d) were still blocked after %d s, with %d elements \
          in the queue: a wake-up was lost. Use two conditions (takers wait on notEmpty, putters on \
          notFull), signal notEmpty after a put and notFull after a take, and re-check in a while \
          loop after every await."""
              .formatted(producers, consumers, capacity, JOIN_SECONDS, queue.size()));
    }
    for (int i = 0; i < total; i++) {
      if (seen.get(i) != 1) {
        fail(
            "element %d was taken %d times: every element must be taken exactly once"
                .formatted(i, seen.get(i)));
      }
    }
    assertThat(queue.size()).as("size after all elements were taken").isZero();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Joins every thread within one deadline; interrupts the rest (to end them) and says false. */
  private static boolean joinAll(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !t.join(Duration.ofNanos(left))) {
        threads.forEach(Thread::interrupt);
        return false;
      }
    }
    return true;
  }

  /** A call running on its own thread, so a test can see it block and then finish. */
  private record Async<T>(Thread thread, FutureTask<T> task) {
    static <T> Async<T> start(String name, Callable<T> call) {
      FutureTask<T> task = new FutureTask<>(call);
      return new Async<>(Thread.ofPlatform().daemon().name(name).start(task), task);
    }

    /** Waits (bounded) until the thread parks; fails if it finishes or keeps running instead. */
    void awaitBlocked(String what) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < deadline) {
        Thread.State state = thread.getState();
        if (task.isDone()) {
          fail(what + " returned at once; it should have blocked");
        }
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
          return;
        }
        LockSupport.parkNanos(100_000); // yield the core: 2 cores are shared
      }
      fail(
          what
              + " neither blocked nor returned within 2 s (thread "
              + thread.getState()
              + "): wait on a Condition instead of spinning");
    }

    /** The call's result, waiting at most a few seconds for it. */
    T await(String what) throws InterruptedException {
      try {
        return task.get(JOIN_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        thread.interrupt();
        return fail(what + " was still blocked after " + JOIN_SECONDS + " s: nobody woke it");
      } catch (ExecutionException e) {
        return fail(what + " threw " + e.getCause(), e.getCause());
      }
    }
  }
}
