package dev.prep.memory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A lock-free stack (无锁栈): R. K. Treiber's design (IBM Research Report RJ 5118, 1986), the smallest
 * data structure built on compare-and-set (CAS, 比较并交换) alone.
 *
 * <p><b>Contract.</b> Any number of threads may call any method at the same time. The stack is
 * <em>linearizable</em>: every call takes effect at one instant between its start and its return,
 * so every concurrent run matches some sequential run of the same calls. {@link #push} adds on top;
 * {@link #pop} removes and returns the top, or {@code null} if the stack is empty; {@link #peek}
 * returns the top without removing it; {@link #isEmpty} says whether there is none. {@code null}
 * elements are refused ({@link NullPointerException}), because {@code null} means "empty". No
 * method blocks: a thread that loses a race retries, and some thread always wins (lock-free).
 *
 * <p><b>How.</b> The stack is a singly linked list of immutable nodes, and {@code top} is the only
 * mutable state. A push builds a new node pointing at the top it read and installs it with {@code
 * top.compareAndSet(read, node)}; a pop installs {@code read.next} the same way. If another thread
 * changed {@code top} in between, the CAS fails and the loop starts over from a fresh read. Reading
 * then setting ({@code top.set(new Node(e, top.get()))}) is the classic bug: two pushes read the
 * same top and the first one's node vanishes; two pops return the same element.
 *
 * <p><b>Memory ordering.</b> {@link AtomicReference#compareAndSet} has the effects of a volatile
 * read and write, and {@link AtomicReference#get} of a volatile read: everything a thread did
 * before pushing {@code e} happens-before another thread's pop or peek returning {@code e}, and a
 * node's fields (final, set in its constructor) are seen fully built.
 *
 * <p><b>ABA</b> cannot bite here, because of the garbage collector. ABA is a CAS succeeding
 * although {@code top} changed and changed back: a thread reads top {@code A} (next {@code B}) and
 * stalls; others pop {@code A}, pop {@code B}, push {@code A} again; the stalled CAS sees {@code
 * A}, wins, and installs {@code B}, a node no longer in the stack. In C or C++ the second {@code A}
 * is a freed node whose memory was reused, at the same address. In Java every push allocates a new
 * node and the stalled thread still holds its reference to the old {@code A}, so the collector
 * cannot free it and no new node can be equal to it: if the CAS sees {@code A}, {@code A} never
 * left the stack, and its {@code next} (final) is still right. Pooling nodes by hand brings ABA
 * back; then a version stamp ({@link java.util.concurrent.atomic.AtomicStampedReference}), hazard
 * pointers or epoch-based reclamation are the fixes. Go's collector gives Go the same protection
 * for {@code atomic.Pointer[node]}.
 *
 * @param <E> the element type
 */
public final class TreiberStack<E> {

  /** An immutable list cell: {@code next} never changes once the node is built. */
  private static final class Node<E> {
    final E item;
    final Node<E> next;

    Node(E item, Node<E> next) {
      this.item = item;
      this.next = next;
    }
  }

  private final AtomicReference<Node<E>> top = new AtomicReference<>();

  /** An empty stack. */
  public TreiberStack() {}

  /**
   * Puts {@code item} on top.
   *
   * @throws NullPointerException if {@code item} is null
   */
  public void push(E item) {
    Objects.requireNonNull(item, "null elements are not allowed: pop returns null for empty");
    // TODO: loop: read top, build new Node<>(item, thatTop), compareAndSet(thatTop, node); retry if it failed
    throw new UnsupportedOperationException("TODO: push");
  }

  /**
   * Removes and returns the top element.
   *
   * @return the element on top, or {@code null} if the stack is empty
   */
  public E pop() {
    // TODO: loop: read top; null means empty; compareAndSet(thatTop, thatTop.next) and return its item, or retry
    throw new UnsupportedOperationException("TODO: pop");
  }

  /**
   * The top element, left in place.
   *
   * @return the element on top, or {@code null} if the stack is empty
   */
  public E peek() {
    // TODO: the item of the node on top, or null
    throw new UnsupportedOperationException("TODO: peek");
  }

  /** Whether the stack has no element (a snapshot: another thread may change it at once). */
  public boolean isEmpty() {
    // TODO: whether top is null
    throw new UnsupportedOperationException("TODO: isEmpty");
  }
}
