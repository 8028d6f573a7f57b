package dev.prep.memory;

/**
 * An immutable snapshot of per-shard request counts, as a metrics endpoint serves it: a version,
 * the counts, and their total. One thread builds snapshots and publishes them through a {@link
 * SnapshotHolder}; any number of threads read them, with no lock.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>the constructor refuses bad input: {@code counts == null} throws {@link
 *       NullPointerException}; a negative {@code version} or a negative count throws {@link
 *       IllegalArgumentException};
 *   <li>the snapshot keeps its own copy of the counts: changing the caller's array afterwards
 *       changes nothing here. It validates its copy, not the caller's array, which another thread
 *       could change between the check and the copy;
 *   <li>{@link #total()} is the sum of the counts, computed once by the constructor;
 *   <li>{@link #counts()} returns a new copy on every call, so no caller can change the snapshot;
 *   <li>it is immutable in the Java Memory Model's sense: every field is {@code final} and {@code
 *       this} never escapes the constructor. Then any thread that obtains a reference to a
 *       snapshot, even through a data race, sees the values the constructor wrote, the contents of
 *       the counts array included (JLS §17.5).
 * </ul>
 *
 * <p>Go has no final fields: a value is shared safely only through a synchronizing operation (a
 * channel send, a mutex, {@code atomic.Pointer[T]}), which is the {@link SnapshotHolder}'s half of
 * this exercise.
 */
public final class Snapshot {

  // TODO: non-final fields: a thread handed this object through a race may see them unset
  private long version;
  private int[] counts;
  private long total;

  /**
   * A snapshot of {@code counts}, which the caller may go on changing.
   *
   * @throws NullPointerException if {@code counts} is null
   * @throws IllegalArgumentException if {@code version} or any count is negative
   */
  public Snapshot(long version, int[] counts) {
    // TODO: copy first, validate the copy (version >= 0, every count >= 0), then sum the copy
    this.version = version;
    this.counts = counts;
    this.total = sum(counts);
  }

  /** The version this snapshot was published as. */
  public long version() {
    return version;
  }

  /** How many shards it counts. */
  public int size() {
    return counts.length;
  }

  /** The count of one shard. */
  public int count(int shard) {
    return counts[shard];
  }

  /** The counts, as a new array the caller may change. */
  public int[] counts() {
    // TODO: the caller gets our own array and can change the snapshot through it
    return counts;
  }

  /** The sum of the counts. */
  public long total() {
    return total;
  }

  private static long sum(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }
}
