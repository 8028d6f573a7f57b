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
    lock.lockInterruptibly();
    try {
      // while, not if: re-check after every wake-up (spurious, or another putter got there first).
      while (count == items.length) {
        notFull.await();
      }
      enqueue(e);
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns the head, waiting as long as it takes for an element. */
  public E take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      // while, not if: a barging taker may have emptied the queue between signal and wake-up.
      while (count == 0) {
        notEmpty.await();
      }
      return dequeue();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code e} at the tail if room appears within {@code timeout}.
   *
   * @return {@code true} if added, {@code false} if the queue stayed full for the whole timeout
   */
  public boolean offer(E e, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(e, "null elements are not allowed: poll returns null on time-out");
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      // awaitNanos returns what is left of the budget, so wake-ups never extend the deadline.
      while (count == items.length) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notFull.awaitNanos(nanos);
      }
      enqueue(e);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes and returns the head if an element appears within {@code timeout}.
   *
   * @return the head, or {@code null} if the queue stayed empty for the whole timeout
   */
  public E poll(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      // Same loop as take, with the remaining budget carried across wake-ups.
      while (count == 0) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return dequeue();
    } finally {
      lock.unlock();
    }
  }

  /** The number of elements in the queue now (a snapshot: it may change as soon as it returns). */
  public int size() {
    lock.lock();
    try {
      // Read under the lock: count is written under it, and a racy read could be stale.
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** The most elements this queue holds. */
  public int capacity() {
    return items.length;
  }

  /** Stores {@code e} at the tail and wakes one taker; call with the lock held and room to spare. */
  private void enqueue(E e) {
    items[putIndex] = e;
    putIndex = (putIndex + 1) % items.length;
    count++;
    // A put makes the queue non-empty: takers wait on notEmpty, so that is the one to signal.
    notEmpty.signal();
  }

  /** Removes the head and wakes one putter; call with the lock held and an element present. */
  @SuppressWarnings("unchecked") // only E values are ever stored
  private E dequeue() {
    E e = (E) items[takeIndex];
    items[takeIndex] = null;
    takeIndex = (takeIndex + 1) % items.length;
    count--;
    // A take makes room: putters wait on notFull, so that is the one to signal.
    notFull.signal();
    return e;
  }
}
