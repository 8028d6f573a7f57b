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
    // TODO: add HSET, HGET, HDEL, HGETALL and HLEN with their Redis arities
    throw new UnsupportedOperationException("TODO: register the hash commands");
  }

  /** {@code HSET key field value [field value ...]}: how many fields were new. */
  public RespValue hset(Session session, List<String> args) {
    // TODO: pairs only (else wrong arity); find or create the hash; count new fields; modified
    throw new UnsupportedOperationException("TODO: HSET");
  }

  /** {@code HGET key field}. */
  public RespValue hget(Session session, List<String> args) {
    // TODO: the field's value, or the null bulk; WRONGTYPE for another type
    throw new UnsupportedOperationException("TODO: HGET");
  }

  /** {@code HDEL key field [field ...]}: how many fields were removed. */
  public RespValue hdel(Session session, List<String> args) {
    // TODO: remove each field, count them, db.modified if any went (it deletes an empty hash)
    throw new UnsupportedOperationException("TODO: HDEL");
  }

  /** {@code HGETALL key}: every field and value, in insertion order. */
  public RespValue hgetall(Session session, List<String> args) {
    // TODO: every field and value in insertion order, as a MapReply; empty for a missing key
    throw new UnsupportedOperationException("TODO: HGETALL");
  }

  /** {@code HLEN key}: 0 for a missing key. */
  public RespValue hlen(Session session, List<String> args) {
    // TODO: 0 for a missing key, WRONGTYPE for another type, else the number of fields
    throw new UnsupportedOperationException("TODO: HLEN");
  }
}
