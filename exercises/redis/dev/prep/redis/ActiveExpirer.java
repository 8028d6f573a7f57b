package dev.prep.redis;

import dev.prep.redis.server.Db;
import java.util.random.RandomGenerator;

/**
 * Stage 5 of the mini Redis, part 2: active expiry, the half of expiry that needs no client. Lazy
 * expiry (the {@link Db} deletes a key whose deadline has passed when something reads it) never
 * frees a key nobody reads again, so a few times a second Redis samples keys that have a deadline
 * and deletes the expired ones.
 *
 * <p>One {@link #cycle} is the sampling loop of Redis's {@code activeExpireCycle} as Redis 5.0
 * wrote it (redis/redis {@code src/expire.c} at 5.0, its constants in {@code src/server.h}; the
 * redis.io page for EXPIRE described the same loop under "How Redis expires keys"):
 *
 * <ol>
 *   <li>Sample {@link #KEYS_PER_ROUND} random keys among those with a deadline ({@code
 *       ACTIVE_EXPIRE_CYCLE_LOOKUPS_PER_LOOP 20}), fewer if fewer have one.
 *   <li>Delete the ones whose deadline has passed.
 *   <li>If more than a quarter of the round's keys had expired ({@code expired >
 *       ACTIVE_EXPIRE_CYCLE_LOOKUPS_PER_LOOP/4}), the keyspace is probably full of dead keys: go
 *       again. Otherwise stop: the few left are not worth the CPU.
 * </ol>
 *
 * <p>Redis also stops when the cycle has used its time budget (25% of each {@code 1/hz} period,
 * {@code ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC}, checked every 16 rounds); here the budget is {@link
 * #MAX_ROUNDS} rounds, so a test gets the same answer on a slow machine. Sampling is statistical: a
 * cycle never deletes a live key, may leave some expired ones behind, and is cheap when few have
 * expired. (Later Redis walks the expiry table with a cursor instead of sampling it at random, and
 * goes again while more than 10% of a round had expired, a threshold the {@code
 * active-expire-effort} setting lowers: {@code src/expire.c} on unstable; the idea is the same.)
 *
 * <p>Graded on a {@link Db} directly, with a seeded random: never a live key deleted; 100,000 keys
 * with 90% expired mostly cleared in a few cycles; a cycle with 1% expired stopping early.
 */
public final class ActiveExpirer {

  /** Keys sampled per round: Redis's {@code ACTIVE_EXPIRE_CYCLE_LOOKUPS_PER_LOOP}. */
  public static final int KEYS_PER_ROUND = 20;

  /** The most rounds one cycle runs: this class's stand-in for Redis's time budget. */
  public static final int MAX_ROUNDS = 1_000;

  /**
   * Runs one active-expiry cycle over {@code db}.
   *
   * @param db the keyspace; {@link Db#randomVolatileKey} samples the keys with a deadline and
   *     {@link Db#expireIfNeeded} deletes a key only if its deadline has passed
   * @param random the only source of randomness, so a seeded generator repeats a cycle exactly
   * @return how many keys this cycle deleted
   */
  public int cycle(Db db, RandomGenerator random) {
    // TODO: sample KEYS_PER_ROUND keys a round, delete the expired, repeat while > 1/4 were
    throw new UnsupportedOperationException("TODO: cycle");
  }
}
