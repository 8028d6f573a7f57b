package dev.prep.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.concurrency.Channel.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code concurrency/select}, over the learner's (or the reference) {@link Channel}.
 * Fairness is graded statistically with fixed counts: 2,000 selects over two always-ready cases
 * give each about 1,000 wins with a standard deviation of about 22 (binomial, sqrt(2000 / 4)), so
 * the 40%..60% band is about 9 standard deviations wide on each side.
 */
@DisplayName("select: ready cases, default, a fair random choice, and blocking")
class SelectTest {

  private static final long JOIN_SECONDS = 4;
  private static final int RUNS = 2_000;

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("With no case ready, the default runs at once and no case does")
  void defaultWhenNothingReady() {
    var a = new Channel<Integer>(0);
    var b = new Channel<Integer>(1);
    var ran = new AtomicReference<String>("nothing");
    int chosen =
        new Select()
            .receive(a, r -> ran.set("receive from a"))
            .receive(b, r -> ran.set("receive from b"))
            .orDefault(() -> ran.set("default"))
            .run();
    assertThat(chosen)
        .as("run() when no case is ready and there is a default")
        .isEqualTo(Select.DEFAULT);
    assertThat(ran.get()).as("what ran").isEqualTo("default");
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A ready receive case beats the default and gets the value")
  void readyReceiveBeatsDefault() {
    var empty = new Channel<Integer>(1);
    var full = new Channel<Integer>(1);
    full.send(42);
    var got = new AtomicReference<Received<Integer>>();
    int chosen =
        new Select().receive(empty, got::set).receive(full, got::set).orDefault(() -> {}).run();
    assertThat(chosen)
        .as("index of the case that ran (the second case was the only ready one)")
        .isEqualTo(1);
    assertThat(got.get()).isEqualTo(new Received<>(42, true));
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A receive case on a closed channel is ready and gets (null, false)")
  void closedChannelIsReady() {
    var closed = new Channel<String>(0);
    closed.close();
    var got = new AtomicReference<Received<String>>();
    int chosen = new Select().receive(closed, got::set).orDefault(() -> {}).run();
    assertThat(chosen)
        .as("a receive from a closed channel never blocks, so the default must not run")
        .isZero();
    assertThat(got.get()).isEqualTo(new Received<String>(null, false));
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A send case with room sends; a send case on a closed channel panics")
  void sendCases() {
    var ch = new Channel<String>(1);
    var sent = new AtomicBoolean();
    assertThat(new Select().send(ch, "v", () -> sent.set(true)).orDefault(() -> {}).run()).isZero();
    assertThat(sent).as("the send case's action ran").isTrue();
    assertThat(ch.receive()).as("what the channel holds after the send case").isEqualTo("v");
    ch.close();
    assertThatThrownBy(() -> new Select().send(ch, "w", () -> {}).orDefault(() -> {}).run())
        .isInstanceOf(GoPanic.class)
        .hasMessage("send on closed channel");
  }

  @Test
  @Tag("task:2")
  @Timeout(10)
  @DisplayName(
      "Two always-ready cases: over 2,000 selects each is chosen between 40% and 60% of the time")
  void fairBetweenTwo() {
    var a = new Channel<Integer>(1);
    var b = new Channel<Integer>(1);
    int[] wins = new int[2];
    var select = new Select().receive(a, r -> a.send(0)).receive(b, r -> b.send(0));
    a.send(0);
    b.send(0);
    for (int i = 0; i < RUNS; i++) {
      wins[select.run()]++; // each action refills its channel: both stay ready
    }
    assertShare(wins[0], "the first case", 0.40, 0.60);
    assertShare(wins[1], "the second case", 0.40, 0.60);
  }

  @Test
  @Tag("task:2")
  @Timeout(10)
  @DisplayName(
      "Ready cases around a blocked one are still chosen half and half (a rotating start is not uniform)")
  void fairAroundABlockedCase() {
    var a = new Channel<Integer>(1);
    var never = new Channel<Integer>(0);
    var c = new Channel<Integer>(1);
    int[] wins = new int[3];
    var select =
        new Select().receive(a, r -> a.send(0)).receive(never, r -> {}).receive(c, r -> c.send(0));
    a.send(0);
    c.send(0);
    for (int i = 0; i < RUNS; i++) {
      wins[select.run()]++;
    }
    assertThat(wins[1]).as("wins of the case on a channel nobody sends to").isZero();
    assertShare(wins[0], "the first case (the second is never ready)", 0.40, 0.60);
    assertShare(wins[2], "the third case (the second is never ready)", 0.40, 0.60);
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName("Without a default, select blocks until a case is ready, then runs that one")
  void blocksUntilReady() throws Exception {
    var a = new Channel<Integer>(1);
    var b = new Channel<Integer>(0);
    var got = new AtomicReference<Received<Integer>>();
    var selecting =
        Async.start("select", () -> new Select().receive(a, got::set).receive(b, got::set).run());
    selecting.awaitBlocked("select over two empty channels, no default");
    b.send(7); // unbuffered: returns once the select has taken it
    assertThat(selecting.await("select after a send on its second channel"))
        .as("index of the case that ran")
        .isEqualTo(1);
    assertThat(got.get()).isEqualTo(new Received<>(7, true));
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName(
      "A blocked select wakes when a channel closes, and when a receiver comes for its send")
  void wakesOnCloseAndOnReceiver() throws Exception {
    var ch = new Channel<Integer>(0);
    var got = new AtomicReference<Received<Integer>>();
    var selecting = Async.start("select-receive", () -> new Select().receive(ch, got::set).run());
    selecting.awaitBlocked("select receiving from an empty channel");
    ch.close();
    assertThat(selecting.await("select after its channel closed")).isZero();
    assertThat(got.get()).isEqualTo(new Received<Integer>(null, false));

    var out = new Channel<String>(0);
    var sending =
        Async.start("select-send", () -> new Select().send(out, "hand-off", () -> {}).run());
    sending.awaitBlocked("select sending on an unbuffered channel with no receiver");
    assertThat(out.receive())
        .as("what a receiver gets from the blocked select's send case")
        .isEqualTo("hand-off");
    assertThat(sending.await("select after a receiver arrived")).isZero();
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName(
      "A select receives the value of a sender blocked on an unbuffered channel, and the sender completes")
  void takesFromBlockedSender() throws Exception {
    var ch = new Channel<String>(0);
    var sender =
        Async.start(
            "sender",
            () -> {
              ch.send("waiting");
              return null;
            });
    sender.awaitBlocked("send on an unbuffered channel");
    var got = new AtomicReference<Received<String>>();
    assertThat(new Select().receive(ch, got::set).orDefault(() -> {}).run()).isZero();
    assertThat(got.get()).isEqualTo(new Received<>("waiting", true));
    sender.await("the sender after the select took its value");
  }

  @Test
  @Tag("task:4")
  @Timeout(15)
  @DisplayName("Fan-in: one select loop over three busy channels receives every value exactly once")
  void fanInStress() throws Exception {
    int perSender = 3_000;
    List<Channel<Integer>> channels = List.of(new Channel<>(0), new Channel<>(1), new Channel<>(4));
    int total = channels.size() * perSender;
    var seen = new AtomicIntegerArray(total);
    var start = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < channels.size(); s++) {
      Channel<Integer> ch = channels.get(s);
      int first = s * perSender;
      senders.add(
          Thread.ofPlatform()
              .daemon()
              .name("sender-" + s)
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = first; i < first + perSender; i++) {
                      ch.send(i);
                    }
                  }));
    }
    var select = new Select();
    var duplicate = new AtomicReference<String>();
    for (Channel<Integer> ch : channels) {
      select.receive(
          ch,
          r -> {
            if (seen.incrementAndGet(r.value()) > 1) {
              duplicate.compareAndSet(null, "value " + r.value() + " was received twice");
            }
          });
    }
    var loop =
        Async.start(
            "select-loop",
            () -> {
              awaitQuietly(start);
              for (int i = 0; i < total; i++) {
                select.run();
              }
              return null;
            });
    start.countDown();
    loop.await("a select loop receiving " + total + " values from 3 senders (a lost wake-up?)");
    for (Thread t : senders) {
      assertThat(t.join(Duration.ofSeconds(JOIN_SECONDS)))
          .as("sender %s finished", t.getName())
          .isTrue();
    }
    assertThat(duplicate.get()).isNull();
    for (int i = 0; i < total; i++) {
      if (seen.get(i) != 1) {
        fail(
            "value %d was received %d times: every value must be received exactly once"
                .formatted(i, seen.get(i)));
      }
    }
  }

  @Test
  @Tag("task:4")
  @Timeout(15)
  @DisplayName(
      "Ping-pong through a blocking select: no wake-up is lost between trying the cases and waiting")
  void pingPongLosesNoWakeUp() throws Exception {
    int rounds = 20_000;
    var ping = new Channel<Integer>(1);
    var idle = new Channel<Integer>(1);
    var pong = new Channel<Integer>(1);
    var partner =
        Async.start(
            "partner",
            () -> {
              for (int i = 0; i < rounds; i++) {
                ping.send(i);
                pong.receive(); // one event per round: a lost wake-up stalls both sides for good
              }
              return null;
            });
    var select = new Select().receive(ping, r -> pong.send(r.value())).receive(idle, r -> {});
    var loop =
        Async.start(
            "select-loop",
            () -> {
              for (int i = 0; i < rounds; i++) {
                select.run();
              }
              return null;
            });
    loop.await(
        "a select loop playing "
            + rounds
            + " rounds of ping-pong (a send that came between"
            + " trying the cases and starting to listen was missed: listen first, then try again, then wait)");
    partner.await("the ping-pong partner");
  }

  private static void assertShare(int wins, String which, double low, double high) {
    assertThat((double) wins / RUNS)
        .as(
            "share of %d selects won by %s (%d wins): ready cases must be chosen uniformly at random,"
                + " e.g. by trying them in a freshly shuffled order",
            RUNS, which, wins)
        .isBetween(low, high);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
              + "): wait for a listener's signal instead of spinning");
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
