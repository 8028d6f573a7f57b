package dev.prep.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code network/token-bucket}: the learner's {@link TokenBucket} on a fake clock (a
 * {@code LongSupplier} the test moves by hand), never real time. First the bucket itself (starts
 * full, all-or-nothing, arguments), then the lazy refill (exact values at chosen instants, the cap,
 * fractions kept over 14,429 steps of 0.7 ms, no thread and no system clock in the bytecode), then
 * four threads hammering one bucket, where the permits granted must never exceed the capacity plus
 * what the clock's advance refilled.
 */
@DisplayName("token-bucket: a full bucket, lazy exact refill, capped, thread-safe")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenBucketTest {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /**
   * An arbitrary start, as System.nanoTime() would give: nothing may assume the clock starts at 0.
   */
  private static final long START = 7_123_456_789_000L;

  /** A clock the test moves by hand. */
  static final class FakeClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(START);

    @Override
    public long getAsLong() {
      return nanos.get();
    }

    void advance(long delta) {
      nanos.addAndGet(delta);
    }

    /** Milliseconds since START, for messages. */
    String sinceStart() {
      return String.format("%.1f ms", (nanos.get() - START) / (double) MS);
    }
  }

  private final FakeClock clock = new FakeClock();

  @Test
  @Tag("task:1")
  @DisplayName("a new bucket is full: capacity calls pass with the clock standing still, then none")
  void startsFull() {
    var bucket = new TokenBucket(5, 1.0, clock);
    for (int call = 1; call <= 5; call++) {
      assertThat(bucket.tryAcquire())
          .as(
              "tryAcquire() call #%d on a new bucket (capacity 5, 1 token/s), clock standing still:"
                  + " a new bucket starts full, so the first 5 calls must pass",
              call)
          .isTrue();
    }
    assertThat(bucket.tryAcquire())
        .as("tryAcquire() call #6 with the clock standing still: the 5 tokens are used up")
        .isFalse();
    assertThat(bucket.availableTokens())
        .as("availableTokens() after taking all 5 tokens with no time passing")
        .isCloseTo(0.0, within(1e-9));
  }

  @Test
  @Tag("task:1")
  @DisplayName("tryAcquire(n) is all or nothing: too few tokens means none are taken")
  void allOrNothing() {
    var bucket = new TokenBucket(10, 1.0, clock);
    assertThat(bucket.tryAcquire(7)).as("tryAcquire(7) on a full bucket of 10").isTrue();
    assertThat(bucket.tryAcquire(4)).as("tryAcquire(4) with 3 tokens left").isFalse();
    assertThat(bucket.availableTokens())
        .as(
            "availableTokens() after a refused tryAcquire(4) with 3 tokens: a refused request"
                + " takes nothing, so 3 must remain (check before you subtract)")
        .isCloseTo(3.0, within(1e-9));
    assertThat(bucket.tryAcquire(3)).as("tryAcquire(3) with exactly 3 tokens left").isTrue();
    assertThat(bucket.tryAcquire(1)).as("tryAcquire(1) with the bucket empty").isFalse();
  }

  @Test
  @Tag("task:1")
  @DisplayName("permits below 1 or above the capacity throw IllegalArgumentException")
  void permitsOutOfRange() {
    var bucket = new TokenBucket(10, 1.0, clock);
    for (int permits : new int[] {0, -1, 11, Integer.MAX_VALUE}) {
      assertThat(thrownBy(() -> bucket.tryAcquire(permits)))
          .as(
              "tryAcquire(%d) on a bucket of capacity 10: the contract says permits outside"
                  + " 1..capacity throw IllegalArgumentException (more than the capacity could"
                  + " never be granted, so returning false would hide the caller's bug)",
              permits)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(bucket.tryAcquire(10))
        .as("tryAcquire(10) on a full bucket of capacity 10, after the refused calls above")
        .isTrue();
    assertThat(thrownBy(() -> new TokenBucket(0, 1.0, clock)))
        .as("new TokenBucket(capacity 0, ...): a bucket must hold at least one token")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(thrownBy(() -> new TokenBucket(1, 0.0, clock)))
        .as("new TokenBucket(..., tokensPerSecond 0.0, ...): the rate must be positive")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("task:2")
  @DisplayName("refill is computed from the elapsed time: exact tokens at chosen instants")
  void refillAtInstants() {
    var bucket = new TokenBucket(4, 2.0, clock);
    assertThat(bucket.tryAcquire(4)).as("tryAcquire(4) on a new bucket of capacity 4").isTrue();
    long[] steps = {250 * MS, 250 * MS, 0, 1000 * MS};
    double[] expected = {0.5, 1.0, 1.0, 3.0};
    for (int i = 0; i < steps.length; i++) {
      clock.advance(steps[i]);
      assertThat(bucket.availableTokens())
          .as(
              "availableTokens() %s after emptying a bucket that refills 2 tokens/s (nothing taken"
                  + " since): elapsed seconds × 2, fractions included",
              clock.sinceStart())
          .isCloseTo(expected[i], within(1e-9));
    }
    assertThat(bucket.tryAcquire(3)).as("tryAcquire(3) with 3.0 tokens").isTrue();
    clock.advance(250 * MS);
    assertThat(bucket.tryAcquire())
        .as("tryAcquire() %s, 0.5 tokens in the bucket", clock.sinceStart())
        .isFalse();
    clock.advance(250 * MS);
    assertThat(bucket.tryAcquire())
        .as(
            "tryAcquire() %s: 0.5 + 250 ms × 2/s = 1.0 token; the refused call must not have"
                + " lost the half token it found",
            clock.sinceStart())
        .isTrue();
  }

  @Test
  @Tag("task:2")
  @DisplayName("the bucket never holds more than its capacity, however long it sat idle")
  void cappedAtCapacity() {
    var bucket = new TokenBucket(3, 10.0, clock);
    assertThat(bucket.tryAcquire(2)).as("tryAcquire(2) on a new bucket of 3").isTrue();
    clock.advance(3_600 * SECOND);
    assertThat(bucket.availableTokens())
        .as(
            "availableTokens() after an hour idle at 10 tokens/s with capacity 3: the refill"
                + " stops at the capacity (min(capacity, tokens + refill))")
        .isCloseTo(3.0, within(1e-9));
    int granted = 0;
    for (int i = 0; i < 10; i++) {
      granted += bucket.tryAcquire() ? 1 : 0;
    }
    assertThat(granted)
        .as("tryAcquire() 10 times at once after an hour idle: the burst is the capacity, 3")
        .isEqualTo(3);
  }

  @Test
  @Tag("task:2")
  @DisplayName("fractions of a token add up: 3 tokens/s refilled every 0.7 ms still gives 3/s")
  void fractionsAccumulate() {
    var bucket = new TokenBucket(1, 3.0, clock);
    assertThat(bucket.tryAcquire()).as("the one token of a new bucket of capacity 1").isTrue();
    long step = 700_000; // 0.7 ms: each call refills 0.0021 tokens
    int steps = 14_429; // 10.1003 s in all: 30.3 tokens' worth
    int granted = 0;
    String first = "never";
    for (int i = 0; i < steps; i++) {
      clock.advance(step);
      if (bucket.tryAcquire()) {
        if (granted++ == 0) {
          first = clock.sinceStart();
        }
      }
    }
    assertThat(granted)
        .as(
            "tokens granted over 10.1 s at 3 tokens/s with tryAcquire() every 0.7 ms (your first"
                + " grant came at %s; expected 333.9 ms): each call refills only 0.0021 tokens,"
                + " so rounding the refill down to whole tokens (or the elapsed time down to whole"
                + " milliseconds) while still moving the refill time forward throws every"
                + " fraction away. Keep the fraction (a double), or move the refill time only by"
                + " the time the whole tokens you added took",
            first)
        .isEqualTo(30);
  }

  /** Classes a lazily refilled bucket has no use for: threads, timers, schedulers. */
  private static final Set<String> THREAD_CLASSES =
      Set.of(
          "java/lang/Thread",
          "java/lang/Thread$Builder",
          "java/lang/Thread$Builder$OfPlatform",
          "java/lang/Thread$Builder$OfVirtual",
          "java/util/Timer",
          "java/util/TimerTask",
          "java/util/concurrent/Executors",
          "java/util/concurrent/ExecutorService",
          "java/util/concurrent/ScheduledExecutorService",
          "java/util/concurrent/ScheduledThreadPoolExecutor",
          "java/util/concurrent/CompletableFuture");

  /** Clocks other than the injected one. */
  private static final Set<String> SYSTEM_CLOCKS =
      Set.of(
          "java/lang/System.nanoTime",
          "java/lang/System.currentTimeMillis",
          "java/time/Instant.now",
          "java/time/Clock.systemUTC",
          "java/time/Clock.systemDefaultZone",
          "java/time/InstantSource.system");

  @Test
  @Tag("task:2")
  @DisplayName(
      "no thread, timer or system clock: the refill is lazy and time is the injected clock")
  void lazyAndInjectedClockOnly() throws IOException {
    Set<String> threads = new TreeSet<>();
    Set<String> clocks = new TreeSet<>();
    for (ClassModel model : tokenBucketClasses()) {
      for (PoolEntry entry : model.constantPool()) {
        if (entry instanceof ClassEntry c && THREAD_CLASSES.contains(c.asInternalName())) {
          threads.add(c.asInternalName().replace('/', '.'));
        } else if (entry instanceof MemberRefEntry m) {
          String ref = m.owner().asInternalName() + "." + m.name().stringValue();
          if (SYSTEM_CLOCKS.contains(ref)) {
            clocks.add(ref.replace('/', '.'));
          }
        }
      }
    }
    assertThat(threads)
        .as(
            "threads, timers or executors your TokenBucket uses: a token bucket needs no"
                + " background refill; on each call, add elapsed × rate for the time since the"
                + " last refill")
        .isEmpty();
    assertThat(clocks)
        .as(
            "system clocks your TokenBucket reads: read time only from the nanoClock passed to"
                + " the constructor, so callers (and this test) control it")
        .isEmpty();
  }

  @Test
  @Tag("task:3")
  @DisplayName("four threads on one bucket never get more than capacity plus the refill")
  void threadSafe() throws InterruptedException {
    int threads = 4;
    int callsPerThread = 25_000;
    for (int round = 1; round <= 5; round++) {
      // every read of this clock moves it 0.5 ms on: at 1,000 tokens/s a call refills half a
      // token, so the bucket hovers near empty and every lost or doubled update shows
      AtomicLong time = new AtomicLong(START);
      LongSupplier ticking = () -> time.getAndAdd(500_000);
      var bucket = new TokenBucket(50, 1_000.0, ticking);
      long startedAt = time.get();
      var granted = new AtomicInteger();
      var start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      List<Throwable> errors = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker =
            Thread.ofPlatform()
                .name("token-bucket-grader-" + t)
                .unstarted(
                    () -> {
                      try {
                        start.await();
                        int mine = 0;
                        for (int i = 0; i < callsPerThread; i++) {
                          mine += bucket.tryAcquire() ? 1 : 0;
                        }
                        granted.addAndGet(mine);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      } catch (RuntimeException | Error e) {
                        synchronized (errors) {
                          errors.add(e);
                        }
                      }
                    });
        workers.add(worker);
        worker.start();
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join(5_000);
        if (worker.isAlive()) {
          fail("a thread calling tryAcquire() did not finish its 25,000 calls in 5 s: a deadlock?");
        }
      }
      if (!errors.isEmpty() && errors.getFirst() instanceof UnsupportedOperationException todo) {
        throw todo; // reported by prep as "not implemented yet"
      }
      if (!errors.isEmpty()) {
        fail("tryAcquire() threw under four threads: " + errors.getFirst(), errors.getFirst());
      }
      long elapsed = time.get() - startedAt;
      long refill = elapsed * 1_000 / SECOND;
      assertThat(granted.get())
          .as(
              "round %d: permits granted to 4 threads × 25,000 tryAcquire() on a bucket of"
                  + " capacity 50 refilled at 1,000 tokens/s while the clock advanced %,d ns"
                  + " (%,d tokens' worth): at most 50 + %,d. More means two threads took the same"
                  + " token or refilled the same interval twice: read the clock, refill, check and"
                  + " take under one lock (synchronized on both methods is enough)",
              round, elapsed, refill, refill)
          .isLessThanOrEqualTo(50 + (int) refill);
      assertThat(granted.get())
          .as("round %d: permits granted, at least the 50 the bucket started with", round)
          .isGreaterThanOrEqualTo(50);
    }
  }

  /** What {@code call} threw, or null; "not implemented yet" is passed on for prep to report. */
  private static Throwable thrownBy(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (thrown instanceof UnsupportedOperationException todo) {
      throw todo;
    }
    return thrown;
  }

  /** The learner's TokenBucket and any nested or anonymous classes it declares. */
  private static List<ClassModel> tokenBucketClasses() throws IOException {
    List<ClassModel> models = new ArrayList<>();
    var todo = new ArrayDeque<String>(List.of("dev/prep/network/TokenBucket"));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!seen.add(name)) {
        continue;
      }
      try (InputStream in =
          TokenBucket.class.getClassLoader().getResourceAsStream(name + ".class")) {
        if (in == null) {
          fail("could not read " + name + ".class to check what it uses");
        }
        ClassModel model = ClassFile.of().parse(in.readAllBytes());
        models.add(model);
        for (PoolEntry entry : model.constantPool()) {
          if (entry instanceof ClassEntry c
              && c.asInternalName().startsWith("dev/prep/network/TokenBucket$")) {
            todo.add(c.asInternalName());
          }
        }
      }
    }
    return models;
  }
}
