package dev.prep.redis.demo;

import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;

/**
 * A lock on one Redis key, the single-instance pattern of redis.io's "Distributed Locks with Redis"
 * page: take it with {@code SET key token NX PX ttl} (only if absent, expiring by itself), release
 * it only if the key still holds your token.
 *
 * <p>The page releases with a Lua script, because Redis runs a script with nothing in between:
 *
 * <pre>
 * if redis.call("get",KEYS[1]) == ARGV[1] then
 *     return redis.call("del",KEYS[1])
 * else
 *     return 0
 * end
 * </pre>
 *
 * The course's reference server has no Lua, so {@link #release} does the same compare-and-delete
 * with optimistic locking: WATCH the key, GET it, and DEL it in MULTI/EXEC, which the server aborts
 * if the key changed after WATCH (it expired and someone else took it, say). Two round trips more
 * than the script, the same guarantee.
 *
 * <p>One lock object per connection: a Jedis connection is not thread-safe.
 */
record RedisLock(Jedis jedis, String key) {

  /** A fresh random token, unique across clients and acquisitions, as the page asks. */
  static String newToken() {
    return UUID.randomUUID().toString();
  }

  /** {@code SET key token NX PX ttl}: true if this call took the lock. */
  boolean tryAcquire(String token, long ttlMillis) {
    return "OK".equals(jedis.set(key, token, SetParams.setParams().nx().px(ttlMillis)));
  }

  /**
   * The unsafe release, {@code DEL key}: deletes the lock whoever holds it. True if a key was
   * deleted, which may be someone else's lock.
   */
  boolean releaseUnsafely() {
    return jedis.del(key) == 1;
  }

  /** Compare-and-delete: deletes the key only while it still holds {@code token}. */
  boolean release(String token) {
    jedis.watch(key);
    if (!token.equals(jedis.get(key))) {
      jedis.unwatch(); // not ours (any more): leave it alone
      return false;
    }
    Transaction tx = jedis.multi();
    tx.del(key);
    List<Object> replies = tx.exec(); // null: the key changed after WATCH, so it is not ours
    return replies != null && Long.valueOf(1).equals(replies.getFirst());
  }
}
