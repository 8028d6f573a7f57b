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
import java.util.concurrent.Semaphore;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code concurrency/channel}: Go's channel semantics, close and its panics included.
 */
@DisplayName("channel: a Go channel in Java")
class ChannelTest {

  private static final long JOIN_SECONDS = 4;

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A buffered channel keeps FIFO order, and len and cap report like Go's")
  void bufferedFifoLenCap() {
    var ch = new Channel<Integer>(3);
    assertThat(ch.cap()).as("cap(make(chan int, 3))").isEqualTo(3);
    for (int round = 0; round < 3; round++) { // the ring wraps around
      ch.send(1);
      ch.send(2);
      assertThat(ch.len()).as("len after two sends into an empty channel").isEqualTo(2);
      ch.send(3);
      assertThat(List.of(ch.receive(), ch.receive(), ch.receive())).containsExactly(1, 2, 3);
      assertThat(ch.len()).isZero();
    }
    assertThat(new Channel<Integer>(0).cap()).as("cap(make(chan int))").isZero();
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A send on a full buffered channel blocks until a receive makes room")
  void bufferedSendBlocksWhenFull() throws Exception {
    var ch = new Channel<String>(2);
    ch.send("a");
    ch.send("b");
    var sender = Async.start("sender", () -> ch.send("c"));
    sender.awaitBlocked("send(\"c\") on a full channel of capacity 2");
    assertThat(ch.len()).as("len while a sender waits").isEqualTo(2);
    assertThat(ch.receive()).isEqualTo("a");
    sender.await("send(\"c\") after a receive made room");
    assertThat(List.of(ch.receive(), ch.receive())).containsExactly("b", "c");
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("A receive on an empty channel blocks until a value is sent")
  void receiveBlocksWhenEmpty() throws Exception {
    var ch = new Channel<String>(1);
    var receiver = Async.start("receiver", ch::receive);
    receiver.awaitBlocked("receive() on an empty channel");
    ch.send("x");
    assertThat(receiver.await("receive() after a send")).isEqualTo("x");
  }

  @Test
  @Tag("task:2")
  @Timeout(5)
  @DisplayName(
      "Unbuffered: send blocks until a receiver takes the value (a rendezvous), and len stays 0")
  void unbufferedRendezvous() throws Exception {
    var ch = new Channel<String>(0);
    var sender = Async.start("sender", () -> ch.send("hello"));
    sender.awaitBlocked(
        "send on an unbuffered channel with no receiver (a capacity-1 buffer would not block)");
    assertThat(ch.len()).as("len of an unbuffered channel, even with a sender waiting").isZero();
    assertThat(ch.receive()).isEqualTo("hello");
    sender.await("send after a receiver took the value");

    var receiver = Async.start("receiver", ch::receive);
    receiver.awaitBlocked("receive on an unbuffered channel with no sender");
    ch.send("world"); // returns only once the receiver has it
    assertThat(receiver.await("receive after a send")).isEqualTo("world");
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName("After close, receivers drain the buffer, then get (null, false) forever")
  void closeDrainsThenZeroValue() {
    var ch = new Channel<Integer>(3);
    ch.send(1);
    ch.send(2);
    ch.close();
    assertThat(List.of(ch.receiveOk(), ch.receiveOk(), ch.receiveOk(), ch.receiveOk()))
        .as("v, ok := <-ch four times after send 1, send 2, close")
        .containsExactly(
            new Received<>(1, true),
            new Received<>(2, true),
            new Received<>(null, false),
            new Received<>(null, false));
    assertThat(ch.receive()).as("<-ch on a closed, drained channel: Go's zero value").isNull();
    assertThat(ch.len()).isZero();
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName("close wakes every blocked receiver, buffered or not, with (null, false)")
  void closeWakesBlockedReceivers() throws Exception {
    for (int capacity : new int[] {0, 2}) {
      var ch = new Channel<Integer>(capacity);
      var first = Async.start("receiver-1", ch::receiveOk);
      var second = Async.start("receiver-2", ch::receiveOk);
      first.awaitBlocked("receiveOk on an empty channel (capacity " + capacity + ")");
      second.awaitBlocked("a second receiveOk on the same channel");
      ch.close();
      String what = "a receiver blocked when the channel (capacity " + capacity + ") closed";
      assertThat(first.await(what)).as(what).isEqualTo(new Received<Integer>(null, false));
      assertThat(second.await(what)).as(what).isEqualTo(new Received<Integer>(null, false));
    }
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName("Misuse panics with Go's words: send on closed channel, close of closed channel")
  void panics() {
    var ch = new Channel<Integer>(1);
    ch.close();
    assertThatThrownBy(() -> ch.send(1))
        .isInstanceOf(GoPanic.class)
        .hasMessage("send on closed channel");
    assertThatThrownBy(ch::close).isInstanceOf(GoPanic.class).hasMessage("close of closed channel");
  }

  @Test
  @Tag("task:3")
  @Timeout(5)
  @DisplayName("A sender blocked when the channel closes panics, and its value is never received")
  void closePanicsBlockedSenders() throws Exception {
    var full = new Channel<String>(1);
    full.send("kept");
    var bufferedSender = Async.start("buffered-sender", () -> full.send("lost"));
    bufferedSender.awaitBlocked("send on a full channel");
    full.close();
    bufferedSender.awaitPanic(
        "a sender blocked on a full channel when it closed", "send on closed channel");
    assertThat(List.of(full.receiveOk(), full.receiveOk()))
        .as("what receivers get after the close: the value buffered before it, then (null, false)")
        .containsExactly(new Received<>("kept", true), new Received<>(null, false));

    var unbuffered = new Channel<String>(0);
    var sender = Async.start("unbuffered-sender", () -> unbuffered.send("never received"));
    sender.awaitBlocked("send on an unbuffered channel with no receiver");
    unbuffered.close();
    sender.awaitPanic(
        "a sender blocked on an unbuffered channel when it closed", "send on closed channel");
    assertThat(unbuffered.receiveOk())
        .as("a receive after close: the blocked sender's value was never delivered")
        .isEqualTo(new Received<String>(null, false));
  }

  @Test
  @Tag("task:4")
  @Timeout(5)
  @DisplayName(
      "for v := range ch: iterating yields every value in order and ends when the channel closes")
  void rangeEndsAtClose() throws Exception {
    var ch = new Channel<Integer>(0);
    var producer =
        Async.start(
            "producer",
            () -> {
              for (int i = 0; i < 100; i++) {
                ch.send(i);
              }
              ch.close();
              return null;
            });
    List<Integer> got = new ArrayList<>();
    for (Integer v : ch) {
      got.add(v);
    }
    producer.await("the producer");
    assertThat(got).as("values ranged over").hasSize(100).isSorted().startsWith(0).endsWith(99);
  }

  @Test
  @Tag("task:5")
  @Timeout(5)
  @DisplayName("trySend and tryReceive never block: buffered channels")
  void nonBlockingBuffered() {
    var ch = new Channel<Integer>(2);
    assertThat(ch.tryReceive()).as("tryReceive on an empty open channel").isEmpty();
    assertThat(ch.trySend(1)).as("trySend with room").isTrue();
    assertThat(ch.trySend(2)).isTrue();
    assertThat(ch.trySend(3)).as("trySend on a full channel").isFalse();
    assertThat(ch.tryReceive()).as("tryReceive with a value").contains(new Received<>(1, true));
    ch.close();
    assertThatThrownBy(() -> ch.trySend(4))
        .isInstanceOf(GoPanic.class)
        .hasMessage("send on closed channel");
    assertThat(ch.tryReceive()).contains(new Received<>(2, true));
    assertThat(ch.tryReceive())
        .as("tryReceive on a closed, drained channel")
        .contains(new Received<>(null, false));
  }

  @Test
  @Tag("task:5")
  @Timeout(5)
  @DisplayName(
      "trySend and tryReceive on an unbuffered channel succeed only with a partner already waiting")
  void nonBlockingUnbuffered() throws Exception {
    var ch = new Channel<String>(0);
    assertThat(ch.trySend("x"))
        .as("trySend on an unbuffered channel with no receiver waiting")
        .isFalse();
    assertThat(ch.tryReceive())
        .as("tryReceive on an unbuffered channel with no sender waiting")
        .isEmpty();

    var receiver = Async.start("receiver", ch::receive);
    receiver.awaitBlocked("receive on an unbuffered channel");
    assertThat(ch.trySend("to the waiting receiver")).as("trySend while a receiver waits").isTrue();
    assertThat(receiver.await("the receiver")).isEqualTo("to the waiting receiver");

    var sender = Async.start("sender", () -> ch.send("from the waiting sender"));
    sender.awaitBlocked("send on an unbuffered channel");
    assertThat(ch.tryReceive())
        .as("tryReceive while a sender waits")
        .contains(new Received<>("from the waiting sender", true));
    sender.await("the sender, once its value was taken");
  }

  @Test
  @Tag("task:5")
  @Timeout(5)
  @DisplayName("A listener runs after each change (send, receive, close) until it is removed")
  void listeners() {
    var ch = new Channel<Integer>(2);
    var changes = new Semaphore(0);
    Runnable listener = changes::release;
    ch.addListener(listener);
    ch.send(1);
    assertThat(changes.drainPermits()).as("listener runs after a send").isPositive();
    ch.receive();
    assertThat(changes.drainPermits()).as("listener runs after a receive").isPositive();
    ch.removeListener(listener);
    ch.send(2);
    ch.close();
    assertThat(changes.drainPermits()).as("listener runs after it was removed").isZero();
  }

  @Tag("task:6")
  @Timeout(20)
  @DisplayName(
      "Several senders and receivers: every value is received exactly once, and range ends at close")
  @ParameterizedTest(name = "capacity {0}: {1} senders x {2} receivers, {3} values each")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 | 3 | 3 | 2000
          1 | 4 | 2 | 3000
          8 | 2 | 4 | 5000
          """)
  void stress(int capacity, int senders, int receivers, int perSender) throws Exception {
    var ch = new Channel<Integer>(capacity);
    int total = senders * perSender;
    var seen = new AtomicIntegerArray(total);
    var problem = new AtomicReference<String>();
    var start = new CountDownLatch(1);
    var closing = new AtomicBoolean();
    List<Thread> sendThreads = new ArrayList<>();
    List<Thread> receiveThreads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int first = s * perSender;
      sendThreads.add(
          Thread.ofPlatform()
              .daemon()
              .name("sender-" + s)
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = first; i < first + perSender && problem.get() == null; i++) {
                      ch.send(i);
                    }
                  }));
    }
    for (int r = 0; r < receivers; r++) {
      receiveThreads.add(
          Thread.ofPlatform()
              .daemon()
              .name("receiver-" + r)
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (Integer v : ch) {
                      if (v == null) {
                        problem.compareAndSet(null, "a receiver got null with ok == true");
                      } else if (seen.incrementAndGet(v) > 1) {
                        problem.compareAndSet(null, "value " + v + " was received twice");
                      }
                    }
                    if (!closing.get()) {
                      problem.compareAndSet(
                          null,
                          "a receiver's range ended while the channel was still open:"
                              + " receiveOk said ok == false without a close. Re-check in a while loop after await"
                              + " (another receiver may have taken the value you were woken for)");
                    }
                  }));
    }
    start.countDown();
    boolean sent = joinAll(sendThreads);
    if (sent) {
      closing.set(true);
      ch.close(); // ends every receiver's range once the buffer is drained
    }
    boolean received = sent && joinAll(receiveThreads);
    assertThat(problem.get())
        .as("what went wrong with %d senders and %d receivers", senders, receivers)
        .isNull();
    if (!received) {
      List<Thread> all = new ArrayList<>(sendThreads);
      all.addAll(receiveThreads);
      all.forEach(Thread::interrupt);
      fail(
          """
          %d senders and %d receivers on a channel of capacity %d were still blocked after %d s (senders \
          all done: %s): a wake-up was lost. Re-check in a while loop after every await, signal \
          receivers after a send and senders after a receive, and wake everyone on close."""
              .formatted(senders, receivers, capacity, JOIN_SECONDS, sent));
    }
    for (int i = 0; i < total; i++) {
      if (seen.get(i) != 1) {
        fail(
            "value %d was received %d times: every value must be received exactly once"
                .formatted(i, seen.get(i)));
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean joinAll(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !t.join(Duration.ofNanos(left))) {
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

    static Async<Void> start(String name, Runnable run) {
      return start(
          name,
          () -> {
            run.run();
            return null;
          });
    }

    /** Waits (bounded) until the thread parks; fails if it finishes or keeps running instead. */
    void awaitBlocked(String what) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < deadline) {
        Thread.State state = thread.getState();
        if (task.isDone()) {
          fail(what + " returned at once; it should have blocked" + outcome());
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

    /** Waits (bounded) for the call to end in a GoPanic with Go's message. */
    void awaitPanic(String what, String message) throws InterruptedException {
      try {
        task.get(JOIN_SECONDS, TimeUnit.SECONDS);
        fail(what + " returned normally; it should panic with \"" + message + "\"");
      } catch (TimeoutException e) {
        thread.interrupt();
        fail(
            what
                + " was still blocked after "
                + JOIN_SECONDS
                + " s: close must wake blocked senders");
      } catch (ExecutionException e) {
        assertThat(e.getCause()).as(what).isInstanceOf(GoPanic.class).hasMessage(message);
      }
    }

    private String outcome() {
      try {
        return " (it returned " + task.get() + ")";
      } catch (ExecutionException e) {
        return " (it threw " + e.getCause() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
  }
}
