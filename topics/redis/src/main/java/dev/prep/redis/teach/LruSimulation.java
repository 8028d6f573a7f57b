package dev.prep.redis.teach;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Redis's approximated LRU against true LRU, in the experiment redis.io's "Key eviction" page draws
 * (redis/redis-doc {@code docs/reference/eviction/index.md}, "Approximated LRU algorithm"): fill a
 * cache of {@code capacity} keys, accessing them from the first to the last, then add {@code
 * capacity / 2} new keys, so that half of the old keys must go. True LRU evicts exactly the older
 * half; a sampling policy sometimes evicts a key that was used recently, and every such eviction is
 * a <em>mistake</em>.
 *
 * <p>Two sampling policies, ported from redis/redis {@code src/evict.c}:
 *
 * <ul>
 *   <li><b>Redis 2.8</b>: sample {@code maxmemory-samples} keys, evict the one idle longest.
 *   <li><b>Redis 3.0 and later</b>: each eviction samples that many keys into a pool of the 16 best
 *       candidates seen so far ({@code EVPOOL_SIZE}, {@code evictionPoolPopulate}: a sample enters
 *       if it is idler than the pool's least idle entry or the pool has room), then evicts the
 *       pool's idlest entry. Good candidates found by earlier evictions are kept instead of
 *       forgotten.
 * </ul>
 *
 * <p>Simplifications, all in the model's favour of clarity: samples are drawn uniformly with
 * replacement (Redis's {@code dictGetSomeKeys} walks a few hash buckets, which is nearly uniform);
 * access times are exact (Redis keeps them in a 24-bit clock with 1-second resolution, so keys
 * touched in the same second tie); nothing is read while the new keys arrive.
 */
public final class LruSimulation {
  private LruSimulation() {}

  /** Redis's {@code EVPOOL_SIZE}. */
  public static final int POOL_SIZE = 16;

  /** Which keys were evicted. Keys {@code 0..capacity-1} are the old ones, oldest first. */
  public record Result(int capacity, boolean[] evicted) {

    public Result {
      evicted = evicted.clone();
    }

    /** A copy of the flags, one per key: old keys first (oldest first), then the added ones. */
    @Override
    public boolean[] evicted() {
      return evicted.clone();
    }

    /** Every key the run saw: {@code capacity} old ones and {@code capacity / 2} added ones. */
    public int keys() {
      return evicted.length;
    }

    public int evictions() {
      int n = 0;
      for (boolean e : evicted) if (e) n++;
      return n;
    }

    /**
     * Evicted keys that true LRU would have kept: any but the older half of the old keys. Each one
     * is a recently used key thrown out while an older one stayed.
     */
    public int mistakes() {
      int n = 0;
      for (int k = capacity / 2; k < evicted.length; k++) if (evicted[k]) n++;
      return n;
    }

    /** The share of keys {@code from} (inclusive) to {@code to} (exclusive) that were evicted. */
    public double evictedShare(int from, int to) {
      int n = 0;
      for (int k = from; k < to; k++) if (evicted[k]) n++;
      return (double) n / (to - from);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r && r.capacity == capacity && Arrays.equals(r.evicted, evicted);
    }

    @Override
    public int hashCode() {
      return 31 * capacity + Arrays.hashCode(evicted);
    }

    @Override
    public String toString() {
      return "Result[capacity="
          + capacity
          + ", evictions="
          + evictions()
          + ", mistakes="
          + mistakes()
          + "]";
    }
  }

  /** True LRU: every eviction removes the key accessed longest ago. */
  public static Result trueLru(int capacity) {
    return run(capacity, 0, false, 0);
  }

  /** Redis 2.8: sample {@code samples} keys, evict the idlest of them. */
  public static Result sampled(int capacity, int samples, long seed) {
    return run(capacity, checked(samples), false, seed);
  }

  /** Redis 3.0+: sample {@code samples} keys into the 16-entry pool, evict the pool's idlest. */
  public static Result sampledWithPool(int capacity, int samples, long seed) {
    return run(capacity, checked(samples), true, seed);
  }

  /** As {@code CONFIG SET maxmemory-samples} on redis-server 7.0.15: at least 1. */
  private static int checked(int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("maxmemory-samples must be at least 1, got " + samples);
    }
    return samples;
  }

  private static Result run(int capacity, int samples, boolean pool, long seed) {
    if (capacity < 2) throw new IllegalArgumentException("capacity must be at least 2");
    Cache cache = new Cache(capacity + capacity / 2, new SplittableRandom(seed), samples, pool);
    long now = 0;
    for (int key = 0; key < capacity; key++) cache.add(key, now++); // first to last
    for (int key = capacity; key < capacity + capacity / 2; key++) {
      cache.evictOne(now);
      cache.add(key, now++);
    }
    return new Result(capacity, cache.evicted);
  }

  /** The keyspace: present keys in a dense array for O(1) random sampling, as Redis's dict. */
  private static final class Cache {
    final long[] lastAccess;
    final boolean[] evicted;
    final int[] present;
    final int[] position;
    int size;
    final SplittableRandom random;
    final int samples;
    final boolean usePool;
    final int[] poolKey = new int[POOL_SIZE];
    final long[] poolIdle = new long[POOL_SIZE];
    int oldest; // true LRU: keys are accessed in index order, so the next victim is the lowest left

    Cache(int keys, SplittableRandom random, int samples, boolean usePool) {
      lastAccess = new long[keys];
      evicted = new boolean[keys];
      present = new int[keys];
      position = new int[keys];
      this.random = random;
      this.samples = samples;
      this.usePool = usePool;
      Arrays.fill(poolKey, -1);
    }

    void add(int key, long now) {
      lastAccess[key] = now;
      position[key] = size;
      present[size++] = key;
    }

    void remove(int key) {
      int last = present[--size];
      present[position[key]] = last;
      position[last] = position[key];
      evicted[key] = true;
    }

    boolean isPresent(int key) {
      return !evicted[key] && position[key] < size && present[position[key]] == key;
    }

    void evictOne(long now) {
      if (samples == 0) {
        while (!isPresent(oldest)) oldest++;
        remove(oldest);
      } else if (!usePool) {
        int best = -1;
        for (int i = 0; i < samples; i++) {
          int key = present[random.nextInt(size)];
          if (best < 0 || lastAccess[key] < lastAccess[best]) best = key;
        }
        remove(best);
      } else {
        int victim = -1;
        while (victim < 0) {
          populatePool(now);
          victim = popBest(); // -1 if every entry was a ghost: populate again, as Redis does
        }
        remove(victim);
      }
    }

    /** {@code evictionPoolPopulate}: ascending idle time, the best candidate on the right. */
    void populatePool(long now) {
      for (int i = 0; i < samples; i++) {
        int key = present[random.nextInt(size)];
        long idle = now - lastAccess[key];
        int k = 0;
        while (k < POOL_SIZE && poolKey[k] >= 0 && poolIdle[k] < idle) k++;
        if (k == 0 && poolKey[POOL_SIZE - 1] >= 0) {
          continue; // less idle than everything in a full pool
        } else if (k < POOL_SIZE && poolKey[k] < 0) {
          // an empty slot: insert here
        } else if (poolKey[POOL_SIZE - 1] < 0) {
          // room on the right: shift k.. right by one
          System.arraycopy(poolKey, k, poolKey, k + 1, POOL_SIZE - k - 1);
          System.arraycopy(poolIdle, k, poolIdle, k + 1, POOL_SIZE - k - 1);
        } else {
          // full: drop the least idle entry (slot 0) and insert at k - 1
          k--;
          System.arraycopy(poolKey, 1, poolKey, 0, k);
          System.arraycopy(poolIdle, 1, poolIdle, 0, k);
        }
        poolKey[k] = key;
        poolIdle[k] = idle;
      }
    }

    /** {@code performEvictions}: from the right, the first entry whose key still exists. */
    int popBest() {
      for (int k = POOL_SIZE - 1; k >= 0; k--) {
        int key = poolKey[k];
        if (key < 0) continue;
        poolKey[k] = -1;
        poolIdle[k] = 0;
        if (isPresent(key)) return key;
      }
      return -1;
    }
  }
}
