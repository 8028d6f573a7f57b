package dev.prep.redis;

import dev.prep.redis.server.Db;
import dev.prep.redis.server.EvictionStrategy;
import dev.prep.redis.server.RedisObject;
import java.util.random.RandomGenerator;

/**
 * Stage 8 of the mini Redis: {@code maxmemory-policy allkeys-lru} the way Redis approximates it
 * (redis/redis {@code src/evict.c}: {@code performEvictions}, {@code evictionPoolPopulate}). The
 * grader plugs it into the reference server with {@code
 * ServerConfig.withMaxmemory(limit, yourStrategy)}: before every command that may grow memory, the
 * server calls {@link #freeMemoryIfNeeded}, and refuses the command with {@code OOM} if it returns
 * false.
 *
 * <p><b>Why approximate.</b> Exact LRU needs every key on a linked list, moved to the front on each
 * access: two pointers per key and a write on every read. Redis instead stamps each value with the
 * time of its last access ({@link RedisObject#lruMillis()}) and, when it must evict, looks at a few
 * random keys only ({@code maxmemory-samples}, 5 by default).
 *
 * <p><b>The eviction pool.</b> Sampling 5 keys and evicting the idlest of them forgets everything
 * else it saw. Redis keeps the best candidates of every round in a pool of 16 ({@code
 * EVPOOL_SIZE}), sorted by idle time, and the pool lives on from one eviction (and one call) to
 * the next. One eviction:
 *
 * <ol>
 *   <li>Sample {@code samples} random keys ({@link Db#randomKey}); for each, idle = {@link
 *       Db#now()} − {@code lruMillis()}, read through {@link Db#rawGet} (never {@link Db#lookup},
 *       which would count as an access and make the key look fresh).
 *   <li>Insert each into the pool, kept sorted with the idlest last: into an empty slot if there is
 *       one; else, if it is idler than the least idle entry, that entry drops out; else it is not
 *       kept.
 *   <li>Take entries from the idle end: an entry whose key no longer exists (deleted since it was
 *       sampled) is dropped and the next one tried; the first that exists is evicted ({@link
 *       Db#remove}). If the pool ran dry, sample again.
 * </ol>
 *
 * <p>Repeat until {@code db.usedMemory() <= maxmemory}; return true. If the keyspace is empty and
 * memory is still over the limit there is nothing left to evict: return false.
 */
public final class ApproxLruEviction implements EvictionStrategy {

  /** Redis's {@code EVPOOL_SIZE}. */
  public static final int POOL_SIZE = 16;

  private final int samples;
  private final RandomGenerator random;

  /** The pool, sorted by idle time ascending, filled from index 0: the idlest key is last. */
  private final String[] poolKeys = new String[POOL_SIZE];

  private final long[] poolIdle = new long[POOL_SIZE];

  /**
   * @param samples keys sampled per eviction ({@code maxmemory-samples}), at least 1
   * @param random where the samples come from (seeded in tests)
   */
  public ApproxLruEviction(int samples, RandomGenerator random) {
    if (samples < 1) throw new IllegalArgumentException("samples must be at least 1: " + samples);
    this.samples = samples;
    this.random = random;
  }

  @Override
  public boolean freeMemoryIfNeeded(Db db, long maxmemory) {
    while (db.usedMemory() > maxmemory) {
      String victim = null;
      while (victim == null) {
        if (db.size() == 0) return false;
        populate(db);
        victim = takeIdlest(db);
      }
      db.remove(victim);
    }
    return true;
  }

  /** Samples keys into the pool. */
  private void populate(Db db) {
    long now = db.now();
    for (int i = 0; i < samples; i++) {
      String key = db.randomKey(random);
      // rawGet, not lookup: looking would stamp the key as just used
      insert(key, now - db.rawGet(key).lruMillis());
    }
  }

  /** Redis's insertion: keep the pool sorted, dropping the least idle entry when it is full. */
  private void insert(String key, long idle) {
    int k = 0;
    while (k < POOL_SIZE && poolKeys[k] != null && poolIdle[k] < idle) k++;
    if (k == 0 && poolKeys[POOL_SIZE - 1] != null) return; // full, and no idler than any entry
    if (k < POOL_SIZE && poolKeys[k] == null) {
      // an empty slot at k: nothing to move
    } else if (poolKeys[POOL_SIZE - 1] == null) {
      // room on the right: shift k.. one step right
      System.arraycopy(poolKeys, k, poolKeys, k + 1, POOL_SIZE - k - 1);
      System.arraycopy(poolIdle, k, poolIdle, k + 1, POOL_SIZE - k - 1);
    } else {
      // full: the least idle entry (index 0) drops out; the ones below k shift left, k moves down
      k--;
      System.arraycopy(poolKeys, 1, poolKeys, 0, k);
      System.arraycopy(poolIdle, 1, poolIdle, 0, k);
    }
    poolKeys[k] = key;
    poolIdle[k] = idle;
  }

  /** Removes entries from the idle end until one names a key that still exists; null if none. */
  private String takeIdlest(Db db) {
    for (int k = POOL_SIZE - 1; k >= 0; k--) {
      String key = poolKeys[k];
      if (key == null) continue;
      poolKeys[k] = null;
      // deleted since it was sampled (a DEL, an expiry): a ghost, try the next
      if (db.rawGet(key) != null) return key;
    }
    return null;
  }
}
