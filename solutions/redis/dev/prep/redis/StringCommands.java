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
    // the table checks arity before a command runs, so "GET" alone never reaches get()
    table
        .add("set", -3, this::set)
        .add("get", 2, this::get)
        .add("del", -2, this::del)
        .add("exists", -2, this::exists)
        .add("type", 2, this::type)
        .add("incr", 2, this::incr)
        .add("decr", 2, this::decr)
        .add("incrby", 3, this::incrby)
        .add("decrby", 3, this::decrby);
  }

  /** {@code SET key value [NX|XX] [EX seconds|PX milliseconds]}. */
  public RespValue set(Session session, List<String> args) {
    boolean nx = false;
    boolean xx = false;
    String expire = null;
    boolean seconds = false;
    // options first, all of them: a syntax error wins over a bad number, as in Redis
    for (int i = 3; i < args.size(); i++) {
      String option = args.get(i);
      boolean hasNext = i + 1 < args.size();
      if (option.equalsIgnoreCase("nx") && !xx) {
        nx = true;
      } else if (option.equalsIgnoreCase("xx") && !nx) {
        xx = true;
      } else if (option.equalsIgnoreCase("ex") && (expire == null || seconds) && hasNext) {
        expire = args.get(++i);
        seconds = true;
      } else if (option.equalsIgnoreCase("px") && (expire == null || !seconds) && hasNext) {
        expire = args.get(++i);
        seconds = false;
      } else {
        return Replies.SYNTAX;
      }
    }
    Db db = session.db();
    long deadline = -1;
    if (expire != null) {
      long amount;
      try {
        amount = parseInteger(expire);
      } catch (NumberFormatException e) {
        return Replies.NOT_INTEGER;
      }
      // Redis refuses a TTL of 0 or less, and a deadline a long cannot hold
      if (amount <= 0 || (seconds && amount > Long.MAX_VALUE / 1000)) {
        return Replies.invalidExpire("set");
      }
      long millis = seconds ? amount * 1000 : amount;
      if (millis > Long.MAX_VALUE - db.now()) return Replies.invalidExpire("set");
      deadline = db.now() + millis;
    }
    String key = args.get(1);
    boolean found = db.exists(key);
    if ((nx && found) || (xx && !found)) return RespValue.NULL;
    db.put(key, RedisObject.ofString(args.get(2)));
    if (deadline >= 0) db.expireAt(key, deadline);
    return RespValue.OK;
  }

  /** {@code GET key}. */
  public RespValue get(Session session, List<String> args) {
    RedisObject value = session.db().lookup(args.get(1));
    if (value == null) return RespValue.NULL;
    // the key exists but holds a list or hash: Redis never converts
    if (value.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
    return RespValue.bulk(value.string());
  }

  /** {@code DEL key [key ...]}: how many of the keys existed. */
  public RespValue del(Session session, List<String> args) {
    int deleted = 0;
    // a key named twice is deleted once: the second remove finds nothing
    for (String key : args.subList(1, args.size())) if (session.db().remove(key)) deleted++;
    return RespValue.integer(deleted);
  }

  /** {@code EXISTS key [key ...]}: how many of the named keys exist, repeats counted. */
  public RespValue exists(Session session, List<String> args) {
    int found = 0;
    // Redis counts per argument, so EXISTS k k on one key answers 2
    for (String key : args.subList(1, args.size())) if (session.db().exists(key)) found++;
    return RespValue.integer(found);
  }

  /** {@code TYPE key}: {@code +string}, {@code +list}, {@code +hash} ... or {@code +none}. */
  public RespValue type(Session session, List<String> args) {
    // peek: asking for the type is not an access, so it leaves LRU/LFU alone
    RedisObject value = session.db().peek(args.get(1));
    return RespValue.simple(value == null ? "none" : value.type().typeName());
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
    try {
      // Redis parses the increment before it looks at the key
      return incrementBy(session, args.get(1), parseInteger(args.get(2)));
    } catch (NumberFormatException e) {
      return Replies.NOT_INTEGER;
    }
  }

  /** {@code DECRBY key decrement}. */
  public RespValue decrby(Session session, List<String> args) {
    long decrement;
    try {
      decrement = parseInteger(args.get(2));
    } catch (NumberFormatException e) {
      return Replies.NOT_INTEGER;
    }
    // -Long.MIN_VALUE is Long.MIN_VALUE again, so Redis refuses it before negating
    if (decrement == Long.MIN_VALUE) return RespValue.error("ERR decrement would overflow");
    return incrementBy(session, args.get(1), -decrement);
  }

  /**
   * Adds {@code delta} to the integer at {@code key} (a missing key counts as 0), stores it keeping
   * the key's deadline, and replies with the new value.
   */
  RespValue incrementBy(Session session, String key, long delta) {
    Db db = session.db();
    RedisObject value = db.lookup(key);
    long current = 0;
    if (value != null) {
      if (value.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
      try {
        current = parseInteger(value.string());
      } catch (NumberFormatException e) {
        return Replies.NOT_INTEGER;
      }
    }
    long next;
    try {
      // Redis checks before adding; addExact is the same test without the arithmetic puzzle
      next = Math.addExact(current, delta);
    } catch (ArithmeticException e) {
      return Replies.OVERFLOW;
    }
    // INCR changes the value, not the key's lifetime: a counter with a TTL keeps it
    db.putKeepTtl(key, RedisObject.ofString(Long.toString(next)));
    return RespValue.integer(next);
  }

  /**
   * Parses {@code s} as Redis's {@code string2ll}: an optional {@code -}, then 1-9, then digits; or
   * {@code "0"} alone. At most 20 characters, and the value must fit in a long.
   *
   * @throws NumberFormatException if Redis would not read {@code s} as an integer
   */
  private static long parseInteger(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    // string2ll: no sign but '-', no space, no leading zero ("0" alone is the exception)
    boolean shape =
        s.length() > start
            && s.length() < 21
            && (s.equals("0") || (s.charAt(start) >= '1' && s.charAt(start) <= '9'));
    for (int i = start; shape && i < s.length(); i++) {
      shape = s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
    if (!shape) throw new NumberFormatException("not an integer as Redis reads one: " + s);
    return Long.parseLong(s); // the shape is right; parseLong still rejects values past a long
  }
}
