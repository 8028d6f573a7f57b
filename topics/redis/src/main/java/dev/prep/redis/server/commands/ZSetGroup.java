package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.ZSet;
import java.util.List;

/**
 * Sorted sets, after redis/redis {@code src/t_zset.c}: ZADD (NX XX GT LT CH INCR), ZINCRBY, ZREM,
 * ZCARD, ZSCORE, ZREMRANGEBYSCORE, ZCOUNT, and ({@link ZRange}) ZRANGE, ZREVRANGE and
 * ZRANGEBYSCORE: what a sliding-window rate limiter needs, and a little more.
 *
 * <p>Scores print as Redis 7.0 prints doubles ({@link RedisNumbers#formatDouble}). Scores given to
 * ZADD are strict ({@code value is not a valid float}); range bounds are lax ({@code (} for an
 * exclusive bound, {@code -inf}, {@code +inf}; {@code min or max is not a float}). RESP3 clients
 * get the RESP2 shapes (a bulk score, a flat WITHSCORES array) because {@link RespValue} has no
 * double type.
 */
final class ZSetGroup implements CommandGroup {

  private static final RespValue NX_XX =
      RespValue.error("ERR XX and NX options at the same time are not compatible");
  private static final RespValue GT_LT_NX =
      RespValue.error("ERR GT, LT, and/or NX options at the same time are not compatible");
  private static final RespValue INCR_PAIRS =
      RespValue.error("ERR INCR option supports a single increment-element pair");
  private static final RespValue NAN = RespValue.error("ERR resulting score is not a number (NaN)");
  static final RespValue NOT_FLOAT_RANGE = RespValue.error("ERR min or max is not a float");

  @Override
  public void register(CommandTable t) {
    t.add("zadd", -4, (s, a) -> zadd(s.db(), a, false))
        .add("zincrby", 4, (s, a) -> zadd(s.db(), a, true))
        .add("zrem", -3, (s, a) -> zrem(s.db(), a))
        .add("zcard", 2, (s, a) -> zcard(s.db(), a.get(1)))
        .add("zscore", 3, (s, a) -> zscore(s.db(), a.get(1), a.get(2)))
        .add("zrange", -4, (s, a) -> ZRange.run(s.db(), a, ZRange.AUTO, false))
        .add("zrevrange", -4, (s, a) -> ZRange.run(s.db(), a, ZRange.RANK, true))
        .add("zrangebyscore", -4, (s, a) -> ZRange.run(s.db(), a, ZRange.SCORE, false))
        .add("zremrangebyscore", 4, (s, a) -> zremrangebyscore(s.db(), a))
        .add("zcount", 4, (s, a) -> zcount(s.db(), a));
  }

  /** Marks "the key holds another type" in {@link #read}'s result; compared by identity. */
  static final ZSet WRONG = new ZSet();

  /** The sorted set at {@code key}: null if missing, {@link #WRONG} if another type. */
  static ZSet read(Db db, String key) {
    RedisObject o = db.lookup(key);
    if (o == null) return null;
    return o.type() == RedisObject.Type.ZSET ? o.zset() : WRONG;
  }

  /** -0 and 0 are the same score in Redis; Java's ordering would tell them apart. */
  private static double normalize(double score) {
    return score == 0 ? 0.0 : score;
  }

  /**
   * {@code zaddGenericCommand}: options, then an even, non-empty list of score-member pairs, then
   * the option conflicts, then every score (all or nothing), then the key. ZINCRBY is ZADD INCR.
   */
  private static RespValue zadd(Db db, List<String> args, boolean incr) {
    boolean nx = false, xx = false, gt = false, lt = false, ch = false;
    int i = 2;
    for (; i < args.size(); i++) {
      String opt = args.get(i);
      if (opt.equalsIgnoreCase("nx")) nx = true;
      else if (opt.equalsIgnoreCase("xx")) xx = true;
      else if (opt.equalsIgnoreCase("gt")) gt = true;
      else if (opt.equalsIgnoreCase("lt")) lt = true;
      else if (opt.equalsIgnoreCase("ch")) ch = true;
      else if (opt.equalsIgnoreCase("incr")) incr = true;
      else break;
    }
    int elements = args.size() - i;
    if (elements == 0 || elements % 2 != 0) return Replies.SYNTAX;
    elements /= 2;
    if (nx && xx) return NX_XX;
    if ((gt && nx) || (lt && nx) || (gt && lt)) return GT_LT_NX;
    if (incr && elements > 1) return INCR_PAIRS;
    double[] scores = new double[elements];
    for (int j = 0; j < elements; j++) {
      Double score = RedisNumbers.parseDouble(args.get(i + 2 * j));
      if (score == null) return Replies.NOT_FLOAT;
      scores[j] = score;
    }
    String key = args.get(1);
    ZSet zset = read(db, key);
    if (zset == WRONG) return Replies.WRONGTYPE;
    if (zset == null) {
      if (xx) return incr ? RespValue.NULL : RespValue.ZERO;
      RedisObject o = RedisObject.newZSet();
      db.put(key, o);
      zset = o.zset();
    }
    int added = 0, updated = 0, processed = 0;
    double last = 0;
    for (int j = 0; j < elements; j++) {
      String member = args.get(i + 2 * j + 1);
      double score = scores[j];
      Double current = zset.score(member);
      if (current == null) {
        if (xx) continue;
        zset.add(member, normalize(score));
        added++;
      } else {
        if (nx) continue;
        if (incr) {
          score += current;
          if (Double.isNaN(score)) {
            db.modified(key);
            return NAN;
          }
        }
        if ((lt && score >= current) || (gt && score <= current)) continue;
        if (score != current) {
          zset.add(member, normalize(score));
          updated++;
        }
      }
      processed++;
      last = score;
    }
    db.modified(key);
    if (incr)
      return processed > 0 ? RespValue.bulk(RedisNumbers.formatDouble(last)) : RespValue.NULL;
    return RespValue.integer(ch ? added + updated : added);
  }

  private static RespValue zrem(Db db, List<String> args) {
    String key = args.get(1);
    ZSet zset = read(db, key);
    if (zset == WRONG) return Replies.WRONGTYPE;
    if (zset == null) return RespValue.ZERO;
    int removed = 0;
    for (int j = 2; j < args.size(); j++) if (zset.remove(args.get(j))) removed++;
    if (removed > 0) db.modified(key);
    return RespValue.integer(removed);
  }

  private static RespValue zcard(Db db, String key) {
    ZSet zset = read(db, key);
    if (zset == WRONG) return Replies.WRONGTYPE;
    return RespValue.integer(zset == null ? 0 : zset.size());
  }

  private static RespValue zscore(Db db, String key, String member) {
    ZSet zset = read(db, key);
    if (zset == WRONG) return Replies.WRONGTYPE;
    Double score = zset == null ? null : zset.score(member);
    return score == null ? RespValue.NULL : RespValue.bulk(RedisNumbers.formatDouble(score));
  }

  private static RespValue zremrangebyscore(Db db, List<String> args) {
    ScoreRange range = ScoreRange.parse(args.get(2), args.get(3));
    if (range == null) return NOT_FLOAT_RANGE;
    String key = args.get(1);
    ZSet zset = read(db, key);
    if (zset == WRONG) return Replies.WRONGTYPE;
    if (zset == null) return RespValue.ZERO;
    List<ZSet.Entry> doomed = range.of(zset);
    for (ZSet.Entry e : doomed) zset.remove(e.member());
    if (!doomed.isEmpty()) db.modified(key);
    return RespValue.integer(doomed.size());
  }

  private static RespValue zcount(Db db, List<String> args) {
    ScoreRange range = ScoreRange.parse(args.get(2), args.get(3));
    if (range == null) return NOT_FLOAT_RANGE;
    ZSet zset = read(db, args.get(1));
    if (zset == WRONG) return Replies.WRONGTYPE;
    return RespValue.integer(zset == null ? 0 : range.of(zset).size());
  }

  /** A score interval as {@code zslParseRange} reads it: {@code (} makes a bound exclusive. */
  record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    static ScoreRange parse(String min, String max) {
      boolean minEx = min.startsWith("(");
      boolean maxEx = max.startsWith("(");
      Double lo = RedisNumbers.parseRangeBound(minEx ? min.substring(1) : min);
      Double hi = RedisNumbers.parseRangeBound(maxEx ? max.substring(1) : max);
      return lo == null || hi == null ? null : new ScoreRange(lo, minEx, hi, maxEx);
    }

    List<ZSet.Entry> of(ZSet zset) {
      return zset.rangeByScore(min, minExclusive, max, maxExclusive);
    }
  }
}
