package dev.prep.concurrency;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Go channel in Java: {@code make(chan T, capacity)}, with Go's blocking, close and panics.
 *
 * <ul>
 *   <li><b>Unbuffered</b> ({@code capacity == 0}): a rendezvous. {@link #send} returns only once a
 *       receiver has taken the value.
 *   <li><b>Buffered</b> ({@code capacity > 0}): {@link #send} blocks while {@code capacity} values
 *       wait in the buffer; {@link #receive} blocks while it is empty. Values come out in FIFO order.
 *   <li><b>Close</b>: receivers drain what is buffered, then get Go's zero value ({@code null}) with
 *       {@code ok == false} at once, forever; a blocked receiver wakes to that. Sending on a closed
 *       channel, including a sender blocked when the channel closes, panics with {@code send on
 *       closed channel}; closing twice panics with {@code close of closed channel} (Go's texts, from
 *       {@code src/runtime/chan.go}, functions {@code chansend} and {@code closechan}).
 * </ul>
 *
 * <p><b>For {@link Select}.</b> {@link #trySend} and {@link #tryReceive} are Go's non-blocking
 * forms ({@code select} with a {@code default}): they succeed only when the operation could complete
 * at once. A select that must wait registers a readiness listener on each of its channels ({@link
 * #addListener}); the channel runs it after every change that may make some operation possible, and
 * the select then tries its cases again. (Go's runtime instead queues the waiting goroutine on every
 * channel of the select, {@code src/runtime/select.go}, function {@code selectgo}.) One
 * simplification: on an unbuffered channel a {@code trySend} succeeds only when a receiver is
 * blocked in {@link #receive}, so two selects cannot rendezvous with each other, which Go allows.
 *
 * <p><b>Interruption.</b> Go has no interrupts. Here a thread interrupted while blocked gives up
 * with {@link CancellationException}, its interrupt status set again.
 *
 * <p>The design is {@code ArrayBlockingQueue}'s: one {@link ReentrantLock}, a ring buffer, and
 * conditions for the threads that wait ({@code ChannelBenchmark} in the topic's benchmarks compares
 * the two).
 *
 * @param <T> the element type
 */
public final class Channel<T> implements Iterable<T> {

  /** What a receive got: Go's {@code v, ok := <-ch}. {@code ok} is false once closed and drained. */
  public record Received<T>(T value, boolean ok) {}

  private final int capacity;
  private final Object[] ring; // capacity slots; one for an unbuffered channel's value in hand-off
  private int head;
  private int count;
  private boolean closed;
  private long sent; // values ever put in the ring: a sender's ticket
  private long taken; // values ever taken out of it: ticket <= taken means "received"
  private int blockedReceivers;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition(); // receivers wait here
  private final Condition notFull = lock.newCondition(); // senders wait here for room
  private final Condition handedOff = lock.newCondition(); // unbuffered senders wait for a taker
  private final List<Runnable> listeners = new ArrayList<>();

  /**
   * {@code make(chan T, capacity)}.
   *
   * @throws IllegalArgumentException if {@code capacity < 0}
   */
  public Channel(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("makechan: size out of range (capacity " + capacity + ")");
    }
    this.capacity = capacity;
    this.ring = new Object[Math.max(capacity, 1)];
  }

  /** {@code ch <- value}: blocks until there is room (buffered) or a receiver took it (unbuffered). */
  public void send(T value) {
    lock.lock();
    try {
      // while, not if: another sender may fill the freed slot before this one wakes.
      while (!closed && count == ring.length) {
        await(notFull);
      }
      if (closed) {
        throw new GoPanic("send on closed channel");
      }
      long ticket = enqueue(value);
      // Unbuffered: the send completes only when a receiver has taken this very value.
      while (capacity == 0 && taken < ticket) {
        if (closed) {
          throw new GoPanic("send on closed channel"); // close removed the value: nobody got it
        }
        await(handedOff);
      }
    } finally {
      lock.unlock();
    }
  }

  /** {@code <-ch}: the next value, blocking until one comes; {@code null} once closed and drained. */
  public T receive() {
    return receiveOk().value();
  }

  /** {@code v, ok := <-ch}: like {@link #receive}, and {@code ok == false} once closed and drained. */
  public Received<T> receiveOk() {
    lock.lock();
    try {
      // Close is also a reason to stop waiting: after close, an empty channel answers at once.
      while (count == 0 && !closed) {
        blockedReceivers++;
        if (capacity == 0) {
          listenersRun(); // a selecting sender may now hand its value to this receiver
        }
        try {
          await(notEmpty);
        } finally {
          blockedReceivers--;
        }
      }
      // Buffered values survive close: drain them first, then Go's zero value and ok == false.
      return count == 0 ? new Received<>(null, false) : new Received<>(dequeue(), true);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A send that never blocks: {@code select { case ch <- value: default: }}.
   *
   * @return true if sent: a buffered channel had room, or an unbuffered one had a receiver blocked
   *     in {@link #receive} (who will take it); false if a send would have blocked
   * @throws GoPanic {@code send on closed channel}
   */
  public boolean trySend(T value) {
    lock.lock();
    try {
      if (closed) {
        throw new GoPanic("send on closed channel");
      }
      // Unbuffered: ready only with a receiver waiting and nobody else's value in hand-off.
      boolean ready = capacity == 0 ? blockedReceivers > 0 && count == 0 : count < capacity;
      if (ready) {
        enqueue(value);
      }
      return ready;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A receive that never blocks: {@code select { case v, ok := <-ch: default: }}.
   *
   * @return a value ({@code ok == true}) if one was buffered or offered by a blocked sender, {@code
   *     (null, false)} if the channel is closed and drained, and empty if a receive would block
   */
  public Optional<Received<T>> tryReceive() {
    lock.lock();
    try {
      // Same answers as receiveOk, minus the waiting.
      if (count > 0) {
        return Optional.of(new Received<>(dequeue(), true));
      }
      return closed ? Optional.of(new Received<>(null, false)) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code close(ch)}: no more sends. Wakes every blocked receiver (they drain the buffer, then get
   * {@code (null, false)}) and every blocked sender (they panic).
   *
   * @throws GoPanic {@code close of closed channel}
   */
  public void close() {
    lock.lock();
    try {
      if (closed) {
        throw new GoPanic("close of closed channel");
      }
      closed = true;
      if (capacity == 0 && count > 0) {
        // An unbuffered value still in hand-off was never received: its sender panics instead.
        ring[head] = null;
        count = 0;
      }
      // signalAll: every waiter, of every kind, has something new to see.
      notEmpty.signalAll();
      notFull.signalAll();
      handedOff.signalAll();
      listenersRun();
    } finally {
      lock.unlock();
    }
  }

  /** {@code len(ch)}: values waiting in the buffer (always 0 for an unbuffered channel). */
  public int len() {
    lock.lock();
    try {
      // A value in unbuffered hand-off is not buffered: Go reports 0.
      return capacity == 0 ? 0 : count;
    } finally {
      lock.unlock();
    }
  }

  /** {@code cap(ch)}: the buffer's size, 0 for an unbuffered channel. */
  public int cap() {
    return capacity;
  }

  /**
   * {@code for v := range ch}: values in order until the channel is closed and drained. {@code
   * hasNext} blocks while the channel is open and empty.
   */
  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private Received<T> next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = receiveOk(); // blocks like range does; ok == false ends the loop
        }
        return next.ok();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("channel closed and drained");
        }
        T value = next.value();
        next = null;
        return value;
      }
    };
  }

  /**
   * Asks this channel to run {@code listener} after every change that may let a send or receive
   * proceed (a value in or out, a receiver starting to wait, close), until {@link #removeListener}.
   * It runs on the changing thread with this channel's lock held: it must be quick and must not
   * touch channels (e.g. release a semaphore that a waiting select acquires).
   */
  public void addListener(Runnable listener) {
    lock.lock();
    try {
      listeners.add(listener);
    } finally {
      lock.unlock();
    }
  }

  /** Stops running a listener added with {@link #addListener}. */
  public void removeListener(Runnable listener) {
    lock.lock();
    try {
      listeners.remove(listener);
    } finally {
      lock.unlock();
    }
  }

  /** Puts a value at the tail and wakes one receiver; lock held, room checked. Its ticket. */
  private long enqueue(T value) {
    int tail = head + count;
    ring[tail < ring.length ? tail : tail - ring.length] = value; // wrap without a division
    count++;
    notEmpty.signal();
    listenersRun();
    return ++sent;
  }

  /** Takes the head and wakes a sender; lock held, a value present. */
  @SuppressWarnings("unchecked") // only T values are ever stored
  private T dequeue() {
    T value = (T) ring[head];
    ring[head] = null;
    head = head + 1 < ring.length ? head + 1 : 0;
    count--;
    taken++;
    notFull.signal();
    if (capacity == 0) {
      handedOff.signal(); // at most one unbuffered sender has a value in hand-off
    }
    listenersRun();
    return value;
  }

  private void listenersRun() {
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).run();
    }
  }

  private static void await(Condition condition) {
    try {
      condition.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while blocked on a channel");
    }
  }
}
