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
    // TODO: wait on notFull while open and full; panic if closed; enqueue; unbuffered: also wait on handedOff until taken reaches your ticket, panicking if close comes first
    throw new UnsupportedOperationException("TODO: send");
  }

  /** {@code <-ch}: the next value, blocking until one comes; {@code null} once closed and drained. */
  public T receive() {
    return receiveOk().value();
  }

  /** {@code v, ok := <-ch}: like {@link #receive}, and {@code ok == false} once closed and drained. */
  public Received<T> receiveOk() {
    // TODO: wait on notEmpty while open and empty (count yourself in blockedReceivers; unbuffered: run the listeners); then a value, or (null, false) once closed and drained
    throw new UnsupportedOperationException("TODO: receiveOk");
  }

  /**
   * A send that never blocks: {@code select { case ch <- value: default: }}.
   *
   * @return true if sent: a buffered channel had room, or an unbuffered one had a receiver blocked
   *     in {@link #receive} (who will take it); false if a send would have blocked
   * @throws GoPanic {@code send on closed channel}
   */
  public boolean trySend(T value) {
    // TODO: panic if closed; enqueue only if ready (buffered: room; unbuffered: a blocked receiver and an empty hand-off slot)
    throw new UnsupportedOperationException("TODO: trySend");
  }

  /**
   * A receive that never blocks: {@code select { case v, ok := <-ch: default: }}.
   *
   * @return a value ({@code ok == true}) if one was buffered or offered by a blocked sender, {@code
   *     (null, false)} if the channel is closed and drained, and empty if a receive would block
   */
  public Optional<Received<T>> tryReceive() {
    // TODO: a value if one is there, (null, false) if closed, empty if a receive would have to wait
    throw new UnsupportedOperationException("TODO: tryReceive");
  }

  /**
   * {@code close(ch)}: no more sends. Wakes every blocked receiver (they drain the buffer, then get
   * {@code (null, false)}) and every blocked sender (they panic).
   *
   * @throws GoPanic {@code close of closed channel}
   */
  public void close() {
    // TODO: panic if already closed; mark closed; unbuffered: drop a value still in hand-off; wake every waiter of every kind and the listeners
    throw new UnsupportedOperationException("TODO: close");
  }

  /** {@code len(ch)}: values waiting in the buffer (always 0 for an unbuffered channel). */
  public int len() {
    // TODO: count under the lock, but 0 for an unbuffered channel
    throw new UnsupportedOperationException("TODO: len");
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
    // TODO: an iterator whose hasNext receives with receiveOk (keeping the value for next) and answers ok
    throw new UnsupportedOperationException("TODO: iterator");
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
    // TODO: store at the tail, (head + count) wrapped around the ring, count++, wake one receiver and the listeners, return ++sent
    throw new UnsupportedOperationException("TODO: enqueue");
  }

  /** Takes the head and wakes a sender; lock held, a value present. */
  private T dequeue() {
    // TODO: take ring[head] and clear it, advance head, count--, taken++, wake one sender (unbuffered: also the one in hand-off) and the listeners
    throw new UnsupportedOperationException("TODO: dequeue");
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
