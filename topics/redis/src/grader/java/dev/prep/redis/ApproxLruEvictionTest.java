package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.redis.server.Db;
import dev.prep.redis.server.EvictionStrategy;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.RespRequestDecoder;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.attribute.NestMembersAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code redis/eviction}: the learner's {@link ApproxLruEviction} on a keyspace whose
 * clock moves only when the test says ({@link ManualClock}), so every key has a known idle time.
 * Keys are named by the order they were last used in ({@code k0000} the idlest), and every key
 * costs the same number of bytes, so "evict until under the limit" means an exact number of keys.
 * Quality is measured as the idle rank of what was evicted (0 = the idlest key alive) and compared
 * with evicting at random and with sampling 5 keys and evicting the idlest of them with no pool.
 */
@DisplayName("eviction: allkeys-lru by sampling, with Redis's pool of 16 candidates")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ApproxLruEvictionTest {

  private final ManualClock clock = new ManualClock();
  private final Db db = new Db(clock);

  // ---- task 1: the contract ---------------------------------------------------------------------

  @Test
  @Tag("task:1")
  @DisplayName("under the limit it evicts nothing and returns true; over it, evicts down to it")
  void evictsDownToTheLimit() {
    long cost = fill(10);
    var strategy = new ApproxLruEviction(5, new SplittableRandom(1));
    long used = db.usedMemory();
    assertThat(strategy.freeMemoryIfNeeded(db, used))
        .as("freeMemoryIfNeeded(db, maxmemory = usedMemory()): exactly at the limit is fine")
        .isTrue();
    assertThat(db.size())
        .as("keys left after a call that was already within the limit")
        .isEqualTo(10);
    long target = used - 2 * cost - cost / 2; // 2.5 keys too many
    assertThat(strategy.freeMemoryIfNeeded(db, target))
        .as("freeMemoryIfNeeded(db, usedMemory() - 2.5 keys' worth): there are keys to evict")
        .isTrue();
    assertThat(db.size())
        .as(
            "keys left of 10 after asking for 2.5 keys' worth of memory (each key costs %d"
                + " bytes): evict one key at a time until usedMemory() <= maxmemory, so 3 go",
            cost)
        .isEqualTo(7);
    assertThat(db.usedMemory()).as("usedMemory() after the call").isLessThanOrEqualTo(target);
  }

  @Test
  @Tag("task:1")
  @DisplayName("samples below 1 are refused with IllegalArgumentException")
  void samplesAtLeastOne() {
    Throwable thrown = catchThrowable(() -> new ApproxLruEviction(0, new SplittableRandom(1)));
    if (thrown instanceof UnsupportedOperationException todo) throw todo;
    assertThat(thrown)
        .as("new ApproxLruEviction(samples 0, ...): nothing would ever be sampled")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("task:1")
  @DisplayName("a limit no keyspace can meet: every key goes, then false, not an endless loop")
  void emptyAndStillOver() throws InterruptedException {
    fill(5);
    var strategy = new ApproxLruEviction(5, new SplittableRandom(2));
    // a thread of its own, named for what it runs: if it never returns, prep names it as left
    // running and retires the JVM (no thread can be stopped), instead of it spinning on unseen
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread call =
        Thread.ofPlatform()
            .daemon()
            .name("your freeMemoryIfNeeded(db, -1), still looping")
            .start(
                () -> {
                  try {
                    outcome.set(strategy.freeMemoryIfNeeded(db, -1));
                  } catch (RuntimeException | Error e) {
                    outcome.set(e);
                  }
                });
    call.join(3000);
    if (call.isAlive()) {
      fail(
          "freeMemoryIfNeeded(db, -1) did not return within 3 s: once the keyspace is empty"
              + " there is nothing left to evict, so return false (check db.size() == 0)");
    }
    if (outcome.get() instanceof RuntimeException e) throw e;
    if (outcome.get() instanceof Error e) throw e;
    boolean result = (Boolean) outcome.get();
    assertThat(result)
        .as(
            "freeMemoryIfNeeded(db, maxmemory -1) on 5 keys: even an empty keyspace uses 0 > -1"
                + " bytes, so after evicting everything the answer is false (the server then"
                + " refuses the command with OOM)")
        .isFalse();
    assertThat(db.size()).as("keys left").isZero();
  }

  // ---- task 2: LRU by sampling ------------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("with far more samples than keys it is exact LRU: the idlest key goes first")
  void exactWithManySamples() {
    List<String> order = List.of("k3", "k0", "k6", "k1", "k7", "k4", "k2", "k5");
    for (String key : order) write(key); // written in this order, one ms apart
    clock.advanceMillis(1);
    db.lookup("k3"); // read: now the most recently used
    clock.advanceMillis(1);
    db.lookup("k6");
    List<String> expected = List.of("k0", "k1", "k7", "k4", "k2", "k5", "k3", "k6");
    long cost = db.usedMemory() / order.size();
    var strategy = new ApproxLruEviction(200, new SplittableRandom(3));
    List<String> evicted = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Set<String> before = new TreeSet<>(db.keys());
      String idle = idleTimes(before);
      strategy.freeMemoryIfNeeded(db, db.usedMemory() - cost);
      Set<String> gone = new TreeSet<>(before);
      gone.removeAll(db.keys());
      evicted.addAll(gone);
      assertThat(evicted)
          .as(
              "keys evicted so far, one per call, 8 keys and 200 samples per eviction (so every"
                  + " key is sampled every time). Idle times: %s. LRU evicts the longest idle"
                  + " first; a read (db.lookup) makes a key the most recently used",
              idle)
          .isEqualTo(expected.subList(0, i + 1));
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("sampling reads keys with db.rawGet: evicting never makes a key look used")
  void samplingDoesNotTouch() {
    fill(200);
    Map<String, Long> lastUsed = new HashMap<>();
    for (String key : db.keys()) lastUsed.put(key, db.rawGet(key).lruMillis());
    clock.advanceMillis(60_000);
    var strategy = new ApproxLruEviction(5, new SplittableRandom(4));
    strategy.freeMemoryIfNeeded(db, db.usedMemory() - 50 * (db.usedMemory() / 200));
    for (String key : db.keys()) {
      assertThat(db.rawGet(key).lruMillis())
          .as(
              "last access of %s, which survived eviction, a minute after it was written: it"
                  + " changed, so your sampling touched it. db.lookup stamps a key as used now"
                  + " (that is what a GET does); read what eviction samples with db.rawGet",
              key)
          .isEqualTo(lastUsed.get(key));
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("read from your class file: it samples (db.randomKey), never scans (db.keys)")
  void samplesNeverScans() throws IOException {
    Set<String> calls = new LinkedHashSet<>();
    for (ClassModel model : learnerClasses()) {
      for (PoolEntry entry : model.constantPool()) {
        if (entry instanceof MemberRefEntry m
            && m.owner().asInternalName().equals("dev/prep/redis/server/Db")) {
          calls.add(m.name().stringValue());
        }
      }
    }
    assertThat(calls)
        .as(
            "the Db methods your ApproxLruEviction calls. Eviction must cost a few random keys,"
                + " not a pass over millions: take candidates with db.randomKey(random)")
        .contains("randomKey");
    assertThat(calls)
        .as(
            "the Db methods your ApproxLruEviction calls: db.keys() copies every key (Redis's"
                + " KEYS, the command that blocks a big server), and db.lookup counts as an"
                + " access. Sample with randomKey and read with rawGet")
        .doesNotContain("keys", "lookup");
  }

  // ---- task 3: quality --------------------------------------------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("recently read keys survive: evicting half of 1,000 keys spares the 10 just read")
  void recentlyReadSurvive() {
    fill(1000);
    clock.advanceMillis(10);
    for (int i = 0; i < 10; i++) db.lookup(name(i)); // the 10 oldest are now the newest
    var strategy = new ApproxLruEviction(5, new SplittableRandom(5));
    strategy.freeMemoryIfNeeded(db, db.usedMemory() / 2);
    List<String> lost = new ArrayList<>();
    for (int i = 0; i < 10; i++) if (!db.exists(name(i))) lost.add(name(i));
    assertThat(lost)
        .as(
            "of the 10 keys read just before 500 of 1,000 were evicted (5 samples per"
                + " eviction), these were evicted. Their idle time is 0: any sampled key is"
                + " idler, so an LRU approximation keeps them (random eviction would lose about"
                + " half). Score a candidate by db.now() - rawGet(key).lruMillis(), and evict the"
                + " LARGEST")
        .isEmpty();
  }

  @Test
  @Tag("task:3")
  @DisplayName("evicting 50 of 500 keys in one call: far idler than random, no worse than no pool")
  void betterThanRandom() {
    for (int seed = 1; seed <= 3; seed++) {
      double yours = oneShot(new ApproxLruEviction(5, new SplittableRandom(seed)));
      double noPool = oneShot(new SampleAndEvict(5, new SplittableRandom(seed)));
      assertThat(yours)
          .as(
              "seed %d: mean idle rank of the 50 keys you evicted from 500 (0 = the idlest"
                  + " key; random eviction averages 249.5; sampling 5 keys and evicting the"
                  + " idlest, with no pool, got %.1f)",
              seed, noPool)
          .isLessThan(125)
          .isLessThanOrEqualTo(noPool * 1.1);
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("the pool outlives the call: one eviction per write beats sampling with no pool")
  void poolOutlivesTheCall() {
    for (int seed = 1; seed <= 3; seed++) {
      double yours = steady(new ApproxLruEviction(5, new SplittableRandom(seed)));
      double noPool = steady(new SampleAndEvict(5, new SplittableRandom(seed)));
      assertThat(yours)
          .as(
              "seed %d: 500 keys at the limit, then 1,000 writes of new keys, each call"
                  + " evicting one: the mean idle rank of what you evicted (0 = the idlest key),"
                  + " against %.1f for sampling 5 and evicting the idlest with no pool. A pool that"
                  + " lives on from call to call keeps the idlest candidates of every earlier"
                  + " sample (the reference solution's scores 45-47 on these seeds): make it a"
                  + " field, not a local",
              seed, noPool)
          .isLessThanOrEqualTo(noPool * 0.8);
    }
  }

  // ---- task 4: keys deleted meanwhile -----------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("pool entries whose keys were deleted meanwhile are skipped, not evicted or read")
  void ghostsAreSkipped() {
    fill(20);
    long cost = db.usedMemory() / 20;
    var strategy = new ApproxLruEviction(200, new SplittableRandom(6));
    strategy.freeMemoryIfNeeded(db, db.usedMemory() - cost);
    assertThat(db.exists(name(0))).as("the idlest key after the first eviction").isFalse();
    for (int i = 1; i <= 5; i++) db.remove(name(i)); // DEL, while they sit in the pool
    Throwable thrown =
        catchThrowable(() -> strategy.freeMemoryIfNeeded(db, db.usedMemory() - cost));
    if (thrown != null) {
      fail(
          "the second call threw %s. Between calls, k0001..k0005 were deleted while your pool"
              + " held them: db.rawGet(key) is now null for them. Drop such entries and take the"
              + " next one",
          thrown);
    }
    List<String> left = new ArrayList<>(new TreeSet<>(db.keys()));
    assertThat(left)
        .as(
            "keys left after k0000 was evicted, k0001..k0005 deleted, and one more key evicted:"
                + " the idlest key still there is k0006")
        .hasSize(13)
        .doesNotContain(name(6))
        .contains(name(7), name(19));
  }

  // ---- task 5: in the server --------------------------------------------------------------------

  @Test
  @Tag("task:5")
  @DisplayName("in the server: 5,000 SETs under maxmemory, none refused, hot keys kept")
  void inTheServer() throws IOException {
    long cost = 48 + "key:00000".length() + 16 + 100; // Db's estimate for one such key
    long limit = 200 * cost;
    var strategy = new ApproxLruEviction(5, new SplittableRandom(7));
    var config =
        ServerConfig.defaults(RespRequestDecoder::new)
            .withClock(clock)
            .withMaxmemory(limit, strategy);
    try (var server = ReferenceServer.start(config, ReferenceCommands.all(), db);
        var jedis = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
      String value = "v".repeat(100);
      for (int i = 0; i < 10; i++) jedis.set("hot:" + i, value);
      List<String> refused = new ArrayList<>();
      for (int batch = 0; batch < 250; batch++) {
        clock.advanceMillis(1);
        var pipeline = jedis.pipelined();
        List<redis.clients.jedis.Response<String>> sets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          sets.add(pipeline.set("key:%05d".formatted(batch * 20 + i), value));
        }
        for (int i = 0; i < 10; i++) pipeline.get("hot:" + i);
        try {
          pipeline.sync();
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
          refused.add(e.getMessage());
        }
        for (var set : sets) {
          try {
            set.get();
          } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            refused.add(e.getMessage());
          }
        }
        if (!refused.isEmpty() || server.firstCommandFailure() != null) break;
      }
      assertThat(server.firstCommandFailure())
          .as("what your strategy threw inside the server (the client saw ERR internal error)")
          .isNull();
      assertThat(refused)
          .as(
              "errors Jedis got for 5,000 SETs of 109-byte keys under maxmemory %d (room for"
                  + " 200): with keys to evict, freeMemoryIfNeeded must make room and return"
                  + " true, so no write is refused with OOM",
              limit)
          .isEmpty();
      long keys = jedis.dbSize();
      assertThat(keys)
          .as("DBSIZE after 5,010 SETs with room for 200 keys of %d bytes", cost)
          .isBetween(195L, 201L);
      long used = usedMemory(jedis.info("memory"));
      assertThat(used)
          .as(
              "INFO used_memory after the last SET: eviction runs before each write, so at"
                  + " most the limit (%d) plus the one key written after it (%d)",
              limit, cost)
          .isLessThanOrEqualTo(limit + cost);
      List<String> lost = new ArrayList<>();
      for (int i = 0; i < 10; i++) if (!jedis.exists("hot:" + i)) lost.add("hot:" + i);
      assertThat(lost)
          .as(
              "hot keys evicted, though each was read after every 20 writes (so its idle time"
                  + " never exceeds 1 ms, while a cold key waits 10 ms and more before its turn)")
          .isEmpty();
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Sampling without a pool: the idlest of {@code samples} random keys, each time afresh. */
  record SampleAndEvict(int samples, RandomGenerator random) implements EvictionStrategy {
    @Override
    public boolean freeMemoryIfNeeded(Db db, long maxmemory) {
      while (db.usedMemory() > maxmemory) {
        if (db.size() == 0) return false;
        String best = null;
        long bestIdle = -1;
        for (int i = 0; i < samples; i++) {
          String key = db.randomKey(random);
          long idle = db.now() - db.rawGet(key).lruMillis();
          if (idle > bestIdle) {
            best = key;
            bestIdle = idle;
          }
        }
        db.remove(best);
      }
      return true;
    }
  }

  /** Mean idle rank of 50 keys evicted in one call from 500 of distinct idle times. */
  private static double oneShot(EvictionStrategy strategy) {
    var clock = new ManualClock();
    var db = new Db(clock);
    TreeSet<Integer> alive = new TreeSet<>();
    for (int i = 0; i < 500; i++) {
      clock.advanceMillis(1);
      db.put(name(i), RedisObject.ofString("v"));
      alive.add(i);
    }
    long cost = db.usedMemory() / 500;
    strategy.freeMemoryIfNeeded(db, db.usedMemory() - 50 * cost);
    return meanRankOfEvicted(db, alive);
  }

  /** Mean idle rank of the keys evicted, one per write, over 1,000 writes at the limit. */
  private static double steady(EvictionStrategy strategy) {
    var clock = new ManualClock();
    var db = new Db(clock);
    TreeSet<Integer> alive = new TreeSet<>();
    for (int i = 0; i < 500; i++) {
      clock.advanceMillis(1);
      db.put(name(i), RedisObject.ofString("v"));
      alive.add(i);
    }
    long limit = db.usedMemory();
    double sum = 0;
    for (int i = 500; i < 1500; i++) {
      clock.advanceMillis(1);
      strategy.freeMemoryIfNeeded(db, limit - db.usedMemory() / db.size());
      sum += meanRankOfEvicted(db, alive);
      db.put(name(i), RedisObject.ofString("v"));
      alive.add(i);
    }
    return sum / 1000;
  }

  /** Removes from {@code alive} the keys the db no longer has; their mean rank among alive. */
  private static double meanRankOfEvicted(Db db, TreeSet<Integer> alive) {
    long sum = 0;
    int count = 0;
    int rank = 0;
    List<Integer> gone = new ArrayList<>();
    for (int i : alive) {
      if (!db.exists(name(i))) {
        sum += rank;
        count++;
        gone.add(i);
      }
      rank++;
    }
    alive.removeAll(gone);
    return count == 0 ? 0 : (double) sum / count;
  }

  /** Writes n keys, one ms apart, k0000 first; returns what one key costs. */
  private long fill(int n) {
    for (int i = 0; i < n; i++) write(name(i));
    return db.usedMemory() / n;
  }

  private void write(String key) {
    clock.advanceMillis(1);
    db.put(key, RedisObject.ofString("value"));
  }

  private static final String[] NAMES = new String[1500];

  static {
    for (int i = 0; i < NAMES.length; i++) NAMES[i] = "k%04d".formatted(i);
  }

  /** k0000, k0001 ...: names of one length, so every key costs the same. */
  private static String name(int i) {
    return NAMES[i];
  }

  private String idleTimes(Set<String> keys) {
    List<String> shown = new ArrayList<>();
    for (String key : keys) shown.add(key + " " + (db.now() - db.rawGet(key).lruMillis()) + " ms");
    return String.join(", ", shown);
  }

  private static long usedMemory(String info) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith("used_memory:")) return Long.parseLong(line.substring(12).trim());
    }
    return fail("INFO memory has no used_memory line: " + info);
  }

  /** ApproxLruEviction.class and its nested classes, parsed. */
  private static List<ClassModel> learnerClasses() throws IOException {
    List<ClassModel> models = new ArrayList<>();
    ClassModel top = parse("dev/prep/redis/ApproxLruEviction");
    models.add(top);
    for (var attribute : top.attributes()) {
      if (attribute instanceof NestMembersAttribute nest) {
        for (ClassEntry member : nest.nestMembers()) models.add(parse(member.asInternalName()));
      }
    }
    return models;
  }

  private static ClassModel parse(String internalName) throws IOException {
    try (InputStream in =
        ApproxLruEviction.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
      if (in == null) fail("could not read " + internalName + ".class to check what it calls");
      return ClassFile.of().parse(in.readAllBytes());
    }
  }
}
