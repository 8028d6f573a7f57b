package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.Replies;
import java.util.List;

/**
 * Time to live, after redis/redis {@code src/expire.c}: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with
 * NX, XX, GT and LT; TTL, PTTL, EXPIRETIME, PEXPIRETIME; PERSIST.
 *
 * <p>A deadline at or before now deletes the key at once and still replies 1 ({@code
 * checkAlreadyExpired}): {@code EXPIRE k -1} is a delete. GT treats "no deadline" as infinite, so
 * it never applies to a key without one; LT always does. TTL rounds to the nearest second ({@code
 * (ttl+500)/1000}).
 */
final class ExpiryGroup implements CommandGroup {

  private static final int NX = 1, XX = 2, GT = 4, LT = 8;

  private static final RespValue NX_CONFLICT =
      RespValue.error("ERR NX and XX, GT or LT options at the same time are not compatible");
  private static final RespValue GT_LT_CONFLICT =
      RespValue.error("ERR GT and LT options at the same time are not compatible");

  @Override
  public void register(CommandTable t) {
    t.add("expire", -3, (s, a) -> expire(s.db(), a, true, true))
        .add("pexpire", -3, (s, a) -> expire(s.db(), a, false, true))
        .add("expireat", -3, (s, a) -> expire(s.db(), a, true, false))
        .add("pexpireat", -3, (s, a) -> expire(s.db(), a, false, false))
        .add("ttl", 2, (s, a) -> ttl(s.db(), a.get(1), false, false))
        .add("pttl", 2, (s, a) -> ttl(s.db(), a.get(1), true, false))
        .add("expiretime", 2, (s, a) -> ttl(s.db(), a.get(1), false, true))
        .add("pexpiretime", 2, (s, a) -> ttl(s.db(), a.get(1), true, true))
        .add("persist", 2, (s, a) -> RespValue.integer(s.db().persist(a.get(1)) ? 1 : 0));
  }

  /**
   * {@code expireGenericCommand}: options first ({@code Unsupported option}), then the number, then
   * overflow ({@code invalid expire time}), then the key.
   */
  static RespValue expire(Db db, List<String> args, boolean seconds, boolean relative) {
    int flags = 0;
    for (int j = 3; j < args.size(); j++) {
      String opt = args.get(j);
      if (opt.equalsIgnoreCase("nx")) flags |= NX;
      else if (opt.equalsIgnoreCase("xx")) flags |= XX;
      else if (opt.equalsIgnoreCase("gt")) flags |= GT;
      else if (opt.equalsIgnoreCase("lt")) flags |= LT;
      else return RespValue.error("ERR Unsupported option " + opt);
    }
    if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) return NX_CONFLICT;
    if ((flags & (GT | LT)) == (GT | LT)) return GT_LT_CONFLICT;

    Long parsed = RedisNumbers.parseLong(args.get(2));
    if (parsed == null) return Replies.NOT_INTEGER;
    long when = parsed;
    if (seconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
        return Replies.invalidExpire(args.get(0));
      }
      when *= 1000;
    }
    long base = relative ? db.now() : 0;
    if (when > Long.MAX_VALUE - base) return Replies.invalidExpire(args.get(0));
    when += base;

    String key = args.get(1);
    long current = db.expireAt(key);
    if (current == -2) return RespValue.ZERO;
    if ((flags & NX) != 0 && current != -1) return RespValue.ZERO;
    if ((flags & XX) != 0 && current == -1) return RespValue.ZERO;
    if ((flags & GT) != 0 && (current == -1 || when <= current)) return RespValue.ZERO;
    if ((flags & LT) != 0 && current != -1 && when >= current) return RespValue.ZERO;

    if (when <= db.now()) {
      db.remove(key);
      return RespValue.ONE;
    }
    db.expireAt(key, when);
    return RespValue.ONE;
  }

  /** {@code ttlGenericCommand}: -2 no key, -1 no deadline, else the time left (or the deadline). */
  static RespValue ttl(Db db, String key, boolean millis, boolean absolute) {
    long deadline = db.expireAt(key);
    if (deadline < 0) return RespValue.integer(deadline);
    long value = absolute ? deadline : Math.max(0, deadline - db.now());
    // (value + 500) / 1000 without overflowing for a deadline near Long.MAX_VALUE
    return RespValue.integer(millis ? value : value / 1000 + (value % 1000 >= 500 ? 1 : 0));
  }
}
