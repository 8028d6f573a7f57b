package dev.prep.redis.server.commands;

import dev.prep.redis.server.Db;
import java.util.random.RandomGenerator;

/**
 * Active expiry, after redis/redis {@code src/expire.c} {@code activeExpireCycle}: lazy expiry
 * alone would keep every expired key that nobody reads, so {@code hz} times a second Redis samples
 * keys that have a time to live and deletes the expired ones.
 *
 * <p>One cycle: sample 20 keys with a TTL ({@code ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP}), delete those
 * past their deadline, and go again while more than 10% of the sample had expired ({@code
 * ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE} at the default {@code active-expire-effort 1}); every 16
 * rounds check the time limit (Redis gives the slow cycle 25% of a tick, {@code
 * ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC}: 25 ms at {@code hz 10}). So a keyspace where many keys have
 * expired gets many rounds, and one where few have costs 20 samples a tick. A sample of 20 is
 * noisy, so a cycle can stop early; the next tick carries on, and the share of expired keys still
 * in memory drifts down to around the 10% threshold ({@code ActiveExpireCycleTest}: 10,000 keys,
 * half expired, under 10% stale after 301 cycles, 30 seconds of ticks).
 */
final class ActiveExpireCycle {
  private ActiveExpireCycle() {}

  static final int KEYS_PER_LOOP = 20;
  static final int ACCEPTABLE_STALE_PERCENT = 10;

  /** Runs one cycle on {@code db}; returns how many keys it deleted. */
  static int run(Db db, RandomGenerator random, long timeLimitMicros) {
    long start = System.nanoTime();
    int deleted = 0;
    int iteration = 0;
    int sampled;
    int expired;
    do {
      int volatiles = db.volatileSize();
      if (volatiles == 0) break;
      int n = Math.min(volatiles, KEYS_PER_LOOP);
      sampled = 0;
      expired = 0;
      long now = db.now();
      for (int i = 0; i < n; i++) {
        String key = db.randomVolatileKey(random);
        if (key == null) break;
        sampled++;
        long deadline = db.rawExpireAt(key);
        if (deadline >= 0 && deadline < now && db.expireIfNeeded(key)) expired++;
      }
      deleted += expired;
      iteration++;
      if ((iteration & 0xf) == 0 && (System.nanoTime() - start) / 1000 > timeLimitMicros) break;
    } while (sampled == 0 || expired * 100 / sampled > ACCEPTABLE_STALE_PERCENT);
    return deleted;
  }
}
