package dev.prep.memory;

/**
 * A hit counter that many threads bump at once, such as the request count of a web server, and
 * that any thread may read.
 *
 * <p>Contract, for any number of threads calling any methods at the same time:
 *
 * <ul>
 *   <li>no update is lost: after {@code n} calls of {@code increment()} and calls of {@code
 *       add(d1)}, {@code add(d2)}, … have returned, the count is {@code n + d1 + d2 + …};
 *   <li>every update is visible: once {@code increment} or {@code add} has returned on one thread,
 *       a {@code get()} that starts later on any other thread sees its effect — it never keeps
 *       returning an older value;
 *   <li>{@code get()} never invents a count: while increments run, it returns a value the count
 *       really passed through during the call.
 * </ul>
 *
 * <p>The version most people write first, a plain {@code long} and {@code count++}, is correct on
 * one thread and broken on two: it has a <em>data race</em> (数据竞争), two threads accessing one
 * variable at the same time, at least one of them writing, nothing ordering the two (JLS §17.4.5).
 * Go's race detector ({@code go test -race}) reports the same bug in {@code n++}; the JDK has no
 * race detector, so in Java the updates are lost silently.
 */
public final class HitCounter {

  // TODO: a plain long gives neither atomic read-modify-write nor visibility across threads
  private long count;

  /** Adds one to the count. */
  public void increment() {
    // TODO: count++ is three steps (read, add, write): two threads can read the same value
    count++;
  }

  /** Adds {@code delta}, which may be negative, to the count. */
  public void add(long delta) {
    // TODO: the same lost update as count++
    count += delta;
  }

  /** The current count. */
  public long get() {
    // TODO: a plain read may be hoisted out of a caller's loop and never see another thread's write
    return count;
  }
}
