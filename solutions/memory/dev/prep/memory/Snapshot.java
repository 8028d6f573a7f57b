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

  // final: a thread that sees the reference sees these as the constructor left them (JLS §17.5)
  private final long version;
  private final int[] counts;
  private final long total;

  /**
   * A snapshot of {@code counts}, which the caller may go on changing.
   *
   * @throws NullPointerException if {@code counts} is null
   * @throws IllegalArgumentException if {@code version} or any count is negative
   */
  public Snapshot(long version, int[] counts) {
    // Copy before checking: the caller's array could change between our check and our copy.
    int[] copy = counts.clone();
    if (version < 0) {
      throw new IllegalArgumentException("version " + version + " is negative");
    }
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0) {
        throw new IllegalArgumentException("count " + copy[i] + " at shard " + i + " is negative");
      }
    }
    this.version = version;
    this.counts = copy;
    this.total = sum(copy);
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
    // A copy: handing out our array would let any caller rewrite an "immutable" snapshot.
    return counts.clone();
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
