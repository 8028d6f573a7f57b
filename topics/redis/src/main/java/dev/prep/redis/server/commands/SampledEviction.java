package dev.prep.redis.server.commands;

import dev.prep.redis.server.Db;
import dev.prep.redis.server.EvictionStrategy;
import dev.prep.redis.server.RedisObject;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Redis's eight {@code maxmemory-policy} settings, approximated the way redis/redis {@code
 * src/evict.c} approximates them: no policy looks at every key.
 *
 * <ul>
 *   <li>{@code allkeys-lru}, {@code volatile-lru}, {@code allkeys-lfu}, {@code volatile-lfu},
 *       {@code volatile-ttl}: each round samples {@code maxmemory-samples} keys (from all keys, or
 *       only those with a time to live) and offers them to an <b>eviction pool</b> of the 16 best
 *       candidates seen so far ({@code EVPOOL_SIZE}), kept sorted by a score: idle time for LRU,
 *       {@code 255 - counter} for LFU, how soon the key expires for TTL. The best candidate that
 *       still exists is evicted. The pool outlives the call, so good candidates found earlier are
 *       not forgotten: that is what lets 5 samples come close to true LRU.
 *   <li>{@code allkeys-random}, {@code volatile-random}: any key (with a TTL) at random.
 *   <li>{@code noeviction}: evict nothing; writes are refused with OOM while over the limit.
 * </ul>
 *
 * <p>Differences from Redis, on purpose: idle time is measured in milliseconds of the keyspace's
 * clock rather than Redis's 1-second LRU clock ({@code LRU_CLOCK_RESOLUTION}), so tests with a
 * {@link dev.prep.redis.server.ManualClock} can tell accesses apart; a key already in the pool is
 * not added twice. One instance serves one keyspace (the pool is reset if the {@link Db} changes).
 * LFU policies switch the keyspace's logarithmic counter on ({@link Db#enableLfu}, {@code
 * lfu-log-factor 10}, {@code lfu-decay-time 1}) the first time they are asked to check memory,
 * which is before the first key is written.
 */
public final class SampledEviction implements EvictionStrategy {

  /** Redis's eviction pool size ({@code EVPOOL_SIZE} in {@code evict.c}). */
  public static final int POOL_SIZE = 16;

  /** The eight policy names, as {@code maxmemory-policy} spells them in {@code redis.conf}. */
  public static final List<String> POLICIES =
      List.of(
          "noeviction",
          "allkeys-lru",
          "volatile-lru",
          "allkeys-lfu",
          "volatile-lfu",
          "allkeys-random",
          "volatile-random",
          "volatile-ttl");

  static final int LFU_LOG_FACTOR = 10;
  static final int LFU_DECAY_MINUTES = 1;

  private enum Kind {
    NONE,
    LRU,
    LFU,
    TTL,
    RANDOM
  }

  private final String policy;
  private final Kind kind;
  private final boolean allKeys;
  private final int samples;
  private final RandomGenerator random;
  private final String[] poolKeys = new String[POOL_SIZE];
  private final long[] poolScores = new long[POOL_SIZE];
  private Db poolDb;
  private long evicted;

  /**
   * @param policy one of {@link #POLICIES}
   * @param samples keys sampled per round ({@code maxmemory-samples}: 1 to 64, Redis's default 5)
   * @param random the source of samples: seed it for repeatable tests
   * @throws IllegalArgumentException for an unknown policy or a sample count out of range
   */
  public SampledEviction(String policy, int samples, RandomGenerator random) {
    if (!POLICIES.contains(policy)) {
      throw new IllegalArgumentException(
          "unknown maxmemory-policy '"
              + policy
              + "': expected one of "
              + String.join(", ", POLICIES));
    }
    if (samples < 1 || samples > 64) {
      throw new IllegalArgumentException(
          "maxmemory-samples must be between 1 and 64 (Redis's range), got " + samples);
    }
    this.policy = policy;
    this.samples = samples;
    this.random = random;
    this.allKeys = policy.startsWith("allkeys-");
    this.kind =
        policy.equals("noeviction")
            ? Kind.NONE
            : policy.endsWith("-lru")
                ? Kind.LRU
                : policy.endsWith("-lfu")
                    ? Kind.LFU
                    : policy.endsWith("-ttl") ? Kind.TTL : Kind.RANDOM;
  }

  public String policy() {
    return policy;
  }

  public int samples() {
    return samples;
  }

  /** Keys this strategy has evicted (INFO's {@code evicted_keys}). */
  public long evictedKeys() {
    return evicted;
  }

  /** {@code performEvictions}: evict one key at a time until under the limit or out of keys. */
  @Override
  public boolean freeMemoryIfNeeded(Db db, long maxmemory) {
    if (db != poolDb) {
      poolDb = db;
      Arrays.fill(poolKeys, null);
      if (kind == Kind.LFU) db.enableLfu(LFU_LOG_FACTOR, LFU_DECAY_MINUTES);
    }
    while (db.usedMemory() > maxmemory) {
      if (kind == Kind.NONE) return false;
      String key = kind == Kind.RANDOM ? sample(db) : bestFromPool(db);
      if (key == null) return false; // nothing (with a TTL) left to evict
      if (db.remove(key)) evicted++;
    }
    return true;
  }

  private String sample(Db db) {
    return allKeys ? db.randomKey(random) : db.randomVolatileKey(random);
  }

  /** Refills the pool and takes its best entry that still exists, as {@code evict.c} does. */
  private String bestFromPool(Db db) {
    while ((allKeys ? db.size() : db.volatileSize()) > 0) {
      populate(db);
      for (int k = POOL_SIZE - 1; k >= 0; k--) {
        String key = poolKeys[k];
        if (key == null) continue;
        poolKeys[k] = null;
        boolean present = allKeys ? db.rawGet(key) != null : db.rawExpireAt(key) >= 0;
        if (present) return key; // otherwise a ghost: deleted since it entered the pool
      }
    }
    return null;
  }

  /** {@code evictionPoolPopulate}: offers {@code samples} random keys to the sorted pool. */
  private void populate(Db db) {
    for (int n = 0; n < samples; n++) {
      String key = sample(db);
      if (key == null || inPool(key)) continue;
      long score = score(db, key);
      int k = 0;
      while (k < POOL_SIZE && poolKeys[k] != null && poolScores[k] < score) k++;
      if (k == 0 && poolKeys[POOL_SIZE - 1] != null) continue; // worse than all of a full pool
      if (k < POOL_SIZE && poolKeys[k] == null) {
        // an empty slot: take it
      } else if (poolKeys[POOL_SIZE - 1] == null) {
        System.arraycopy(poolKeys, k, poolKeys, k + 1, POOL_SIZE - k - 1);
        System.arraycopy(poolScores, k, poolScores, k + 1, POOL_SIZE - k - 1);
      } else {
        k--; // full: drop the worst entry (index 0) and insert just below k
        System.arraycopy(poolKeys, 1, poolKeys, 0, k);
        System.arraycopy(poolScores, 1, poolScores, 0, k);
      }
      poolKeys[k] = key;
      poolScores[k] = score;
    }
  }

  /** Higher is a better candidate: idle milliseconds, inverse frequency, or nearness of expiry. */
  private long score(Db db, String key) {
    RedisObject o = db.rawGet(key);
    return switch (kind) {
      case LRU -> db.now() - o.lruMillis();
      case LFU -> 255 - db.lfuDecayed(o);
      case TTL -> Long.MAX_VALUE - db.rawExpireAt(key);
      case NONE, RANDOM -> throw new IllegalStateException(policy + " does not score keys");
    };
  }

  private boolean inPool(String key) {
    for (String k : poolKeys) if (key.equals(k)) return true;
    return false;
  }

  /** The pool's keys, best candidate last, empty slots as null: for tests and notebooks. */
  public List<String> pool() {
    return Arrays.asList(poolKeys.clone());
  }
}
