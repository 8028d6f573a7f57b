package dev.prep.redis.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;

/*
 * A distributed lock (分布式锁) on one Redis key, and the two ways it fails people.
 *
 * The lock (redis.io, "Distributed Locks with Redis", the single-instance section):
 *   take     SET resource <random token> NX PX <ttl>   only if nobody holds it; expires by itself
 *   release  delete the key only if it still holds my token   (compare-and-delete)
 * NX makes taking it atomic; PX makes a crashed holder's lock go away on its own; the random token
 * says whose lock it is. See RedisLock for the release (a Lua script on real Redis; WATCH and
 * MULTI/EXEC here, because the course's reference server has no Lua).
 *
 * Part 1: eight clients (virtual threads, each with its own connection) increment one counter,
 * five times each, with a deliberately unsafe read-modify-write (GET, pause, SET). Inside the lock
 * no increment is lost; without it most are.
 *
 * Part 2: the TTL is a lease, not a guarantee. Client A takes a 200 ms lock and then stalls for
 * 300 ms (a GC pause, a swapped-out process, a slow network: A cannot tell). The lock expires; B
 * takes it. A wakes and releases "its" lock:
 *   with DEL                  it deletes B's lock, C takes the lock, and B and C both hold it;
 *   with compare-and-delete   the token does not match, nothing is deleted, C is refused.
 * redis.io says it in one line: "Using just DEL is not safe as a client may remove another
 * client's lock."
 *
 * Part 3: even the safe release does not stop A from doing its work after the stall, believing it
 * still holds the lock. Martin Kleppmann's answer ("How to do distributed locking", 2016) is a
 * fencing token: every acquisition also takes a number that only grows (INCR here), and the storage
 * the lock protects rejects a write whose token is lower than one it has already seen. The storage
 * must check it; Redis cannot. (His critique of Redlock, the multi-node variant, and antirez's
 * reply "Is Redlock safe?" are the debate interviewers mean.)
 *
 * Output is deterministic: the stalls are longer than the TTL by 100 ms, and who acquires when is
 * sequenced by the demo, not left to the scheduler, except in part 1, where only the totals print.
 *
 * Run: prep demo redis distributed-lock
 *      prep demo redis distributed-lock -- --redis redis://127.0.0.1:6379
 */
public final class DistributedLockDemo {

  static final int CLIENTS = 8;
  static final int INCREMENTS = 5;
  static final long LEASE_MILLIS = 200;
  static final long STALL_MILLIS = 300;

  static final String LOCK = "demo:lock";
  static final String COUNTER = "demo:lock:counter";
  static final String FENCE = "demo:lock:fence";

  private DistributedLockDemo() {}

  // ---- part 1: mutual exclusion -----------------------------------------------------------------

  /** What the competing clients did. */
  record Contention(long counter, int expected, int mostHoldersAtOnce, int refusals) {}

  /**
   * {@link #CLIENTS} clients each add 1 to the counter {@link #INCREMENTS} times by GET, a pause
   * and SET; with {@code locked}, inside the lock.
   */
  static Contention compete(DemoRedis redis, boolean locked) throws Exception {
    try (Jedis setup = redis.connect()) {
      setup.del(LOCK, COUNTER);
      setup.set(COUNTER, "0");
    }
    var holders = new AtomicInteger();
    var mostHolders = new AtomicInteger();
    var refusals = new AtomicInteger();
    var start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < CLIENTS; c++) {
        done.add(
            clients.submit(
                () -> {
                  try (Jedis jedis = redis.connect()) {
                    var lock = new RedisLock(jedis, LOCK);
                    start.await();
                    for (int i = 0; i < INCREMENTS; i++) {
                      String token = RedisLock.newToken();
                      while (locked && !lock.tryAcquire(token, 5_000)) {
                        refusals.incrementAndGet();
                        Thread.sleep(1); // someone holds it: back off, try again
                      }
                      mostHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                      long read = Long.parseLong(jedis.get(COUNTER));
                      Thread.sleep(1); // the window in which another client can read the same
                      jedis.set(COUNTER, Long.toString(read + 1));
                      holders.decrementAndGet();
                      if (locked && !lock.release(token)) {
                        throw new IllegalStateException("lost the lock inside its 5 s lease");
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    try (Jedis jedis = redis.connect()) {
      long counter = Long.parseLong(jedis.get(COUNTER));
      jedis.del(LOCK, COUNTER);
      return new Contention(counter, CLIENTS * INCREMENTS, mostHolders.get(), refusals.get());
    }
  }

  // ---- part 2: a stalled holder releases
  // ----------------------------------------------------------

  /** One line of a scripted run: who did what and what Redis answered. */
  record Step(String client, String command, String reply) {}

  /** What a stalled holder's release did to the others. */
  record StalledRelease(List<Step> steps, boolean deletedSomeoneElsesLock, boolean twoHolders) {}

  /**
   * A takes a {@link #LEASE_MILLIS} lock, stalls {@link #STALL_MILLIS}, B takes the expired lock, A
   * releases (with DEL, or compare-and-delete when {@code safe}), then C tries.
   */
  static StalledRelease stalledRelease(DemoRedis redis, boolean safe) throws InterruptedException {
    try (Jedis a = redis.connect();
        Jedis b = redis.connect();
        Jedis c = redis.connect()) {
      a.del(LOCK);
      List<Step> steps = new ArrayList<>();
      var lockA = new RedisLock(a, LOCK);
      var lockB = new RedisLock(b, LOCK);
      var lockC = new RedisLock(c, LOCK);
      String tokenA = "token-A";
      String tokenB = "token-B";
      String tokenC = "token-C";
      boolean took = lockA.tryAcquire(tokenA, LEASE_MILLIS);
      steps.add(new Step("A", set(tokenA, LEASE_MILLIS), reply(took)));
      Thread.sleep(STALL_MILLIS); // A stalls; the lease runs out meanwhile
      steps.add(new Step("A", "(stalls " + STALL_MILLIS + " ms: the lock expires)", ""));
      took = lockB.tryAcquire(tokenB, 10_000);
      steps.add(new Step("B", set(tokenB, 10_000), reply(took)));
      boolean deleted;
      if (safe) {
        deleted = lockA.release(tokenA);
        steps.add(
            new Step(
                "A",
                "compare-and-delete " + LOCK + " token-A",
                deleted ? "(integer) 1" : "(integer) 0"));
      } else {
        deleted = lockA.releaseUnsafely();
        steps.add(new Step("A", "DEL " + LOCK, deleted ? "(integer) 1" : "(integer) 0"));
      }
      boolean cTook = lockC.tryAcquire(tokenC, 10_000);
      steps.add(new Step("C", set(tokenC, 10_000), reply(cTook)));
      steps.add(new Step("", "GET " + LOCK, '"' + b.get(LOCK) + '"'));
      boolean bStillHolds = tokenB.equals(b.get(LOCK)); // B is not told, so B believes it does
      if (cTook) {
        lockC.release(tokenC);
      } else if (bStillHolds) {
        lockB.release(tokenB);
      }
      return new StalledRelease(steps, deleted, cTook);
    }
  }

  private static String set(String token, long ttl) {
    return "SET " + LOCK + " " + token + " NX PX " + ttl;
  }

  private static String reply(boolean ok) {
    return ok ? "OK" : "(nil)";
  }

  // ---- part 3: fencing tokens
  // ---------------------------------------------------------------------

  /**
   * The storage a lock protects, made safe by fencing: it remembers the highest token it has seen
   * and refuses a write that carries a lower one. (A database would do it in the write itself:
   * {@code UPDATE ... WHERE fence <= ?}.)
   */
  static final class FencedStorage {
    private long highestToken;
    private String data = "";

    synchronized boolean write(long token, String value) {
      if (token < highestToken) {
        return false; // a holder whose lease ran out, writing late
      }
      highestToken = token;
      data = value;
      return true;
    }

    synchronized String data() {
      return data;
    }
  }

  /** What the storage did with a stale holder's late write. */
  record Fencing(List<Step> steps, boolean lateWriteAccepted, String stored) {}

  static Fencing fencing(DemoRedis redis) throws InterruptedException {
    var storage = new FencedStorage();
    try (Jedis a = redis.connect();
        Jedis b = redis.connect()) {
      a.del(LOCK, FENCE);
      List<Step> steps = new ArrayList<>();
      var lockA = new RedisLock(a, LOCK);
      var lockB = new RedisLock(b, LOCK);
      boolean took = lockA.tryAcquire("token-A", LEASE_MILLIS);
      steps.add(new Step("A", set("token-A", LEASE_MILLIS), reply(took)));
      long fenceA = a.incr(FENCE); // taken with the lock: the fencing token
      steps.add(new Step("A", "INCR " + FENCE, "(integer) " + fenceA));
      Thread.sleep(STALL_MILLIS);
      steps.add(new Step("A", "(stalls " + STALL_MILLIS + " ms: the lock expires)", ""));
      took = lockB.tryAcquire("token-B", 10_000);
      steps.add(new Step("B", set("token-B", 10_000), reply(took)));
      long fenceB = b.incr(FENCE);
      steps.add(new Step("B", "INCR " + FENCE, "(integer) " + fenceB));
      boolean bWrote = storage.write(fenceB, "B's report");
      steps.add(new Step("B", "storage.write(token " + fenceB + ")", bWrote ? "ok" : "rejected"));
      boolean aWrote = storage.write(fenceA, "A's stale report");
      steps.add(new Step("A", "storage.write(token " + fenceA + ")", aWrote ? "ok" : "rejected"));
      lockB.release("token-B");
      a.del(FENCE);
      return new Fencing(steps, aWrote, storage.data());
    }
  }

  // ---- output
  // ---------------------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    DemoRedis.run("distributed-lock", args, DistributedLockDemo::show);
  }

  private static void show(DemoRedis redis) throws Exception {
    System.out.println("== A lock on SET NX PX: mutual exclusion, an unsafe release, fencing ==");
    System.out.println(
        "Watch: a holder stalled past its TTL deletes the next holder's lock with DEL; the token");
    System.out.println("       check refuses that, and a fencing token refuses its late write.");
    System.out.println(redis.describe());
    System.out.println();

    System.out.printf(
        "-- 1. %d clients x %d increments (GET, 1 ms pause, SET) on one counter --%n",
        CLIENTS, INCREMENTS);
    Contention locked = compete(redis, true);
    Contention unlocked = compete(redis, false);
    System.out.printf(
        "with the lock     counter %2d of %d, most holders at once %d (%d SET NX refusals)%n",
        locked.counter(), locked.expected(), locked.mostHoldersAtOnce(), locked.refusals());
    System.out.printf(
        "without the lock  counter %2d of %d, most in the section at once %d: %d increments"
            + " lost%n",
        unlocked.counter(),
        unlocked.expected(),
        unlocked.mostHoldersAtOnce(),
        unlocked.expected() - unlocked.counter());
    System.out.println();

    System.out.printf(
        "-- 2. A holds a %d ms lock and stalls %d ms; then it releases --%n",
        LEASE_MILLIS, STALL_MILLIS);
    StalledRelease unsafe = stalledRelease(redis, false);
    printSteps("release with DEL", unsafe.steps());
    System.out.println(
        unsafe.twoHolders()
            ? "=> A deleted B's lock; B and C both believe they hold it."
            : "=> (unexpected) C was refused");
    StalledRelease safe = stalledRelease(redis, true);
    printSteps("release with compare-and-delete", safe.steps());
    System.out.println(
        safe.twoHolders()
            ? "=> (unexpected) C took the lock"
            : "=> A's token no longer matches: nothing deleted, B keeps the lock, C is refused.");
    System.out.println();

    System.out.println("-- 3. Fencing: the same stall, with a token from INCR for each holder --");
    Fencing fencing = fencing(redis);
    printSteps("storage remembers the highest token", fencing.steps());
    System.out.printf("=> the storage holds \"%s\".%n", fencing.stored());
    System.out.println();
    System.out.printf(
        "You saw: %d of %d increments with the lock; a stalled holder's DEL %s; compare-and-delete"
            + " %s; the fenced storage %s the stale holder's write.%n",
        locked.counter(),
        locked.expected(),
        unsafe.deletedSomeoneElsesLock() ? "deleting the next holder's lock" : "deleting nothing",
        safe.deletedSomeoneElsesLock() ? "deleting it too" : "refusing to",
        fencing.lateWriteAccepted() ? "accepting" : "rejecting");
  }

  private static void printSteps(String title, List<Step> steps) {
    System.out.println(title + ":");
    for (Step s : steps) {
      System.out.println(
          "  %-2s %-45s %s".formatted(s.client(), s.command(), s.reply()).stripTrailing());
    }
  }
}
