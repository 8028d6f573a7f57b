package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * The string commands, after redis/redis {@code src/t_string.c}: SET with its options, GET, SETNX,
 * SETEX, PSETEX, GETSET, GETDEL, MSET, MSETNX, MGET, APPEND, STRLEN, INCR, DECR, INCRBY, DECRBY.
 *
 * <p>The order of checks is Redis's, because a client can see it: SET parses every option, then the
 * expire time ({@code invalid expire time}), then with GET the old value's type (WRONGTYPE), and
 * only then looks at NX/XX. INCRBY checks its argument before the stored value. GET and SET run on
 * every redis-benchmark request, so they allocate nothing beyond the reply.
 */
final class StringGroup implements CommandGroup {

  static final RespValue DECREMENT_OVERFLOW = RespValue.error("ERR decrement would overflow");

  @Override
  public void register(CommandTable t) {
    t.add("set", -3, StringGroup::set)
        .add("get", 2, StringGroup::get)
        .add("setnx", 3, (s, a) -> setnx(s.db(), a.get(1), a.get(2)))
        .add("setex", 4, (s, a) -> setWithTtl(s.db(), a, 1000))
        .add("psetex", 4, (s, a) -> setWithTtl(s.db(), a, 1))
        .add("getset", 3, (s, a) -> getset(s.db(), a.get(1), a.get(2)))
        .add("getdel", 2, (s, a) -> getdel(s.db(), a.get(1)))
        .add("mset", -3, (s, a) -> mset(s.db(), a, false))
        .add("msetnx", -3, (s, a) -> mset(s.db(), a, true))
        .add("mget", -2, (s, a) -> mget(s.db(), a))
        .add("append", 3, (s, a) -> append(s.db(), a.get(1), a.get(2)))
        .add("strlen", 2, (s, a) -> strlen(s.db(), a.get(1)))
        .add("incr", 2, (s, a) -> incrBy(s.db(), a.get(1), 1))
        .add("decr", 2, (s, a) -> incrBy(s.db(), a.get(1), -1))
        .add("incrby", 3, (s, a) -> incrByArg(s.db(), a, false))
        .add("decrby", 3, (s, a) -> incrByArg(s.db(), a, true));
  }

  // ---- SET
  // ----------------------------------------------------------------------------------------

  private static final int NX = 1, XX = 2, GET = 4, KEEPTTL = 8, EX = 16, PX = 32, EXAT = 64;
  private static final int PXAT = 128;
  private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

  /**
   * {@code SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]}: {@code setCommand} and
   * {@code parseExtendedStringArgumentsOrReply}. An option may repeat (the last expire wins); two
   * different expire options, KEEPTTL with one, or NX with XX are a syntax error.
   */
  static RespValue set(Session session, List<String> args) {
    int flags = 0;
    String expire = null;
    for (int j = 3; j < args.size(); j++) {
      String opt = args.get(j);
      boolean hasNext = j + 1 < args.size();
      int option = option(opt);
      if (option == NX && (flags & XX) == 0) flags |= NX;
      else if (option == XX && (flags & NX) == 0) flags |= XX;
      else if (option == GET) flags |= GET;
      else if (option == KEEPTTL && (flags & ANY_EXPIRE) == 0) flags |= KEEPTTL;
      else if ((option & ANY_EXPIRE) != 0
          && (flags & KEEPTTL) == 0
          && (flags & ANY_EXPIRE & ~option) == 0
          && hasNext) {
        flags |= option;
        expire = args.get(++j);
      } else {
        return Replies.SYNTAX;
      }
    }
    Db db = session.db();
    long deadline = -1;
    if (expire != null) {
      boolean seconds = (flags & (EX | EXAT)) != 0;
      boolean relative = (flags & (EX | PX)) != 0;
      Long when = RedisNumbers.parseLong(expire);
      if (when == null) return Replies.NOT_INTEGER;
      deadline = deadline(db, when, seconds, relative);
      if (deadline <= 0) return Replies.invalidExpire("set");
    }
    String key = args.get(1);
    RespValue reply = RespValue.OK;
    if ((flags & GET) != 0) {
      RedisObject old = db.lookup(key);
      if (old != null && old.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
      reply = old == null ? RespValue.NULL : RespValue.bulk(old.string());
    }
    if ((flags & (NX | XX)) != 0) {
      boolean found = db.exists(key);
      if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
        return (flags & GET) != 0 ? reply : RespValue.NULL;
      }
    }
    RedisObject value = RedisObject.ofString(args.get(2));
    if ((flags & KEEPTTL) != 0) db.putKeepTtl(key, value);
    else db.put(key, value);
    if (deadline > 0) db.expireAt(key, deadline);
    return reply;
  }

  /** The option bit {@code opt} names, case-insensitively, or 0. */
  private static int option(String opt) {
    return switch (opt.length()) {
      case 2 -> {
        if (opt.equalsIgnoreCase("nx")) yield NX;
        if (opt.equalsIgnoreCase("xx")) yield XX;
        if (opt.equalsIgnoreCase("ex")) yield EX;
        if (opt.equalsIgnoreCase("px")) yield PX;
        yield 0;
      }
      case 3 -> opt.equalsIgnoreCase("get") ? GET : 0;
      case 4 -> opt.equalsIgnoreCase("exat") ? EXAT : opt.equalsIgnoreCase("pxat") ? PXAT : 0;
      case 7 -> opt.equalsIgnoreCase("keepttl") ? KEEPTTL : 0;
      default -> 0;
    };
  }

  /**
   * The deadline in Unix ms for an expire argument, or 0 if it is not positive or overflows ({@code
   * getExpireMillisecondsOrReply}: both are {@code invalid expire time}).
   */
  static long deadline(Db db, long when, boolean seconds, boolean relative) {
    if (when <= 0 || (seconds && when > Long.MAX_VALUE / 1000)) return 0;
    long ms = seconds ? when * 1000 : when;
    if (relative) {
      long now = db.now();
      if (ms > Long.MAX_VALUE - now) return 0;
      ms += now;
    }
    return ms;
  }

  /** SETEX and PSETEX: {@code key ttl value}, the TTL in seconds or milliseconds. */
  private static RespValue setWithTtl(Db db, List<String> args, long unitMillis) {
    Long ttl = RedisNumbers.parseLong(args.get(2));
    if (ttl == null) return Replies.NOT_INTEGER;
    long deadline = deadline(db, ttl, unitMillis == 1000, true);
    if (deadline <= 0) return Replies.invalidExpire(args.get(0));
    db.put(args.get(1), RedisObject.ofString(args.get(3)));
    db.expireAt(args.get(1), deadline);
    return RespValue.OK;
  }

  // ---- reads and simple writes
  // --------------------------------------------------------------------

  static RespValue get(Session session, List<String> args) {
    RedisObject o = session.db().lookup(args.get(1));
    if (o == null) return RespValue.NULL;
    if (o.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
    return RespValue.bulk(o.string());
  }

  private static RespValue setnx(Db db, String key, String value) {
    if (db.exists(key)) return RespValue.ZERO;
    db.put(key, RedisObject.ofString(value));
    return RespValue.ONE;
  }

  private static RespValue getset(Db db, String key, String value) {
    RedisObject old = db.lookup(key);
    if (old != null && old.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
    db.put(key, RedisObject.ofString(value));
    return old == null ? RespValue.NULL : RespValue.bulk(old.string());
  }

  private static RespValue getdel(Db db, String key) {
    RedisObject old = db.lookup(key);
    if (old == null) return RespValue.NULL;
    if (old.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
    db.remove(key);
    return RespValue.bulk(old.string());
  }

  /** MSET and MSETNX: an odd number of key-value arguments is a wrong-arity error. */
  private static RespValue mset(Db db, List<String> args, boolean nx) {
    if (args.size() % 2 == 0) return Replies.wrongArity(args.get(0));
    if (nx) {
      for (int j = 1; j < args.size(); j += 2) if (db.exists(args.get(j))) return RespValue.ZERO;
    }
    for (int j = 1; j < args.size(); j += 2) {
      db.put(args.get(j), RedisObject.ofString(args.get(j + 1)));
    }
    return nx ? RespValue.ONE : RespValue.OK;
  }

  /** MGET: a missing key or one of another type gives a null, never an error. */
  private static RespValue mget(Db db, List<String> args) {
    List<RespValue> values = new ArrayList<>(args.size() - 1);
    for (int j = 1; j < args.size(); j++) {
      RedisObject o = db.lookup(args.get(j));
      boolean string = o != null && o.type() == RedisObject.Type.STRING;
      values.add(string ? RespValue.bulk(o.string()) : RespValue.NULL);
    }
    return RespValue.array(values);
  }

  private static RespValue append(Db db, String key, String suffix) {
    RedisObject o = db.lookup(key);
    if (o == null) {
      db.put(key, RedisObject.ofString(suffix));
      return RespValue.integer(suffix.length());
    }
    if (o.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
    o.setString(o.string() + suffix);
    db.modified(key);
    return RespValue.integer(o.string().length());
  }

  private static RespValue strlen(Db db, String key) {
    RedisObject o = db.lookup(key);
    if (o == null) return RespValue.ZERO;
    if (o.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
    return RespValue.integer(o.string().length());
  }

  // ---- INCR family
  // --------------------------------------------------------------------------------

  /** INCRBY and DECRBY: the argument is checked first; {@code DECRBY k LLONG_MIN} cannot negate. */
  private static RespValue incrByArg(Db db, List<String> args, boolean decrement) {
    Long by = RedisNumbers.parseLong(args.get(2));
    if (by == null) return Replies.NOT_INTEGER;
    if (decrement && by == Long.MIN_VALUE) return DECREMENT_OVERFLOW;
    return incrBy(db, args.get(1), decrement ? -by : by);
  }

  /**
   * {@code incrDecrCommand}: a missing key counts as 0; the stored string must be a {@code
   * string2ll} integer; the key keeps its time to live.
   */
  static RespValue incrBy(Db db, String key, long by) {
    RedisObject o = db.lookup(key);
    long value = 0;
    if (o != null) {
      if (o.type() != RedisObject.Type.STRING) return Replies.WRONGTYPE;
      Long stored = RedisNumbers.parseLong(o.string());
      if (stored == null) return Replies.NOT_INTEGER;
      value = stored;
    }
    if ((by < 0 && value < 0 && by < Long.MIN_VALUE - value)
        || (by > 0 && value > 0 && by > Long.MAX_VALUE - value)) {
      return Replies.OVERFLOW;
    }
    value += by;
    db.putKeepTtl(key, RedisObject.ofString(Long.toString(value)));
    return RespValue.integer(value);
  }
}
