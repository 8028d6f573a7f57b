package dev.prep.redis.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/*
 * Rate limiting (限流) shared by many application servers: the counts live in Redis.
 *
 * Two limiters, both "10 requests per 60 s per client":
 *
 *   fixed window (固定窗口)    a counter per aligned minute, the pattern redis.io gives on the INCR
 *                              page ("Pattern: Rate limiter 1"):
 *                                MULTI; INCR rl:<client>:<minute>; PEXPIRE it 60000; EXEC
 *                              allowed while the count is at most 10. One small key per client.
 *                              Its flaw: the count resets at each boundary, so 10 requests at the
 *                              end of one minute and 10 at the start of the next all pass: 2x the
 *                              limit within a couple of seconds.
 *   sliding log (滑动日志)     a sorted set per client, one member per request, scored with its
 *                              time in milliseconds:
 *                                MULTI
 *                                ZREMRANGEBYSCORE log 0 <now - 60000>   drop what left the window
 *                                ZADD log <now> <request id>            log this request
 *                                ZCARD log                              count the window
 *                                PEXPIRE log 60000                      an idle client's log goes
 *                                EXEC
 *                              allowed if the count is at most 10; a refused request is then
 *                              removed again (ZREM), so refusals do not hold the window shut.
 *                              Exact in every window (now - 60 s, now], at the cost of up to 10
 *                              members per client instead of one counter.
 *
 * MULTI/EXEC makes each check one step no other client can interleave with: without it two
 * servers could both count 10 and both admit an eleventh. In production the same steps usually go
 * into one Lua script (EVAL), which also lets the refusal happen before the ZADD; the reference
 * server has no Lua, and a transaction is enough here.
 *
 * Time is passed in, not read from the clock: each request carries its own timestamp (the scores
 * and window numbers), so the output is the same on every run and every machine. Only PEXPIRE
 * uses the server's real clock, to clean up after the demo. The network topic's rate-limiters
 * demo puts five algorithms side by side in memory; this one is about doing it in Redis.
 *
 * Three traffics: a burst of 50 concurrent clients (virtual threads, a connection each) at the
 * same instant; 10 requests just before a minute boundary and 10 just after; and a steady 12 a
 * minute for 3 minutes.
 *
 * Run: prep demo redis rate-limiter
 *      prep demo redis rate-limiter -- --redis redis://127.0.0.1:6379
 */
public final class RateLimiterDemo {

  static final int LIMIT = 10;
  static final long WINDOW_MILLIS = 60_000;
  static final int BURST_CLIENTS = 50;

  private RateLimiterDemo() {}

  /** A limiter for one client, deciding a request made at {@code nowMillis}. */
  interface Limiter {
    boolean allow(Jedis jedis, long nowMillis, String requestId);
  }

  /** INCR on a key per aligned window. */
  record FixedWindow(String prefix) implements Limiter {
    @Override
    public boolean allow(Jedis jedis, long nowMillis, String requestId) {
      String key = prefix + ":" + nowMillis / WINDOW_MILLIS;
      Transaction tx = jedis.multi();
      Response<Long> count = tx.incr(key);
      tx.pexpire(key, WINDOW_MILLIS);
      tx.exec();
      return count.get() <= LIMIT;
    }
  }

  /** A sorted set of request times: exact over any window ending now. */
  record SlidingLog(String key) implements Limiter {
    @Override
    public boolean allow(Jedis jedis, long nowMillis, String requestId) {
      Transaction tx = jedis.multi();
      tx.zremrangeByScore(key, 0, nowMillis - WINDOW_MILLIS); // scores <= now - 60 s are gone
      tx.zadd(key, nowMillis, requestId);
      Response<Long> count = tx.zcard(key);
      tx.pexpire(key, WINDOW_MILLIS);
      tx.exec();
      if (count.get() <= LIMIT) {
        return true;
      }
      jedis.zrem(key, requestId); // refused: not part of the window
      return false;
    }
  }

  /** A named list of request times in milliseconds; {@code concurrent}: all sent at once. */
  record Traffic(String name, List<Long> times, boolean concurrent) {}

  static Traffic burst() {
    return new Traffic(
        "burst: " + BURST_CLIENTS + " clients at once",
        Collections.nCopies(BURST_CLIENTS, 1_000L),
        true);
  }

  static Traffic boundary() {
    List<Long> times = new ArrayList<>();
    for (long t = 59_000; t < 61_000; t += 100) {
      times.add(t);
    }
    return new Traffic("boundary: 59.0-60.9 s, 1 per 100 ms", times, false);
  }

  static Traffic steady() {
    List<Long> times = new ArrayList<>();
    for (long t = 0; t < 180_000; t += 5_000) {
      times.add(t);
    }
    return new Traffic("steady: 12 a minute for 3 min", times, false);
  }

  /** What one limiter allowed of one traffic. */
  record Outcome(int requests, List<Long> allowedAt) {
    int allowed() {
      return allowedAt.size();
    }

    /** The most allowed requests in any window (t - 60 s, t]. */
    int mostInAnyWindow() {
      List<Long> sorted = allowedAt.stream().sorted().toList();
      int most = 0;
      for (int left = 0, right = 0; right < sorted.size(); right++) {
        while (sorted.get(left) <= sorted.get(right) - WINDOW_MILLIS) {
          left++;
        }
        most = Math.max(most, right - left + 1);
      }
      return most;
    }
  }

  /** Sends {@code traffic} through {@code limiter}, in order, or all at once if concurrent. */
  static Outcome run(DemoRedis redis, Traffic traffic, Limiter limiter) throws Exception {
    List<Long> times = traffic.times();
    List<Long> allowed = Collections.synchronizedList(new ArrayList<>());
    if (!traffic.concurrent()) {
      try (Jedis jedis = redis.connect()) {
        for (int i = 0; i < times.size(); i++) {
          if (limiter.allow(jedis, times.get(i), "r" + i)) {
            allowed.add(times.get(i));
          }
        }
      }
      return new Outcome(times.size(), List.copyOf(allowed));
    }
    var ready = new CountDownLatch(times.size());
    var go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < times.size(); i++) {
        String id = "r" + i;
        long t = times.get(i);
        done.add(
            clients.submit(
                () -> {
                  try (Jedis jedis = redis.connect()) {
                    jedis.ping();
                    ready.countDown();
                    go.await();
                    if (limiter.allow(jedis, t, id)) {
                      allowed.add(t);
                    }
                  }
                  return null;
                }));
      }
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("clients did not connect within 30 s");
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    return new Outcome(times.size(), List.copyOf(allowed));
  }

  /** Both limiters on one traffic, each on fresh keys. */
  record Comparison(Traffic traffic, Outcome fixed, Outcome log, long logMembersLeft) {}

  static Comparison compare(DemoRedis redis, Traffic traffic, int n) throws Exception {
    String prefix = "demo:ratelimit:" + n;
    String log = prefix + ":log";
    deleteKeys(redis, prefix);
    Outcome fixed = run(redis, traffic, new FixedWindow(prefix + ":fixed"));
    Outcome sliding = run(redis, traffic, new SlidingLog(log));
    long left;
    try (Jedis jedis = redis.connect()) {
      left = jedis.zcard(log);
    }
    deleteKeys(redis, prefix);
    return new Comparison(traffic, fixed, sliding, left);
  }

  private static void deleteKeys(DemoRedis redis, String prefix) {
    try (Jedis jedis = redis.connect()) {
      jedis.del(prefix + ":log", prefix + ":fixed:0", prefix + ":fixed:1", prefix + ":fixed:2");
    }
  }

  public static void main(String[] args) throws Exception {
    DemoRedis.run("rate-limiter", args, RateLimiterDemo::show);
  }

  private static void show(DemoRedis redis) throws Exception {
    System.out.println(
        "== Rate limiting in Redis: a fixed window (INCR) and a sliding log (ZSET) ==");
    System.out.println(
        "Watch: the \"most in 60 s\" columns. The limit is 10 per 60 s; the fixed window passes");
    System.out.println("       20 around a minute boundary, the sliding log never more than 10.");
    System.out.println(redis.describe());
    System.out.println();
    List<Comparison> comparisons = new ArrayList<>();
    List<Traffic> traffics = List.of(burst(), boundary(), steady());
    for (int i = 0; i < traffics.size(); i++) {
      comparisons.add(compare(redis, traffics.get(i), i));
    }
    System.out.printf(
        "%-36s %8s | %-22s | %-22s%n", "", "", "fixed window (INCR)", "sliding log (ZSET)");
    System.out.printf(
        "%-36s %8s | %7s %14s | %7s %14s%n",
        "traffic", "requests", "allowed", "most in 60 s", "allowed", "most in 60 s");
    for (Comparison c : comparisons) {
      System.out.printf(
          "%-36s %8d | %7d %14d | %7d %14d%n",
          c.traffic().name(),
          c.fixed().requests(),
          c.fixed().allowed(),
          c.fixed().mostInAnyWindow(),
          c.log().allowed(),
          c.log().mostInAnyWindow());
    }
    System.out.println();
    Comparison burst = comparisons.get(0);
    Comparison boundary = comparisons.get(1);
    System.out.printf(
        "burst: %d clients raced; each check ran inside MULTI/EXEC, so exactly %d and %d got"
            + " through.%n",
        BURST_CLIENTS, burst.fixed().allowed(), burst.log().allowed());
    long before = boundary.fixed().allowedAt().stream().filter(t -> t < WINDOW_MILLIS).count();
    System.out.printf(
        "boundary: the fixed window allowed %d before 60 s and %d after, %d within 2 s;%n"
            + "          the sliding log allowed %d, and refused the rest until 60 s after the"
            + " first.%n",
        before,
        boundary.fixed().allowed() - before,
        boundary.fixed().allowed(),
        boundary.log().allowed());
    System.out.printf(
        "memory: the sliding log kept %d members (at most %d) per client; the fixed window one"
            + " counter per minute.%n",
        comparisons.stream().mapToLong(Comparison::logMembersLeft).max().orElse(0), LIMIT);
    System.out.println();
    System.out.printf(
        "You saw: both limiters hold a concurrent burst to exactly %d; at a minute boundary the"
            + " fixed window let %d through in 2 s (2x its limit), the sliding log %d.%n",
        LIMIT, boundary.fixed().mostInAnyWindow(), boundary.log().mostInAnyWindow());
  }
}
