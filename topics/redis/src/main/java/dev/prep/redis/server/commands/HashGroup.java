package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hashes, after redis/redis {@code src/t_hash.c}: HSET, HMSET, HSETNX, HGET, HMGET, HDEL, HGETALL,
 * HKEYS, HVALS, HLEN, HEXISTS, HINCRBY.
 *
 * <p>Fields keep insertion order, as a small Redis hash does (a listpack, up to {@code
 * hash-max-listpack-entries 512} fields of at most 64 bytes); a big Redis hash becomes a hash table
 * and its order is arbitrary, so tests against a real server keep hashes small. HGETALL is a map
 * reply: a flat array in RESP2, a {@code %} map in RESP3, as Redis sends it.
 */
final class HashGroup implements CommandGroup {

  static final RespValue HASH_NOT_INTEGER = RespValue.error("ERR hash value is not an integer");

  @Override
  public void register(CommandTable t) {
    t.add("hset", -4, (s, a) -> hset(s.db(), a, true))
        .add("hmset", -4, (s, a) -> hset(s.db(), a, false))
        .add("hsetnx", 4, (s, a) -> hsetnx(s.db(), a))
        .add("hget", 3, (s, a) -> hget(s.db(), a.get(1), a.get(2)))
        .add("hmget", -3, (s, a) -> hmget(s.db(), a))
        .add("hdel", -3, (s, a) -> hdel(s.db(), a))
        .add("hgetall", 2, (s, a) -> hgetall(s.db(), a.get(1)))
        .add("hkeys", 2, (s, a) -> fields(s.db(), a.get(1), true))
        .add("hvals", 2, (s, a) -> fields(s.db(), a.get(1), false))
        .add("hlen", 2, (s, a) -> hlen(s.db(), a.get(1)))
        .add("hexists", 3, (s, a) -> hexists(s.db(), a.get(1), a.get(2)))
        .add("hincrby", 4, (s, a) -> hincrby(s.db(), a));
  }

  /** The hash at {@code key}: null if missing, {@link #WRONG} if another type. */
  private static LinkedHashMap<String, String> read(Db db, String key) {
    RedisObject o = db.lookup(key);
    if (o == null) return null;
    return o.type() == RedisObject.Type.HASH ? o.hash() : WRONG;
  }

  /** A marker for "the key holds another type", compared by identity. */
  private static final LinkedHashMap<String, String> WRONG = new LinkedHashMap<>();

  /** The hash at {@code key}, created if missing; {@link #WRONG} if another type. */
  private static LinkedHashMap<String, String> write(Db db, String key) {
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash != null) return hash;
    RedisObject o = RedisObject.newHash();
    db.put(key, o);
    return o.hash();
  }

  /** HSET replies the number of new fields, HMSET (deprecated) OK; odd pairs are wrong arity. */
  private static RespValue hset(Db db, List<String> args, boolean countNew) {
    if (args.size() % 2 == 1) return Replies.wrongArity(args.get(0));
    String key = args.get(1);
    LinkedHashMap<String, String> hash = write(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    int created = 0;
    for (int j = 2; j < args.size(); j += 2) {
      if (hash.put(args.get(j), args.get(j + 1)) == null) created++;
    }
    db.modified(key);
    return countNew ? RespValue.integer(created) : RespValue.OK;
  }

  private static RespValue hsetnx(Db db, List<String> args) {
    String key = args.get(1);
    LinkedHashMap<String, String> hash = write(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    if (hash.putIfAbsent(args.get(2), args.get(3)) != null) return RespValue.ZERO;
    db.modified(key);
    return RespValue.ONE;
  }

  private static RespValue hget(Db db, String key, String field) {
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    return hash == null ? RespValue.NULL : RespValue.bulk(hash.get(field));
  }

  private static RespValue hmget(Db db, List<String> args) {
    LinkedHashMap<String, String> hash = read(db, args.get(1));
    if (hash == WRONG) return Replies.WRONGTYPE;
    List<String> values = new ArrayList<>(args.size() - 2);
    for (int j = 2; j < args.size(); j++) values.add(hash == null ? null : hash.get(args.get(j)));
    return RespValue.bulkArray(values);
  }

  /** HDEL counts the fields it removed; a hash left empty is deleted. */
  private static RespValue hdel(Db db, List<String> args) {
    String key = args.get(1);
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    if (hash == null) return RespValue.ZERO;
    int deleted = 0;
    for (int j = 2; j < args.size(); j++) if (hash.remove(args.get(j)) != null) deleted++;
    if (deleted > 0) db.modified(key);
    return RespValue.integer(deleted);
  }

  private static RespValue hgetall(Db db, String key) {
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    Map<RespValue, RespValue> entries = new LinkedHashMap<>();
    if (hash != null) {
      for (Map.Entry<String, String> e : hash.entrySet()) {
        entries.put(RespValue.bulk(e.getKey()), RespValue.bulk(e.getValue()));
      }
    }
    return new RespValue.MapReply(entries);
  }

  private static RespValue fields(Db db, String key, boolean keys) {
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    if (hash == null) return RespValue.array(List.of());
    return RespValue.bulkArray(new ArrayList<>(keys ? hash.keySet() : hash.values()));
  }

  private static RespValue hlen(Db db, String key) {
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    return RespValue.integer(hash == null ? 0 : hash.size());
  }

  private static RespValue hexists(Db db, String key, String field) {
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    return RespValue.integer(hash != null && hash.containsKey(field) ? 1 : 0);
  }

  /** {@code hincrbyCommand}: the increment first, then the type, then the stored field. */
  private static RespValue hincrby(Db db, List<String> args) {
    Long by = RedisNumbers.parseLong(args.get(3));
    if (by == null) return Replies.NOT_INTEGER;
    String key = args.get(1);
    LinkedHashMap<String, String> hash = read(db, key);
    if (hash == WRONG) return Replies.WRONGTYPE;
    long value = 0;
    String stored = hash == null ? null : hash.get(args.get(2));
    if (stored != null) {
      Long parsed = RedisNumbers.parseLong(stored);
      if (parsed == null) return HASH_NOT_INTEGER;
      value = parsed;
    }
    if ((by < 0 && value < 0 && by < Long.MIN_VALUE - value)
        || (by > 0 && value > 0 && by > Long.MAX_VALUE - value)) {
      return Replies.OVERFLOW;
    }
    value += by;
    if (hash == null) hash = write(db, key);
    hash.put(args.get(2), Long.toString(value));
    db.modified(key);
    return RespValue.integer(value);
  }
}
