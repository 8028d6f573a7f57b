package dev.prep.redis.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/*
 * Cache-aside (旁路缓存) in front of a slow database, and the three ways it lets the load through.
 *
 * Cache-aside: read the cache; on a miss, load from the database and put the value in the cache
 * with a TTL; on an update, write the database and delete the cached copy. The cache only ever
 * holds what somebody asked for. Interviewers ask about three failures, each with its cure:
 *
 *   breakdown (缓存击穿)     one hot key expires (or was never cached) and every request that
 *                            misses it loads it from the database at the same moment: a stampede.
 *                            Cure: one request rebuilds the value under a lock (SET lock NX PX),
 *                            the others wait and read the cache; the winner re-checks the cache
 *                            after taking the lock, because someone may have filled it meanwhile.
 *   avalanche (缓存雪崩)     many keys expire at the same moment (all cached together at start-up
 *                            with the same TTL) or the cache goes down: the database takes every
 *                            request at once. Cure for the first: add random jitter to each TTL;
 *                            for the second: replicas, a local cache, circuit breakers.
 *   penetration (缓存穿透)   requests for keys that exist nowhere: the cache never holds them, so
 *                            every one reaches the database. Cure: cache the "not found" too, with
 *                            a short TTL, or ask a Bloom filter of the existing ids first.
 *
 * Parts:
 *   1. 200 concurrent requests (virtual threads, a connection each) for one cold key, against a
 *      database that takes 100 ms per load and counts them: once without protection, once with
 *      the lock. The loads column is the lesson.
 *   2. 1,000 keys cached in one go with a 600 s TTL, then with 600 s plus 0-119 s of seeded random
 *      jitter; PTTL read back from the server, counted per second of expiry.
 *   3. 50 requests for an id no row has, with and without a cached "not found".
 *
 * Part 1's unprotected load count depends on scheduling (it is usually all 200); the protected
 * count is exactly 1. Parts 2 and 3 are exact.
 *
 * Run: prep demo redis cache-aside
 *      prep demo redis cache-aside -- --redis redis://127.0.0.1:6379
 */
public final class CacheAsideDemo {

  static final int REQUESTS = 200;
  static final long LOAD_MILLIS = 100;
  static final int WARM_KEYS = 1_000;
  static final long TTL_SECONDS = 600;
  static final int JITTER_SECONDS = 120;
  static final long SEED = 7;
  static final int MISSING_REQUESTS = 50;

  /** What the cache stores for a row that does not exist: never a real value. */
  static final String NOT_FOUND = "";

  private CacheAsideDemo() {}

  /** The source of truth: slow, and it counts what it is asked. */
  static final class SlowDatabase {
    private final long loadMillis;
    private final AtomicInteger loads = new AtomicInteger();

    SlowDatabase(long loadMillis) {
      this.loadMillis = loadMillis;
    }

    /** The row for {@code id}, or null: ids 1 to 1,000 exist. */
    String load(int id) throws InterruptedException {
      loads.incrementAndGet();
      Thread.sleep(loadMillis); // a query that takes its time
      return id >= 1 && id <= 1_000 ? "{\"id\":" + id + ",\"name\":\"user " + id + "\"}" : null;
    }

    int loads() {
      return loads.get();
    }
  }

  static String key(int id) {
    return "demo:cache:user:" + id;
  }

  /** A cache-aside read. */
  @FunctionalInterface
  interface Reader {
    String read(Jedis jedis, SlowDatabase db, int id) throws InterruptedException;
  }

  /** Miss, load, fill: every request that misses loads. */
  static String unprotected(Jedis jedis, SlowDatabase db, int id) throws InterruptedException {
    String cached = jedis.get(key(id));
    if (cached != null) {
      return cached;
    }
    String row = db.load(id);
    if (row != null) { // a missing row leaves nothing in the cache: the next request loads again
      jedis.set(key(id), row, SetParams.setParams().ex(TTL_SECONDS));
    }
    return row;
  }

  /** Miss, then only the request holding the rebuild lock loads; the rest wait for the cache. */
  static String withMutex(Jedis jedis, SlowDatabase db, int id) throws InterruptedException {
    var lock = new RedisLock(jedis, key(id) + ":rebuild");
    while (true) {
      String cached = jedis.get(key(id));
      if (cached != null) {
        return cached;
      }
      String token = RedisLock.newToken();
      if (lock.tryAcquire(token, 5_000)) { // a lease well over one load
        try {
          String again = jedis.get(key(id)); // filled while we were taking the lock?
          if (again != null) {
            return again;
          }
          String row = db.load(id);
          if (row != null) {
            jedis.set(key(id), row, SetParams.setParams().ex(TTL_SECONDS));
          }
          return row;
        } finally {
          lock.release(token);
        }
      }
      Thread.sleep(10); // someone else is loading: wait, then read the cache again
    }
  }

  /** Misses for missing rows are cached too, as {@link #NOT_FOUND} for 60 s. */
  static String cachingNotFound(Jedis jedis, SlowDatabase db, int id) throws InterruptedException {
    String cached = jedis.get(key(id));
    if (cached != null) {
      return cached.equals(NOT_FOUND) ? null : cached;
    }
    String row = db.load(id);
    jedis.set(
        key(id),
        row == null ? NOT_FOUND : row,
        SetParams.setParams().ex(row == null ? 60 : TTL_SECONDS));
    return row;
  }

  // ---- part 1: the stampede ---------------------------------------------------------------------

  /** What {@link #REQUESTS} concurrent reads of one cold key did. */
  record Stampede(int requests, int loads, Set<String> answers) {}

  static Stampede stampede(DemoRedis redis, Reader reader) throws Exception {
    int hot = 42;
    var db = new SlowDatabase(LOAD_MILLIS);
    try (Jedis jedis = redis.connect()) {
      jedis.del(key(hot), key(hot) + ":rebuild");
    }
    var ready = new CountDownLatch(REQUESTS);
    var go = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int r = 0; r < REQUESTS; r++) {
        answers.add(
            requests.submit(
                () -> {
                  try (Jedis jedis = redis.connect()) {
                    jedis.ping(); // connected before the start, so the requests arrive together
                    ready.countDown();
                    go.await();
                    return reader.read(jedis, db, hot);
                  }
                }));
      }
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("clients did not connect within 30 s");
      }
      go.countDown();
      Set<String> distinct = new TreeSet<>();
      for (Future<String> f : answers) {
        distinct.add(f.get(30, TimeUnit.SECONDS));
      }
      try (Jedis jedis = redis.connect()) {
        jedis.del(key(hot));
      }
      return new Stampede(REQUESTS, db.loads(), distinct);
    }
  }

  // ---- part 2: expiries, with and without jitter
  // -------------------------------------------------

  /** How many of the warmed keys expire in each second from now, read back with PTTL. */
  record Expiries(NavigableMap<Long, Integer> perSecond) {
    int most() {
      return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    long first() {
      return perSecond.isEmpty() ? 0 : perSecond.firstKey();
    }

    long last() {
      return perSecond.isEmpty() ? 0 : perSecond.lastKey();
    }

    /** Keys expiring in [from, to) seconds from now. */
    int between(long from, long to) {
      return perSecond.entrySet().stream()
          .filter(e -> e.getKey() >= from && e.getKey() < to)
          .mapToInt(Map.Entry::getValue)
          .sum();
    }
  }

  /** The TTL of each of {@link #WARM_KEYS} keys: 600 s, plus 0 to jitter-1 s drawn from SEED. */
  static long[] ttls(int jitterSeconds) {
    var random = new SplittableRandom(SEED);
    long[] ttls = new long[WARM_KEYS];
    for (int i = 0; i < ttls.length; i++) {
      ttls[i] = TTL_SECONDS + (jitterSeconds == 0 ? 0 : random.nextInt(jitterSeconds));
    }
    return ttls;
  }

  /** Caches every key at once with {@code ttls}, reads each PTTL back, counts expiries a second. */
  static Expiries warm(DemoRedis redis, long[] ttls) {
    try (Jedis jedis = redis.connect()) {
      Pipeline warm = jedis.pipelined();
      for (int i = 0; i < ttls.length; i++) {
        warm.set(key(i + 1), "row " + (i + 1), SetParams.setParams().ex(ttls[i]));
      }
      warm.sync();
      Pipeline read = jedis.pipelined();
      List<Response<Long>> pttls = new ArrayList<>();
      for (int i = 0; i < ttls.length; i++) {
        pttls.add(read.pttl(key(i + 1)));
      }
      read.sync();
      var perSecond = new TreeMap<Long, Integer>();
      for (Response<Long> pttl : pttls) {
        long second = (pttl.get() + 999) / 1000; // a key with 599,98x ms left expires in second 600
        perSecond.merge(second, 1, Integer::sum);
      }
      Pipeline clean = jedis.pipelined();
      for (int i = 0; i < ttls.length; i++) {
        clean.del(key(i + 1));
      }
      clean.sync();
      return new Expiries(perSecond);
    }
  }

  // ---- part 3: penetration
  // --------------------------------------------------------------------------

  /** Database loads for {@link #MISSING_REQUESTS} requests for a row that does not exist. */
  static int missingRowLoads(DemoRedis redis, Reader reader) throws InterruptedException {
    int missing = 1_000_001;
    var db = new SlowDatabase(5);
    try (Jedis jedis = redis.connect()) {
      jedis.del(key(missing));
      for (int i = 0; i < MISSING_REQUESTS; i++) {
        if (reader.read(jedis, db, missing) != null) {
          throw new IllegalStateException("a row for an id that has none");
        }
      }
      jedis.del(key(missing));
    }
    return db.loads();
  }

  // ---- output
  // ---------------------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    DemoRedis.run("cache-aside", args, CacheAsideDemo::show);
  }

  private static void show(DemoRedis redis) throws Exception {
    System.out.println(
        "== Cache-aside: a stampede, an avalanche of expiries, and misses for nothing ==");
    System.out.println(
        "Watch: the loads column. Each load is a query the cache was there to spare the database.");
    System.out.println(redis.describe());
    System.out.println();

    System.out.printf(
        "-- 1. Breakdown (缓存击穿): %d concurrent requests for one cold key, %d ms per load --%n",
        REQUESTS, LOAD_MILLIS);
    Stampede open = stampede(redis, CacheAsideDemo::unprotected);
    Stampede locked = stampede(redis, CacheAsideDemo::withMutex);
    System.out.printf("%-32s %8s %8s %15s%n", "read path", "requests", "loads", "distinct values");
    System.out.printf(
        "%-32s %8d %8d %15d%n",
        "miss -> load -> SET EX", open.requests(), open.loads(), open.answers().size());
    System.out.printf(
        "%-32s %8d %8d %15d%n",
        "miss -> SET NX PX lock -> recheck",
        locked.requests(),
        locked.loads(),
        locked.answers().size());
    System.out.println();

    System.out.printf(
        "-- 2. Avalanche (缓存雪崩): %,d keys cached at once, expiry second read back with PTTL --%n",
        WARM_KEYS);
    Expiries same = warm(redis, ttls(0));
    Expiries jittered = warm(redis, ttls(JITTER_SECONDS));
    System.out.printf(
        "TTL %d s:             all %,d expire in second %d (most in one second: %,d)%n",
        TTL_SECONDS, same.between(0, Long.MAX_VALUE), same.first(), same.most());
    System.out.printf(
        "TTL %d s + 0-%d s:   spread over seconds %d-%d (most in one second: %d)%n",
        TTL_SECONDS, JITTER_SECONDS - 1, jittered.first(), jittered.last(), jittered.most());
    for (long from = TTL_SECONDS; from < TTL_SECONDS + JITTER_SECONDS; from += 10) {
      int n = jittered.between(from, from + 10);
      System.out.printf("  %d-%d s %4d %s%n", from, from + 9, n, "#".repeat(n / 4));
    }
    System.out.println();

    System.out.printf(
        "-- 3. Penetration (缓存穿透): %d requests for a row that does not exist --%n",
        MISSING_REQUESTS);
    int uncached = missingRowLoads(redis, CacheAsideDemo::unprotected);
    int cachedMiss = missingRowLoads(redis, CacheAsideDemo::cachingNotFound);
    System.out.printf("%-32s %8s%n", "read path", "loads");
    System.out.printf("%-32s %8d%n", "nothing cached for \"not found\"", uncached);
    System.out.printf("%-32s %8d%n", "\"not found\" cached for 60 s", cachedMiss);
    System.out.println();
    System.out.printf(
        "You saw: %d loads for one cold key without protection and %d with the lock; %,d keys"
            + " expiring in one second, or at most %d with jitter; %d loads for a missing row, or"
            + " %d once \"not found\" is cached.%n",
        open.loads(), locked.loads(), same.most(), jittered.most(), uncached, cachedMiss);
  }
}
