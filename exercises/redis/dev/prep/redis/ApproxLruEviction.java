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

  // TODO: the samples count, the random generator, and the pool (16 keys with their idle times)

  /**
   * @param samples keys sampled per eviction ({@code maxmemory-samples}), at least 1
   * @param random where the samples come from (seeded in tests)
   */
  public ApproxLruEviction(int samples, RandomGenerator random) {
    // TODO: reject samples < 1 with IllegalArgumentException; keep both
    throw new UnsupportedOperationException("TODO: ApproxLruEviction");
  }

  @Override
  public boolean freeMemoryIfNeeded(Db db, long maxmemory) {
    // TODO: while over the limit: sample into the pool, evict the idlest key that still exists
    throw new UnsupportedOperationException("TODO: freeMemoryIfNeeded");
  }
}
