package dev.prep.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.memory.SeqLockPoint.Point;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code memory/seqlock}: a sequence lock over two longs.
 *
 * <p>Torn reads are rare even when the code is wrong: {@code seq}, {@code x} and {@code y} share
 * one cache line, so a writer's stores usually reach the other core together, and a reader sees
 * half a write only when a thread is switched out between two of its accesses. The stress run
 * raises the odds with thread switches: the writer parks after every 100 of its million writes, and
 * three readers and the writer share two cores. Graded through {@code prep check} on the course's
 * 2-core machine (JDK 25, C1 as in the grading worker, other work running), it caught a writer that
 * never makes {@code seq} odd in 16 runs of 16 and a reader that skips the second look at {@code
 * seq} in 6 of 6; with two readers the writer's bug slipped through 2 runs of 5, and with 300,000
 * writes and a pause every 1,000 about half the runs. A reader that never retries, or that does not
 * check for an odd {@code seq}, is caught deterministically, white-box: the test leaves the point
 * as a writer would half-way through a write (odd {@code seq}, new {@code x}, old {@code y})
 * through the fields themselves, and a correct {@code read} must wait. Missing fences cannot be
 * caught on x86 under C1, which keeps these accesses in program order; the hints explain them.
 */
@DisplayName("seqlock: a sequence lock over a pair of longs")
class SeqLockPointTest {

  private static final long JOIN_SECONDS = 4;

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A new point reads (0, 0), and read returns the last write")
  void sequential() throws InterruptedException {
    var point = new SeqLockPoint();
    assertThat(Async.readNow(point, "of a new point")).isEqualTo(new Point(0, 0));
    point.write(3, 4);
    assertThat(Async.readNow(point, "after write(3, 4)")).isEqualTo(new Point(3, 4));
    point.write(-7, Long.MAX_VALUE);
    point.write(Long.MIN_VALUE, 9);
    assertThat(Async.readNow(point, "after write(-7, MAX_VALUE), write(MIN_VALUE, 9)"))
        .isEqualTo(new Point(Long.MIN_VALUE, 9));
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("Each write leaves the sequence number even and 2 higher")
  void sequenceAdvancesByTwo() {
    var point = new SeqLockPoint();
    assertThat(Fields.seq(point)).as("seq of a new point").isZero();
    for (int i = 1; i <= 3; i++) {
      point.write(i, -i);
      assertThat(Fields.seq(point))
          .as(
              "seq after %d writes: a write makes it odd (+1) before the data and even again (+1)"
                  + " after",
              i)
          .isEqualTo(2L * i);
    }
  }

  @Test
  @Tag("task:2")
  @Timeout(10)
  @DisplayName("read waits while a write is in progress (odd sequence), then returns that write")
  void readWaitsForAWriteInProgress() throws Exception {
    var point = new SeqLockPoint();
    point.write(1, -1);
    Fields.halfWrite(point, 2); // seq odd, x = 2, y still -1: a writer stopped between its stores
    long odd = Fields.seq(point);
    var reader = Async.read(point);
    // read() must not return while seq is odd; a correct one never does, so any wait is safe
    Point early = reader.resultWithin(Duration.ofMillis(150));
    if (early != null) {
      fail(
          """
          read() returned %s while seq was %d: a writer was half-way through, x already new, \
          y still old. That pair never existed. A reader must retry while seq is odd, and also \
          when seq changed during its copy."""
              .formatted(early, odd));
    }
    Fields.finishWrite(point, -2); // y = -2, seq even (4): the write is complete
    Point late = reader.resultWithin(Duration.ofSeconds(JOIN_SECONDS));
    if (late == null) {
      fail(
          """
          read() did not return within %d s after the write finished (seq even again). Read seq \
          afresh on every attempt with SEQ.getAcquire(this): a plain read in a loop may be \
          read once and kept in a register."""
              .formatted(JOIN_SECONDS));
    }
    assertThat(late).as("read() once the write (2, -2) finished").isEqualTo(new Point(2, -2));
  }

  @Test
  @Tag("task:2")
  @Timeout(10)
  @DisplayName("read takes no lock: it returns while a writer holds the writers' monitor")
  void readTakesNoLock() throws Exception {
    var point = new SeqLockPoint();
    point.write(5, -5);
    Point seen;
    synchronized (point) { // what a writer holds between its stores
      seen = Async.read(point).resultWithin(Duration.ofSeconds(2));
    }
    if (seen == null) {
      fail(
          "read() blocked while another thread held the writers' monitor: readers of a seqlock"
              + " take no lock (no synchronized on read); they validate with seq instead");
    }
    assertThat(seen).isEqualTo(new Point(5, -5));
  }

  @Test
  @Tag("task:2")
  @Timeout(20)
  @DisplayName("Three readers during a million writes of (i, -i) never see a torn pair")
  void noTornReads() throws InterruptedException {
    int writes = 1_000_000;
    int readers = 3;
    var point = new SeqLockPoint();
    var writing = new AtomicBoolean(true);
    var problem = new AtomicReference<String>();
    var reads = new AtomicLong();
    var readersRunning = new CountDownLatch(readers);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      threads.add(
          Threads.start(
              "reader-" + r,
              problem,
              () -> {
                readersRunning.countDown();
                long done = 0;
                long lastX = 0;
                while (writing.get() && problem.get() == null) {
                  Point p = point.read();
                  done++;
                  if (p.y() != -p.x()) {
                    problem.compareAndSet(null, Torn.message(p, done));
                  } else if (p.x() < lastX) {
                    problem.compareAndSet(
                        null,
                        "read() went back in time: (%d, %d) after (%d, %d) on the same thread"
                            .formatted(p.x(), p.y(), lastX, -lastX));
                  }
                  lastX = p.x();
                }
                reads.addAndGet(done);
              }));
    }
    threads.add(
        Threads.start(
            "writer",
            problem,
            () -> {
              try {
                readersRunning.await(JOIN_SECONDS, TimeUnit.SECONDS); // write while they read
                for (int i = 1; i <= writes && problem.get() == null; i++) {
                  point.write(i, -i);
                  if (i % 100 == 0) {
                    // quiet moments for clean copies, and thread switches that expose torn ones
                    LockSupport.parkNanos(20_000);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                writing.set(false);
              }
            }));
    boolean finished = Threads.joinAll(threads);
    String seen = problem.get();
    writing.set(false); // stops a reader that is still running
    if (seen != null) {
      fail(seen + " [%d readers during %,d writes]".formatted(readers, writes));
    }
    if (!finished) {
      fail(
          """
          After %d s the writer or a reader was still running (%,d reads done). A reader that \
          never returns is stuck retrying: does it read seq afresh each time, and does the \
          writer always leave seq even at the end?"""
              .formatted(JOIN_SECONDS, reads.get()));
    }
    assertThat(reads.get()).as("reads completed while the writer ran (progress)").isPositive();
    assertThat(Async.readNow(point, "after the last write")).isEqualTo(new Point(writes, -writes));
  }

  /** The failure message for a torn pair. */
  private static final class Torn {
    static String message(Point p, long readNumber) {
      return """
          read #%,d returned %s, but every write was (i, -i): x and y came from different \
          writes. Retry unless seq was even before the copy and unchanged after it, with \
          VarHandle.loadLoadFence() between the copy and the second look; the writer makes seq \
          odd (then storeStoreFence) before it stores x and y, and even again after."""
          .formatted(readNumber, p);
    }
  }

  /** The point's private fields, read and written as a writer would (white-box). */
  private static final class Fields {
    private static final VarHandle SEQ = handle("seq");
    private static final VarHandle X = handle("x");
    private static final VarHandle Y = handle("y");

    private static VarHandle handle(String name) {
      try {
        return MethodHandles.privateLookupIn(SeqLockPoint.class, MethodHandles.lookup())
            .findVarHandle(SeqLockPoint.class, name, long.class);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(
            "the grader reads SeqLockPoint's private long field '"
                + name
                + "': keep the fields seq, x and y, all of type long",
            e);
      }
    }

    static long seq(SeqLockPoint point) {
      return (long) SEQ.getVolatile(point);
    }

    /** Leaves the point as a writer stopped after its first data store. */
    static void halfWrite(SeqLockPoint point, long newX) {
      long s = seq(point);
      SEQ.setVolatile(point, (s & 1) == 0 ? s + 1 : s + 2); // the next odd value, whatever s was
      X.setVolatile(point, newX);
    }

    /** Completes {@link #halfWrite}: the second data store, then seq even. */
    static void finishWrite(SeqLockPoint point, long newY) {
      Y.setVolatile(point, newY);
      SEQ.setVolatile(point, seq(point) + 1);
    }
  }

  /** A read() on its own thread, so a test can see whether it returns. */
  private record Async(Thread thread, FutureTask<Point> task) {
    static Async read(SeqLockPoint point) {
      FutureTask<Point> task = new FutureTask<>(point::read);
      return new Async(Thread.ofPlatform().daemon().name("reader").start(task), task);
    }

    /** What read() returns with no write in progress; fails if it does not return within 2 s. */
    static Point readNow(SeqLockPoint point, String when) throws InterruptedException {
      Point p = read(point).resultWithin(Duration.ofSeconds(2));
      if (p == null) {
        fail(
            "read() %s, with no write in progress, did not return within 2 s: it retries for"
                + " ever. Does every write leave seq even (2 higher in all), and does read look at"
                + " seq afresh on each attempt?",
            when);
      }
      return p;
    }

    /** The point read, or null if read() has not returned within {@code wait}. */
    Point resultWithin(Duration wait) throws InterruptedException {
      try {
        return task.get(wait.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return null;
      } catch (ExecutionException e) {
        // rethrown as if read() had run on this thread, so "not implemented" reads as such
        if (e.getCause() instanceof RuntimeException unchecked) {
          throw unchecked;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        return fail("read() threw " + e.getCause(), e.getCause());
      }
    }
  }

  /** Worker threads that report what they throw, and deadline joins. */
  private static final class Threads {
    static Thread start(String name, AtomicReference<String> problem, Runnable body) {
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

    static boolean joinAll(List<Thread> threads) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
      for (Thread t : threads) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !t.join(Duration.ofNanos(left))) {
          return false;
        }
      }
      return true;
    }
  }
}
