package dev.prep.redis;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 7 of the mini Redis, part 2: hashes (redis/redis {@code src/t_hash.c}, Redis 7.0; replies
 * checked against redis-server 7.0.15). A hash is a {@code LinkedHashMap<String, String>} in a
 * {@link RedisObject}: insertion order, which is what a small Redis hash shows, because it lives in
 * a listpack (up to {@code hash-max-listpack-entries 512} fields by default in Redis 7.0) that
 * appends new fields and overwrites old ones in place.
 *
 * <ul>
 *   <li>{@code HSET key field value [field value ...]} (arity -4, and an even number of words after
 *       the key, else {@code ERR wrong number of arguments for 'hset' command}): sets each field,
 *       replies with how many fields were new (updated ones do not count).
 *   <li>{@code HGET key field} (3): the value, or {@code $-1} if there is no such key or field.
 *   <li>{@code HDEL key field [field ...]} (-3): how many fields it removed; the hash is deleted
 *       with its last field.
 *   <li>{@code HGETALL key} (2): field, value, field, value ... in insertion order; {@code *0} for
 *       a missing key. In RESP3 Redis sends a map ({@code %}), so the reply is a {@link
 *       RespValue.MapReply}, which RESP2 writes as the flat array.
 *   <li>{@code HLEN key} (2): the number of fields, 0 for a missing key.
 * </ul>
 *
 * <p>As for lists: {@code WRONGTYPE} for a key of another type, and {@link Db#modified(String)}
 * after every change in place, which also deletes a hash left empty.
 */
public final class HashCommands implements CommandGroup {

  /** Adds HSET, HGET, HDEL, HGETALL and HLEN with Redis's arities. */
  @Override
  public void register(CommandTable table) {
    table
        .add("hset", -4, this::hset)
        .add("hget", 3, this::hget)
        .add("hdel", -3, this::hdel)
        .add("hgetall", 2, this::hgetall)
        .add("hlen", 2, this::hlen);
  }

  /** {@code HSET key field value [field value ...]}: how many fields were new. */
  public RespValue hset(Session session, List<String> args) {
    // key + pairs: an odd count of words means a field without a value
    if (args.size() % 2 == 1) return Replies.wrongArity("hset");
    Db db = session.db();
    String key = args.get(1);
    RedisObject hash = db.lookup(key);
    if (hash == null) {
      hash = RedisObject.newHash();
      db.put(key, hash);
    } else if (hash.type() != RedisObject.Type.HASH) {
      return Replies.WRONGTYPE;
    }
    LinkedHashMap<String, String> fields = hash.hash();
    int created = 0;
    for (int i = 2; i < args.size(); i += 2) {
      // put keeps an existing field where it was, as a listpack overwrites in place
      if (fields.put(args.get(i), args.get(i + 1)) == null) created++;
    }
    db.modified(key);
    return RespValue.integer(created);
  }

  /** {@code HGET key field}. */
  public RespValue hget(Session session, List<String> args) {
    RedisObject hash = session.db().lookup(args.get(1));
    if (hash == null) return RespValue.NULL;
    if (hash.type() != RedisObject.Type.HASH) return Replies.WRONGTYPE;
    return RespValue.bulk(hash.hash().get(args.get(2))); // bulk(null) is the null bulk $-1
  }

  /** {@code HDEL key field [field ...]}: how many fields were removed. */
  public RespValue hdel(Session session, List<String> args) {
    Db db = session.db();
    String key = args.get(1);
    RedisObject hash = db.lookup(key);
    if (hash == null) return RespValue.ZERO;
    if (hash.type() != RedisObject.Type.HASH) return Replies.WRONGTYPE;
    int removed = 0;
    for (String field : args.subList(2, args.size())) {
      if (hash.hash().remove(field) != null) removed++;
    }
    // modified deletes the key once its last field is gone, as Redis does
    if (removed > 0) db.modified(key);
    return RespValue.integer(removed);
  }

  /** {@code HGETALL key}: every field and value, in insertion order. */
  public RespValue hgetall(Session session, List<String> args) {
    RedisObject hash = session.db().lookup(args.get(1));
    if (hash == null) return new RespValue.MapReply(Map.of());
    if (hash.type() != RedisObject.Type.HASH) return Replies.WRONGTYPE;
    Map<RespValue, RespValue> entries = new LinkedHashMap<>();
    hash.hash()
        .forEach((field, value) -> entries.put(RespValue.bulk(field), RespValue.bulk(value)));
    return new RespValue.MapReply(entries);
  }

  /** {@code HLEN key}: 0 for a missing key. */
  public RespValue hlen(Session session, List<String> args) {
    RedisObject hash = session.db().lookup(args.get(1));
    if (hash == null) return RespValue.ZERO;
    if (hash.type() != RedisObject.Type.HASH) return Replies.WRONGTYPE;
    return RespValue.integer(hash.hash().size());
  }
}
