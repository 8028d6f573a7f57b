package dev.prep.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A bounded, lock-free ring buffer (环形缓冲区) for exactly one producer thread and one consumer thread:
 * the single-producer single-consumer (SPSC) queue behind many logging, networking and audio
 * pipelines. No lock, no CAS: each index has a single writer, so ordering is all it needs.
 *
 * <p><b>Contract.</b> One thread (the producer) calls {@link #offer}; one thread (the consumer)
 * calls {@link #poll}; any thread may call {@link #size} and {@link #capacity}. Elements come out
 * in the order they went in (FIFO). {@code offer} returns {@code false} when the buffer holds
 * {@code capacity} elements, {@code poll} returns {@code null} when it holds none; neither ever
 * blocks or spins. {@code null} elements are refused with {@link NullPointerException}, because
 * {@code null} is the answer "empty". Two producers, or two consumers, break the contract: use a
 * lock or an MPMC queue for that.
 *
 * <p><b>Layout.</b> {@code tail} counts the elements ever offered and {@code head} the elements
 * ever polled; both only grow (a {@code long} overflows after 2<sup>63</sup> elements, never in
 * practice). The buffer holds {@code tail - head} elements, and counter {@code c} lives in slot
 * {@code c & mask}: the capacity is a power of two so that the mask replaces a division. Only the
 * producer writes {@code tail} and the slots' elements; only the consumer writes {@code head} and
 * clears the slots it has read.
 *
 * <p><b>Memory ordering</b> (the point of the exercise). Each index is a flag that publishes
 * something to the other thread, so it is written with a <em>release</em> and read with an
 * <em>acquire</em> ({@link VarHandle#setRelease} / {@link VarHandle#getAcquire}):
 *
 * <ul>
 *   <li><b>offer</b> writes the element into its slot with a plain store, <em>then</em> publishes
 *       {@code tail + 1} with {@code setRelease}. The release keeps the slot store above it; the
 *       consumer's {@code getAcquire} of {@code tail} keeps its slot load below it. So a consumer
 *       that sees the new tail sees the element: everything the producer did before {@code
 *       offer(e)} returned happens-before {@code poll()} returning {@code e}.
 *   <li><b>poll</b> reads the slot, clears it (so the buffer does not keep garbage alive), then
 *       publishes {@code head + 1} with {@code setRelease}; the producer reads {@code head} with
 *       {@code getAcquire} before reusing a slot, so it never overwrites an element the consumer
 *       has not read yet.
 * </ul>
 *
 * <p>Two classic bugs. Publishing {@code tail} <em>before</em> the slot is written lets the
 * consumer read an empty or stale slot. Plain fields instead of the {@link VarHandle}s give no
 * happens-before edge at all (JLS §17.4.5): besides letting either store move, the JIT may read
 * {@code tail} once in a consumer's polling loop and keep it in a register, so the loop never sees
 * a new element. On x86 the release and acquire cost no fence instruction (the JSR-133 Cookbook's
 * x86 column needs one for StoreLoad only); they restrain the compiler, and on ARM the CPU too. The
 * JDK has no SPSC queue; JCTools' {@code SpscArrayQueue} and the LMAX Disruptor are built this way.
 *
 * <p>Go has no acquire/release: its {@code sync/atomic} loads and stores are sequentially
 * consistent (the Go memory model, 2022), so a Go SPSC ring uses {@code atomic.Uint64} indexes and
 * pays for the stronger order; a buffered channel is the usual answer, with a lock inside.
 *
 * @param <E> the element type
 */
public final class SpscRingBuffer<E> {

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(SpscRingBuffer.class, "head", long.class);
      TAIL = lookup.findVarHandle(SpscRingBuffer.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] slots;
  private final int mask;

  /** Elements ever polled. Written by the consumer only, published with {@code HEAD.setRelease}. */
  private long head;

  /**
   * Elements ever offered. Written by the producer only, published with {@code TAIL.setRelease}.
   */
  private long tail;

  /**
   * An empty buffer for {@code capacity} elements.
   *
   * @throws IllegalArgumentException unless {@code capacity} is a power of two (1, 2, 4, …)
   */
  public SpscRingBuffer(int capacity) {
    if (capacity < 1 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two, got " + capacity);
    }
    slots = new Object[capacity];
    mask = capacity - 1;
  }

  /**
   * Producer only: adds {@code e} at the tail if there is room.
   *
   * @return {@code true} if added, {@code false} if the buffer was full
   * @throws NullPointerException if {@code e} is null
   */
  public boolean offer(E e) {
    Objects.requireNonNull(e, "null elements are not allowed: poll returns null for empty");
    long t = tail; // a plain read is enough: this thread is the only one that writes tail
    // acquire head: the consumer's reads of the slots it freed happen-before we reuse them
    if (t - (long) HEAD.getAcquire(this) == slots.length) {
      return false;
    }
    slots[index(t)] = e;
    // release AFTER the slot store: a consumer that sees t + 1 must also see the element
    TAIL.setRelease(this, t + 1);
    return true;
  }

  /**
   * Consumer only: removes and returns the head element.
   *
   * @return the oldest element, or {@code null} if the buffer was empty
   */
  public E poll() {
    long h = head; // a plain read is enough: this thread is the only one that writes head
    // acquire tail: pairs with offer's release, so the slot load below sees the element
    if (h == (long) TAIL.getAcquire(this)) {
      return null;
    }
    E e = elementAt(h);
    slots[index(h)] = null;
    HEAD.setRelease(this, h + 1);
    return e;
  }

  /**
   * The number of elements, from 0 to {@link #capacity()}: exact when neither side is running,
   * otherwise a value the size passed through recently.
   */
  public int size() {
    // head first (tail only grows, so never negative); min: the consumer may race ahead meanwhile
    long h = (long) HEAD.getAcquire(this);
    long t = (long) TAIL.getAcquire(this);
    return (int) Math.min(t - h, slots.length);
  }

  /** The most elements this buffer holds: the power of two it was created with. */
  public int capacity() {
    return slots.length;
  }

  private int index(long counter) {
    return (int) counter & mask;
  }

  @SuppressWarnings("unchecked") // offer stores only E values in slots
  private E elementAt(long counter) {
    return (E) slots[index(counter)];
  }
}
