package dev.prep.redis.server;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The keyspace: one database, as Redis's {@code redisDb} holds it (redis/redis {@code src/db.c}).
 * Not thread-safe, and need not be: like Redis, the reference server runs every command on one
 * thread.
 *
 * <ul>
 *   <li><b>Expiry.</b> A key with a time to live has a deadline in Unix milliseconds on this
 *       keyspace's clock. {@link #lookup} and every other read first deletes the key if its
 *       deadline has passed (lazy expiry, Redis's {@code expireIfNeeded}); active expiry samples
 *       {@link #randomVolatileKey} (Redis's {@code activeExpireCycle}).
 *   <li><b>Sampling.</b> All keys, and the keys with a deadline, are kept in two dense arrays as
 *       well as the hash table, so a uniformly random key costs O(1): what eviction and active
 *       expiry need.
 *   <li><b>Access metadata.</b> {@link #lookup} stamps the value's LRU time and, when LFU is on,
 *       bumps its logarithmic counter.
 *   <li><b>Versions and memory.</b> Every write gives the key a new version (WATCH compares them)
 *       and re-estimates its size ({@link #usedMemory}).
 * </ul>
 */
public final class Db {

  private static final class Entry {
    final String key;
    RedisObject value;
    long expireAt = -1;
    int allIndex;
    int volatileIndex = -1;
    long version;
    long accounted;

    Entry(String key) {
      this.key = key;
    }
  }

  private final InstantSource clock;
  private final HashMap<String, Entry> map = new HashMap<>();
  private final ArrayList<Entry> all = new ArrayList<>();
  private final ArrayList<Entry> volatiles = new ArrayList<>();
  private final RandomGenerator lfuRandom = RandomGenerator.of("L64X128MixRandom");
  private long usedMemory;
  private long nextVersion = 1;
  private long expiredKeys;
  private boolean lfu;
  private int lfuLogFactor = 10;
  private int lfuDecayMinutes = 1;

  public Db(InstantSource clock) {
    this.clock = clock;
  }

  public Db() {
    this(InstantSource.system());
  }

  /** Now, in Unix milliseconds, on this keyspace's clock. */
  public long now() {
    return clock.millis();
  }

  public InstantSource clock() {
    return clock;
  }

  // ---- reads ------------------------------------------------------------------------------------

  /**
   * The value at {@code key}, or null if there is none or it just expired (then it is deleted).
   * Stamps the access for LRU and LFU.
   */
  public RedisObject lookup(String key) {
    Entry e = live(key);
    if (e == null) return null;
    touch(e.value);
    return e.value;
  }

  /** Like {@link #lookup} but leaves the access metadata alone (TYPE, TTL, OBJECT IDLETIME). */
  public RedisObject peek(String key) {
    Entry e = live(key);
    return e == null ? null : e.value;
  }

  /** Does the key exist (and has not expired)? Does not count as an access. */
  public boolean exists(String key) {
    return live(key) != null;
  }

  /**
   * Deletes the key if its deadline has passed; returns true if it did. Every read calls this
   * first: Redis's lazy expiry. A key lives through its deadline's own millisecond and is expired
   * once now is past it, as Redis's {@code keyIsExpired} decides ({@code src/db.c}).
   */
  public boolean expireIfNeeded(String key) {
    Entry e = map.get(key);
    if (e == null || e.expireAt < 0 || e.expireAt >= now()) return false;
    delete(e);
    expiredKeys++;
    return true;
  }

  /** How many keys were deleted because their deadline passed, lazily or actively. */
  public long expiredKeys() {
    return expiredKeys;
  }

  /** Counts a key that active expiry deleted through {@link #remove}. */
  public void countExpired() {
    expiredKeys++;
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** Stores {@code value} at {@code key}, replacing any value and clearing any deadline (SET). */
  public void put(String key, RedisObject value) {
    Entry e = entryForWrite(key);
    e.value = value;
    clearDeadline(e);
    stored(value);
    written(e);
  }

  /**
   * Stores {@code value} at {@code key}, keeping the key's deadline if it has one (SET KEEPTTL,
   * INCR).
   */
  public void putKeepTtl(String key, RedisObject value) {
    Entry e = entryForWrite(key);
    e.value = value;
    stored(value);
    written(e);
  }

  /** Deletes the key; returns true if it existed (and had not expired). */
  public boolean remove(String key) {
    Entry e = live(key);
    if (e == null) return false;
    delete(e);
    return true;
  }

  /**
   * Tells the keyspace that the value at {@code key} changed in place (a list pushed, a hash field
   * set): gives the key a new version for WATCH and re-estimates its size. If the change left a
   * list, hash or sorted set empty, the key is deleted, as Redis does.
   */
  public void modified(String key) {
    Entry e = map.get(key);
    if (e == null) return;
    if (e.value.isEmptyAggregate()) delete(e);
    else written(e);
  }

  /** Deletes every key (FLUSHALL, FLUSHDB). */
  public void flush() {
    map.clear();
    all.clear();
    volatiles.clear();
    usedMemory = 0;
    nextVersion++;
  }

  // ---- deadlines --------------------------------------------------------------------------------

  /** Sets the key's deadline (Unix ms); returns false if there is no such key. */
  public boolean expireAt(String key, long unixMillis) {
    Entry e = live(key);
    if (e == null) return false;
    e.expireAt = unixMillis;
    if (e.volatileIndex < 0) {
      e.volatileIndex = volatiles.size();
      volatiles.add(e);
    }
    written(e);
    return true;
  }

  /**
   * The key's deadline in Unix ms; -1 if it has none, -2 if there is no such key (as TTL answers).
   */
  public long expireAt(String key) {
    Entry e = live(key);
    if (e == null) return -2;
    return e.expireAt;
  }

  /** Removes the key's deadline; returns true if it had one. */
  public boolean persist(String key) {
    Entry e = live(key);
    if (e == null || e.expireAt < 0) return false;
    clearDeadline(e);
    written(e);
    return true;
  }

  // ---- sizes, sampling --------------------------------------------------------------------------

  /** Keys stored, counting any that expired but were not deleted yet (as DBSIZE does). */
  public int size() {
    return all.size();
  }

  /** Keys with a deadline. */
  public int volatileSize() {
    return volatiles.size();
  }

  /** A uniformly random key, or null if there is none; expired keys are not skipped. */
  public String randomKey(RandomGenerator random) {
    return all.isEmpty() ? null : all.get(random.nextInt(all.size())).key;
  }

  /** A uniformly random key among those with a deadline, or null; may have expired already. */
  public String randomVolatileKey(RandomGenerator random) {
    return volatiles.isEmpty() ? null : volatiles.get(random.nextInt(volatiles.size())).key;
  }

  /**
   * The key's deadline without expiring it (for active expiry and volatile-ttl); -1 none, -2 no
   * key.
   */
  public long rawExpireAt(String key) {
    Entry e = map.get(key);
    return e == null ? -2 : e.expireAt;
  }

  /** The value without expiring or touching it (for eviction's sampling), or null. */
  public RedisObject rawGet(String key) {
    Entry e = map.get(key);
    return e == null ? null : e.value;
  }

  /** A snapshot of all keys, expired ones included (KEYS, tests). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(all.size());
    for (Entry e : all) keys.add(e.key);
    return keys;
  }

  /**
   * The estimated bytes the keyspace holds: keys, values and a fixed 48 bytes of overhead per key.
   */
  public long usedMemory() {
    return usedMemory;
  }

  /** The key's version: changes on every write to it (WATCH); 0 if there is no such key. */
  public long version(String key) {
    Entry e = map.get(key);
    return e == null ? 0 : e.version;
  }

  // ---- LFU --------------------------------------------------------------------------------------

  /**
   * Turns the LFU counter on ({@code maxmemory-policy} *-lfu): from now on every access bumps it
   * logarithmically (Redis's {@code LFULogIncr}, {@code lfu-log-factor}, {@code lfu-decay-time}).
   */
  public void enableLfu(int logFactor, int decayMinutes) {
    this.lfu = true;
    this.lfuLogFactor = logFactor;
    this.lfuDecayMinutes = decayMinutes;
  }

  /**
   * The LFU counter after decay: one step down per {@code lfu-decay-time} minutes since the last
   * decrement (Redis's {@code LFUDecrAndReturn}).
   */
  public int lfuDecayed(RedisObject o) {
    long minutes = now() / 60_000;
    long elapsed = minutes - o.lfuDecrMinutes;
    if (lfuDecayMinutes == 0 || elapsed <= 0) return o.lfuCounter;
    long periods = elapsed / lfuDecayMinutes;
    return (int) Math.max(0, o.lfuCounter - periods);
  }

  /**
   * A value being stored: its LRU time is now, and a new value's LFU counter starts at {@link
   * RedisObject#LFU_INIT_VAL} as of this minute (Redis's {@code createObject}), not decayed from 0.
   */
  private void stored(RedisObject o) {
    o.lruMillis = now();
    if (o.lfuDecrMinutes == 0) o.lfuDecrMinutes = now() / 60_000;
  }

  private void touch(RedisObject o) {
    o.lruMillis = now();
    if (lfu) {
      int counter = lfuDecayed(o);
      // LFULogIncr: p = 1 / ((counter - LFU_INIT_VAL) * lfu_log_factor + 1), from evict.c
      if (counter < 255) {
        double base = Math.max(0, counter - RedisObject.LFU_INIT_VAL);
        double p = 1.0 / (base * lfuLogFactor + 1);
        if (lfuRandom.nextDouble() < p) counter++;
      }
      o.lfuCounter = counter;
      o.lfuDecrMinutes = now() / 60_000;
    }
  }

  // ---- internals --------------------------------------------------------------------------------

  private Entry live(String key) {
    Entry e = map.get(key);
    if (e == null) return null;
    if (e.expireAt >= 0 && e.expireAt < now()) {
      delete(e);
      expiredKeys++;
      return null;
    }
    return e;
  }

  private Entry entryForWrite(String key) {
    Entry e = live(key);
    if (e != null) return e;
    e = new Entry(key);
    e.allIndex = all.size();
    all.add(e);
    map.put(key, e);
    usedMemory += 48 + key.length();
    return e;
  }

  private void written(Entry e) {
    e.version = nextVersion++;
    long size = e.value.estimateBytes();
    usedMemory += size - e.accounted;
    e.accounted = size;
  }

  private void clearDeadline(Entry e) {
    e.expireAt = -1;
    if (e.volatileIndex >= 0) {
      removeAt(volatiles, e.volatileIndex, true);
      e.volatileIndex = -1;
    }
  }

  private void delete(Entry e) {
    map.remove(e.key);
    removeAt(all, e.allIndex, false);
    if (e.volatileIndex >= 0) removeAt(volatiles, e.volatileIndex, true);
    usedMemory -= e.accounted + 48 + e.key.length();
    nextVersion++;
  }

  /** Swap-remove from a dense array, fixing the moved entry's index. */
  private static void removeAt(ArrayList<Entry> list, int index, boolean volatileList) {
    Entry last = list.removeLast();
    if (index < list.size()) {
      list.set(index, last);
      if (volatileList) last.volatileIndex = index;
      else last.allIndex = index;
    }
  }
}
