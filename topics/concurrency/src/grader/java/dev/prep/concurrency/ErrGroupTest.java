package dev.prep.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code concurrency/err-group}: {@code golang.org/x/sync/errgroup} on top of your
 * {@link Context}. Tasks never sleep: they wait on latches or on the group's context, with
 * timeouts, so a wrong answer fails in seconds instead of hanging.
 */
@DisplayName("err-group: the first error cancels the rest, every worker is joined")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ErrGroupTest {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  @Test
  @DisplayName("When every task succeeds, await returns null after all of them ran")
  void successPath() throws InterruptedException {
    ErrGroup group = ErrGroup.withContext(Context.background());
    AtomicInteger finished = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      group.go(ctx -> finished.incrementAndGet());
    }

    assertThat(group.await()).as("await() when no task threw").isNull();
    assertThat(finished.get()).as("tasks that had finished when await returned").isEqualTo(5);
    assertThat(group.context().err())
        .as("the group's context after await: Go's Wait cancels it so it never leaks")
        .isSameAs(Context.CANCELED);
  }

  @Test
  @DisplayName("The first error wins; errors thrown after it are ignored")
  void firstErrorWins() throws InterruptedException {
    ErrGroup group = ErrGroup.withContext(Context.background());
    Exception first = new IllegalStateException("first: disk full");
    for (int i = 1; i <= 3; i++) {
      Exception later = new IllegalArgumentException("later #" + i);
      group.go(
          ctx -> {
            ctx.done().await(PATIENCE); // throw only once the first error has cancelled the group
            throw later;
          });
    }
    group.go(
        ctx -> {
          throw first;
        });

    assertThat(group.await())
        .as("await() when one task failed first and three failed after the cancel")
        .isSameAs(first);
  }

  @Test
  @DisplayName(
      "The first error cancels the group's context, which siblings observe; the parent lives")
  void siblingsObserveCancellation() throws InterruptedException {
    Context.Cancelable parent = Context.withCancel(Context.background());
    ErrGroup group = ErrGroup.withContext(parent.context());
    CountDownLatch siblingWaiting = new CountDownLatch(1);
    AtomicReference<Object> siblingSaw = new AtomicReference<>("nothing yet");
    group.go(
        ctx -> {
          siblingWaiting.countDown();
          boolean closed = ctx.done().await(PATIENCE);
          siblingSaw.set(closed ? ctx.err() : "done() still open after " + PATIENCE);
        });
    Exception boom = new RuntimeException("boom");
    group.go(
        ctx -> {
          siblingWaiting.await();
          throw boom;
        });

    assertThat(group.await()).isSameAs(boom);
    assertThat(siblingSaw.get())
        .as("what the sibling saw in its context after the other task threw")
        .isSameAs(Context.CANCELED);
    assertThat(parent.context().err())
        .as("the parent's err(): a group's failure must not cancel its parent")
        .isNull();
    parent.cancel().run();
  }

  @Test
  @DisplayName("Cancelling the parent context reaches the tasks")
  void parentCancellationReachesTasks() throws InterruptedException {
    Context.Cancelable parent = Context.withCancel(Context.background());
    ErrGroup group = ErrGroup.withContext(parent.context());
    CountDownLatch running = new CountDownLatch(1);
    group.go(
        ctx -> {
          running.countDown();
          if (!ctx.done().await(PATIENCE)) {
            throw new AssertionError(
                "the task's context stayed open after the parent was cancelled");
          }
          throw ctx.err(); // Go's idiom: return ctx.Err()
        });
    running.await();
    parent.cancel().run();

    assertThat(group.await())
        .as("await() after the parent was cancelled")
        .isSameAs(Context.CANCELED);
  }

  @Test
  @DisplayName("await returns only when every task has finished, even after an early error")
  void awaitJoinsEveryTask() throws InterruptedException {
    ErrGroup group = ErrGroup.withContext(Context.background());
    CountDownLatch mayFinish = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    int slow = 4;
    for (int i = 0; i < slow; i++) {
      group.go(
          ctx -> {
            try {
              mayFinish.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS); // cleanup takes a while
            } finally {
              finished.incrementAndGet();
            }
          });
    }
    Exception boom = new RuntimeException("boom");
    group.go(
        ctx -> {
          try {
            throw boom;
          } finally {
            finished.incrementAndGet();
          }
        });
    assertThat(group.context().done().await(PATIENCE))
        .as("the group's context, closed by the failing task")
        .isTrue();

    Thread me = Thread.currentThread();
    Thread releaser =
        Thread.ofPlatform()
            .daemon(true)
            .start(
                () -> {
                  // Let the slow tasks finish only once the test thread is blocked in await().
                  waitFor(
                      () ->
                          me.getState() == Thread.State.WAITING
                              || me.getState() == Thread.State.TIMED_WAITING);
                  mayFinish.countDown();
                });
    try {
      Exception result = group.await();
      assertThat(finished.get())
          .as(
              "tasks finished when await() returned: it must join every task, not just wait for"
                  + " the first error")
          .isEqualTo(slow + 1);
      assertThat(result).isSameAs(boom);
    } finally {
      mayFinish.countDown();
      releaser.join(PATIENCE.toMillis());
    }
  }

  @Test
  @DisplayName("setLimit(2): at most 2 tasks run at once, and go() blocks until a slot frees")
  void limitIsRespected() throws InterruptedException {
    ErrGroup group = ErrGroup.withContext(Context.background());
    group.setLimit(2);
    int tasks = 6;
    AtomicInteger active = new AtomicInteger();
    AtomicInteger highWater = new AtomicInteger();
    AtomicInteger submitted = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    AtomicReference<Throwable> submitFailure = new AtomicReference<>();
    Thread submitter =
        Thread.ofPlatform()
            .daemon(true)
            .start(
                () -> {
                  try {
                    for (int i = 0; i < tasks; i++) {
                      group.go(
                          ctx -> {
                            highWater.accumulateAndGet(active.incrementAndGet(), Math::max);
                            try {
                              gate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                            } finally {
                              active.decrementAndGet();
                              ran.incrementAndGet();
                            }
                          });
                      submitted.incrementAndGet();
                    }
                  } catch (Throwable t) {
                    submitFailure.set(t);
                  }
                });
    try {
      assertThat(waitFor(() -> highWater.get() >= 2)) // highWater, not active: it is set just after
          .as(
              "two tasks running at once within %s s of the first go() (limit 2)",
              PATIENCE.toSeconds())
          .isTrue();
      // Settled: go() returned twice and the submitter is parked in the third call, or it is done.
      Set<Thread.State> parked = EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING);
      waitFor(
          () ->
              submitter.getState() == Thread.State.TERMINATED
                  || submitted.get() > 2
                  || (submitted.get() == 2 && parked.contains(submitter.getState())));
      assertThat(submitted.get())
          .as("calls to go() that returned while 2 tasks held both slots (the third must block)")
          .isEqualTo(2);
      assertThat(highWater.get())
          .as("most tasks running at once, before any finished")
          .isEqualTo(2);
    } finally {
      gate.countDown();
      submitter.join(PATIENCE.toMillis());
    }
    assertThat(submitFailure.get()).as("what go() threw in the submitting thread").isNull();
    assertThat(group.await()).as("await() when no task threw").isNull();
    assertThat(ran.get()).as("tasks run in all").isEqualTo(tasks);
    assertThat(highWater.get()).as("most tasks running at once, over the whole run").isEqualTo(2);
  }

  @Test
  @DisplayName("Changing the limit while tasks run panics, as in Go")
  void limitCannotChangeWhileRunning() throws InterruptedException {
    ErrGroup group = ErrGroup.withContext(Context.background());
    CountDownLatch release = new CountDownLatch(1);
    group.go(ctx -> release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
    try {
      assertThatThrownBy(() -> group.setLimit(1))
          .isInstanceOf(GoPanic.class)
          .hasMessageContaining("modify limit while 1 goroutines");
    } finally {
      release.countDown();
    }
    assertThat(group.await()).isNull();
  }

  /** Polls (parking, not spinning: 2 cores are shared) until the condition holds or time is up. */
  private static boolean waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(100_000);
    }
    return true;
  }
}
