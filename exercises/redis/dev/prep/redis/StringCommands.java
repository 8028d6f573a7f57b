package dev.prep.redis;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.List;

/**
 * Stage 4 of the mini Redis: the string commands, with Redis's exact replies and errors
 * (redis/redis {@code src/t_string.c} and {@code src/db.c}, checked against redis-server 7.0.15).
 *
 * <ul>
 *   <li>{@code SET key value [NX|XX] [EX seconds|PX milliseconds]} (arity -3): {@code +OK}, or
 *       {@code $-1} when NX or XX says no.
 *   <li>{@code GET key} (2): the value, or {@code $-1}.
 *   <li>{@code DEL key [key ...]} (-2): how many keys it deleted.
 *   <li>{@code EXISTS key [key ...]} (-2): how many of the keys exist, a key named twice counted
 *       twice.
 *   <li>{@code TYPE key} (2): {@code +string}, {@code +list}, {@code +hash} ... or {@code +none}.
 *   <li>{@code INCR key}, {@code DECR key} (2), {@code INCRBY key n}, {@code DECRBY key n} (3): the
 *       new value.
 * </ul>
 *
 * <p>The errors, word for word in {@link Replies}: {@code WRONGTYPE} when the key holds a list or
 * hash; {@code ERR syntax error} for an unknown option (this stage leaves out Redis's KEEPTTL, GET,
 * EXAT and PXAT), NX with XX, EX with PX, or EX without a number after it; {@code ERR invalid
 * expire time in 'set' command} for EX or PX of 0 or less, or a deadline past {@code
 * Long.MAX_VALUE} ms; {@code ERR value is not an integer or out of range}; {@code ERR increment or
 * decrement would overflow}; and {@code ERR decrement would overflow} for {@code DECRBY key
 * -9223372036854775808}, whose negation does not fit in a long.
 *
 * <p>Integers are parsed as Redis's {@code string2ll} does ({@code src/util.c}), which is stricter
 * than {@link Long#parseLong}: an optional {@code -}, then digits without a leading zero ({@code
 * "0"} alone is fine), nothing else. So {@code " 1"}, {@code "+1"}, {@code "01"}, {@code "-0"} and
 * {@code "1.5"} are not integers, and {@code INCR} on a key holding {@code "01"} is an error.
 *
 * <p>The keyspace is the provided {@link Db}: {@link Db#lookup} returns null for a key whose
 * deadline has passed (and deletes it: lazy expiry is the Db's job, not yours); {@link Db#put}
 * replaces a value and clears any deadline, as SET does; {@link Db#putKeepTtl} keeps it, as INCR
 * does. Arguments are Latin-1 strings, one char per byte, so any bytes survive.
 *
 * <p>Graded alone: the grader plugs this group into the reference event loop, next to the
 * reference's connection commands (PING, FLUSHALL ...) and RPUSH (for WRONGTYPE), so a bug in an
 * earlier stage never hides progress in this one. The clock is a {@code ManualClock}: SET EX is
 * tested by moving time, never by sleeping.
 */
public final class StringCommands implements CommandGroup {

  /** Adds SET, GET, DEL, EXISTS, TYPE, INCR, DECR, INCRBY and DECRBY with Redis's arities. */
  @Override
  public void register(CommandTable table) {
    // TODO: add each command with its Redis arity: table.add("get", 2, this::get) ...
    throw new UnsupportedOperationException("TODO: register the string commands");
  }

  /** {@code SET key value [NX|XX] [EX seconds|PX milliseconds]}. */
  public RespValue set(Session session, List<String> args) {
    // TODO: parse NX, XX, EX, PX (syntax errors first), then the TTL, then store
    throw new UnsupportedOperationException("TODO: SET");
  }

  /** {@code GET key}. */
  public RespValue get(Session session, List<String> args) {
    // TODO: look the key up: missing -> null bulk, not a string -> WRONGTYPE
    throw new UnsupportedOperationException("TODO: GET");
  }

  /** {@code DEL key [key ...]}: how many of the keys existed. */
  public RespValue del(Session session, List<String> args) {
    // TODO: remove each key and count the ones that existed
    throw new UnsupportedOperationException("TODO: DEL");
  }

  /** {@code EXISTS key [key ...]}: how many of the named keys exist, repeats counted. */
  public RespValue exists(Session session, List<String> args) {
    // TODO: count the arguments that name an existing key, repeats included
    throw new UnsupportedOperationException("TODO: EXISTS");
  }

  /** {@code TYPE key}: {@code +string}, {@code +list}, {@code +hash} ... or {@code +none}. */
  public RespValue type(Session session, List<String> args) {
    // TODO: reply with the type's name as a simple string, or none
    throw new UnsupportedOperationException("TODO: TYPE");
  }

  /** {@code INCR key}. */
  public RespValue incr(Session session, List<String> args) {
    return incrementBy(session, args.get(1), 1);
  }

  /** {@code DECR key}. */
  public RespValue decr(Session session, List<String> args) {
    return incrementBy(session, args.get(1), -1);
  }

  /** {@code INCRBY key increment}. */
  public RespValue incrby(Session session, List<String> args) {
    // TODO: parse the increment strictly, then incrementBy
    throw new UnsupportedOperationException("TODO: INCRBY");
  }

  /** {@code DECRBY key decrement}. */
  public RespValue decrby(Session session, List<String> args) {
    // TODO: parse the decrement strictly; refuse one that cannot be negated
    throw new UnsupportedOperationException("TODO: DECRBY");
  }

  /**
   * Adds {@code delta} to the integer at {@code key} (a missing key counts as 0), stores it keeping
   * the key's deadline, and replies with the new value.
   */
  RespValue incrementBy(Session session, String key, long delta) {
    // TODO: read the integer (missing = 0), add without overflow, store keeping the TTL
    throw new UnsupportedOperationException("TODO: INCR and friends");
  }

  /**
   * Parses {@code s} as Redis's {@code string2ll}: an optional {@code -}, then 1-9, then digits; or
   * {@code "0"} alone. At most 20 characters, and the value must fit in a long.
   *
   * @throws NumberFormatException if Redis would not read {@code s} as an integer
   */
  private static long parseInteger(String s) {
    // TODO: accept only what string2ll accepts, else throw NumberFormatException
    throw new UnsupportedOperationException("TODO: parseInteger");
  }
}
