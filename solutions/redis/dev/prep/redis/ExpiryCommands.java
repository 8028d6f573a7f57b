package dev.prep.redis;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.List;

/**
 * Stage 5 of the mini Redis, part 1: giving keys a time to live and asking for it (redis/redis
 * {@code src/expire.c}, Redis 7.0; replies checked against redis-server 7.0.15).
 *
 * <ul>
 *   <li>{@code EXPIRE key seconds [NX|XX|GT|LT]}, {@code PEXPIRE key milliseconds [...]} (arity
 *       -3): {@code :1} if the deadline was set, {@code :0} if there is no such key or an option
 *       said no. A deadline at or before now deletes the key at once and still answers {@code :1};
 *       a negative time to live is allowed and does just that.
 *   <li>{@code TTL key}, {@code PTTL key} (2): the time left, {@code -1} if the key has no
 *       deadline, {@code -2} if there is no key. TTL rounds to the nearest second, as Redis does:
 *       {@code (ms + 500) / 1000}, so 1,499 ms left is 1 and 1,500 ms is 2.
 *   <li>{@code PERSIST key} (2): {@code :1} if it removed a deadline, else {@code :0}.
 * </ul>
 *
 * <p>The options (Redis 7.0): NX sets only if the key has no deadline, XX only if it has one, GT
 * only if the new deadline is later, LT only if it is earlier; a key without a deadline counts as
 * living forever, so GT never applies to it and LT always does. Errors, in the order Redis checks:
 * {@code ERR Unsupported option <opt>}; {@code ERR NX and XX, GT or LT options at the same time are
 * not compatible}; {@code ERR GT and LT options at the same time are not compatible}; {@code ERR
 * value is not an integer or out of range}; {@code ERR invalid expire time in 'expire' command} (or
 * {@code 'pexpire'}) when seconds × 1000 or now + the time to live does not fit in a long.
 *
 * <p>{@link Db} keeps deadlines in Unix milliseconds on its clock ({@link Db#now()}): {@link
 * Db#expireAt(String, long)} sets one, {@link Db#expireAt(String)} reads it (-1 none, -2 no key),
 * {@link Db#persist} removes it. Reads expire a key whose deadline has passed (lazy expiry); {@link
 * ActiveExpirer} is the other half.
 *
 * <p>Graded alone: the grader plugs this group into the reference event loop next to the
 * reference's connection and string commands (SET, GET, EXISTS), on a {@code ManualClock}.
 */
public final class ExpiryCommands implements CommandGroup {

  /** Adds EXPIRE, PEXPIRE, TTL, PTTL and PERSIST with Redis's arities. */
  @Override
  public void register(CommandTable table) {
    table
        .add("expire", -3, this::expire)
        .add("pexpire", -3, this::pexpire)
        .add("ttl", 2, this::ttl)
        .add("pttl", 2, this::pttl)
        .add("persist", 2, this::persist);
  }

  /** {@code EXPIRE key seconds [NX|XX|GT|LT]}. */
  public RespValue expire(Session session, List<String> args) {
    return expireGeneric(session, args, 1000);
  }

  /** {@code PEXPIRE key milliseconds [NX|XX|GT|LT]}. */
  public RespValue pexpire(Session session, List<String> args) {
    return expireGeneric(session, args, 1);
  }

  /** EXPIRE and PEXPIRE: {@code unitMillis} is 1000 for seconds, 1 for milliseconds. */
  RespValue expireGeneric(Session session, List<String> args, long unitMillis) {
    boolean nx = false;
    boolean xx = false;
    boolean gt = false;
    boolean lt = false;
    for (String option : args.subList(3, args.size())) {
      if (option.equalsIgnoreCase("nx")) nx = true;
      else if (option.equalsIgnoreCase("xx")) xx = true;
      else if (option.equalsIgnoreCase("gt")) gt = true;
      else if (option.equalsIgnoreCase("lt")) lt = true;
      else return RespValue.error("ERR Unsupported option " + option);
    }
    if (nx && (xx || gt || lt)) {
      return RespValue.error("ERR NX and XX, GT or LT options at the same time are not compatible");
    }
    if (gt && lt) {
      return RespValue.error("ERR GT and LT options at the same time are not compatible");
    }
    long amount;
    try {
      amount = parseInteger(args.get(2));
    } catch (NumberFormatException e) {
      return Replies.NOT_INTEGER;
    }
    String command = unitMillis == 1000 ? "expire" : "pexpire";
    Db db = session.db();
    long now = db.now();
    // negative TTLs are allowed; only a deadline a long cannot hold is refused
    if (amount > Long.MAX_VALUE / unitMillis || amount < Long.MIN_VALUE / unitMillis) {
      return Replies.invalidExpire(command);
    }
    long ttl = amount * unitMillis;
    if (ttl > Long.MAX_VALUE - now) return Replies.invalidExpire(command);
    long deadline = now + ttl;

    String key = args.get(1);
    long current = db.expireAt(key);
    if (current == -2) return RespValue.ZERO;
    // a key without a deadline lives forever: GT can never beat it, LT always does
    if ((nx && current != -1)
        || (xx && current == -1)
        || (gt && (current == -1 || deadline <= current))
        || (lt && current != -1 && deadline >= current)) {
      return RespValue.ZERO;
    }
    if (deadline <= now) {
      // already past: Redis deletes the key now rather than store a dead deadline
      db.remove(key);
      return RespValue.ONE;
    }
    db.expireAt(key, deadline);
    return RespValue.ONE;
  }

  /** {@code TTL key}: seconds left, rounded to the nearest; -1 no deadline, -2 no key. */
  public RespValue ttl(Session session, List<String> args) {
    long millis = millisLeft(session.db(), args.get(1));
    // expire.c ttlGenericCommand rounds half up: (ttl + 500) / 1000
    return RespValue.integer(millis < 0 ? millis : (millis + 500) / 1000);
  }

  /** {@code PTTL key}: milliseconds left; -1 no deadline, -2 no key. */
  public RespValue pttl(Session session, List<String> args) {
    return RespValue.integer(millisLeft(session.db(), args.get(1)));
  }

  /** {@code PERSIST key}: 1 if a deadline was removed. */
  public RespValue persist(Session session, List<String> args) {
    return session.db().persist(args.get(1)) ? RespValue.ONE : RespValue.ZERO;
  }

  /** Milliseconds until the key's deadline (never below 0), or -1 (no deadline) or -2 (no key). */
  private static long millisLeft(Db db, String key) {
    long deadline = db.expireAt(key);
    if (deadline < 0) return deadline;
    return Math.max(0, deadline - db.now());
  }

  /**
   * Given: Redis's strict integer parsing ({@code string2ll}), as in stage 4's {@code
   * StringCommands}, copied here so this stage is graded alone.
   *
   * @throws NumberFormatException if Redis would not read {@code s} as an integer
   */
  private static long parseInteger(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    boolean shape =
        s.length() > start
            && s.length() < 21
            && (s.equals("0") || (s.charAt(start) >= '1' && s.charAt(start) <= '9'));
    for (int i = start; shape && i < s.length(); i++) {
      shape = s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
    if (!shape) throw new NumberFormatException("not an integer as Redis reads one: " + s);
    return Long.parseLong(s);
  }
}
