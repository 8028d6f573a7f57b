package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Connection and keyspace housekeeping: PING, ECHO, QUIT, SELECT, DBSIZE, FLUSHALL, FLUSHDB, TIME,
 * KEYS, RANDOMKEY (redis/redis {@code src/server.c}, {@code src/db.c}, {@code src/networking.c}).
 *
 * <p>This server has one database, so {@code SELECT 0} is fine and any other index is {@code ERR DB
 * index is out of range}, which is what a Redis started with {@code databases 1} answers. FLUSHALL
 * and FLUSHDB accept ASYNC and SYNC and always flush at once. KEYS walks every key, as Redis does:
 * the reason interviewers ask about SCAN.
 */
final class ConnectionGroup implements CommandGroup {

  private static final RespValue DB_OUT_OF_RANGE = RespValue.error("ERR DB index is out of range");
  private static final RespValue INT_RANGE =
      RespValue.error("ERR value is out of range, value must between -2147483648 and 2147483647");

  private final SplittableRandom random = new SplittableRandom();

  @Override
  public void register(CommandTable t) {
    t.add("ping", -1, ConnectionGroup::ping)
        .add("echo", 2, (s, a) -> RespValue.bulk(a.get(1)))
        .add("quit", -1, ConnectionGroup::quit)
        .add("select", 2, ConnectionGroup::select)
        .add("dbsize", 1, (s, a) -> RespValue.integer(s.db().size()))
        .add("flushall", -1, ConnectionGroup::flush)
        .add("flushdb", -1, ConnectionGroup::flush)
        .add("time", 1, (s, a) -> time(s.db()))
        .add("keys", 2, (s, a) -> keys(s.db(), a.get(1)))
        .add("randomkey", 1, (s, a) -> randomKey(s.db()));
  }

  /** {@code PING [message]}: more than one argument is a wrong-arity error, not a syntax error. */
  private static RespValue ping(Session session, List<String> args) {
    if (args.size() > 2) return Replies.wrongArity(args.get(0));
    return args.size() == 2 ? RespValue.bulk(args.get(1)) : RespValue.PONG;
  }

  /** QUIT replies OK; the server sends it and then closes the connection. */
  private static RespValue quit(Session session, List<String> args) {
    session.client().closeAfterReply(true);
    return RespValue.OK;
  }

  private static RespValue select(Session session, List<String> args) {
    Long index = RedisNumbers.parseLong(args.get(1));
    if (index == null) return Replies.NOT_INTEGER;
    if (index != index.intValue()) return INT_RANGE; // getIntFromObjectOrReply
    return index == 0 ? RespValue.OK : DB_OUT_OF_RANGE;
  }

  private static RespValue flush(Session session, List<String> args) {
    if (args.size() > 2) return Replies.SYNTAX;
    if (args.size() == 2
        && !args.get(1).equalsIgnoreCase("async")
        && !args.get(1).equalsIgnoreCase("sync")) {
      return Replies.SYNTAX;
    }
    session.db().flush();
    return RespValue.OK;
  }

  /** TIME: Unix seconds and the microseconds within that second, both as bulk strings. */
  private static RespValue time(Db db) {
    Instant now = db.clock().instant();
    return RespValue.bulkArray(
        List.of(Long.toString(now.getEpochSecond()), Long.toString(now.getNano() / 1000)));
  }

  /** KEYS pattern: every live key that matches, in the keyspace's order (Redis's is arbitrary). */
  private static RespValue keys(Db db, String pattern) {
    boolean all = pattern.equals("*");
    List<String> out = new ArrayList<>();
    for (String key : db.keys()) {
      if ((all || GlobPattern.matches(pattern, key, false)) && db.exists(key)) out.add(key);
    }
    return RespValue.bulkArray(out);
  }

  /** RANDOMKEY: a random live key, deleting expired ones it happens to pick; null if empty. */
  private RespValue randomKey(Db db) {
    while (db.size() > 0) {
      String key = db.randomKey(random);
      if (db.exists(key)) return RespValue.bulk(key);
    }
    return RespValue.NULL;
  }
}
