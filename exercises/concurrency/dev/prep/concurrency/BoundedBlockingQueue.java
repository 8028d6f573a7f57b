package dev.prep.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded blocking FIFO queue built from one {@link ReentrantLock} and two {@link Condition}s: the
 * classic interview question, and the shape of {@link java.util.concurrent.ArrayBlockingQueue}.
 *
 * <ul>
 *   <li>{@link #put} waits while the queue is full, on {@code notFull};
 *   <li>{@link #take} waits while it is empty, on {@code notEmpty};
 *   <li>{@link #offer(Object, Duration)} and {@link #poll(Duration)} wait at most the given time and
 *       then give up ({@code false} and {@code null}).
 * </ul>
 *
 * <p>Three rules make it correct. Every wait sits in a {@code while} loop that re-checks the state
 * after waking: {@link Condition} allows spurious wake-ups, and a non-fair lock lets another thread
 * barge in and take the element a woken thread was signalled for. A put signals {@code notEmpty}
 * (takers wait there) and a take signals {@code notFull} (putters wait there). Two conditions let
 * {@code signal} wake exactly one thread of the right kind; with a single condition shared by
 * putters and takers, {@code signal} may wake a thread of the wrong kind, which goes back to sleep,
 * and the wake-up is lost.
 *
 * <p>Elements are stored in a ring buffer: {@code items[takeIndex]} is the head, {@code
 * items[putIndex]} the next free slot. Null elements are refused ({@link NullPointerException}),
 * because {@link #poll(Duration)} returns {@code null} to say "timed out".
 *
 * @param <E> the element type
 */
public final class BoundedBlockingQueue<E> {

  private final Object[] items;
  private int takeIndex;
  private int putIndex;
  private int count;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();

  /**
   * An empty queue holding at most {@code capacity} elements.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public BoundedBlockingQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    items = new Object[capacity];
  }

  /** Adds {@code e} at the tail, waiting as long as it takes for room. */
  public void put(E e) throws InterruptedException {
    Objects.requireNonNull(e, "null elements are not allowed: poll returns null on time-out");
    // TODO: lock; while the queue is full, await notFull; enqueue; unlock in finally
    throw new UnsupportedOperationException("TODO: put");
  }

  /** Removes and returns the head, waiting as long as it takes for an element. */
  public E take() throws InterruptedException {
    // TODO: lock; while the queue is empty, await notEmpty; dequeue; unlock in finally
    throw new UnsupportedOperationException("TODO: take");
  }

  /**
   * Adds {@code e} at the tail if room appears within {@code timeout}.
   *
   * @return {@code true} if added, {@code false} if the queue stayed full for the whole timeout
   */
  public boolean offer(E e, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(e, "null elements are not allowed: poll returns null on time-out");
    // TODO: like put, but wait with notFull.awaitNanos(nanos) and return false once the budget is spent
    throw new UnsupportedOperationException("TODO: offer");
  }

  /**
   * Removes and returns the head if an element appears within {@code timeout}.
   *
   * @return the head, or {@code null} if the queue stayed empty for the whole timeout
   */
  public E poll(Duration timeout) throws InterruptedException {
    // TODO: like take, but wait with notEmpty.awaitNanos(nanos) and return null once the budget is spent
    throw new UnsupportedOperationException("TODO: poll");
  }

  /** The number of elements in the queue now (a snapshot: it may change as soon as it returns). */
  public int size() {
    // TODO: read count under the lock
    throw new UnsupportedOperationException("TODO: size");
  }

  /** The most elements this queue holds. */
  public int capacity() {
    return items.length;
  }

  /** Stores {@code e} at the tail and wakes one taker; call with the lock held and room to spare. */
  private void enqueue(E e) {
    // TODO: store e at putIndex, advance putIndex around the ring, count++, and wake one waiting taker
    throw new UnsupportedOperationException("TODO: enqueue");
  }

  /** Removes the head and wakes one putter; call with the lock held and an element present. */
  private E dequeue() {
    // TODO: read and clear items[takeIndex], advance takeIndex around the ring, count--, and wake one waiting putter
    throw new UnsupportedOperationException("TODO: dequeue");
  }
}
