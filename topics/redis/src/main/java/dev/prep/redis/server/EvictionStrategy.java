package dev.prep.redis.server;

/**
 * What the server does when a command that may grow memory arrives and the keyspace is over {@code
 * maxmemory} (Redis's {@code performEvictions}, redis/redis {@code src/evict.c}).
 */
@FunctionalInterface
public interface EvictionStrategy {

  /**
   * Evicts keys until {@code db.usedMemory() <= maxmemory} or the policy has nothing left to evict.
   *
   * @return true if memory is now within the limit (the command may run); false to refuse it with
   *     {@link Replies#OOM}
   */
  boolean freeMemoryIfNeeded(Db db, long maxmemory);

  /** {@code noeviction}, Redis's default: never evict; refuse writes while over the limit. */
  EvictionStrategy NO_EVICTION = (db, maxmemory) -> db.usedMemory() <= maxmemory;
}
