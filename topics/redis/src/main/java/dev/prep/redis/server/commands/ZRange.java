package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.ZSet;
import dev.prep.redis.server.commands.ZSetGroup.ScoreRange;
import java.util.ArrayList;
import java.util.List;

/**
 * ZRANGE and the older commands it subsumes, ZREVRANGE and ZRANGEBYSCORE: redis/redis {@code
 * src/t_zset.c} {@code zrangeGenericCommand}. Options first (WITHSCORES, LIMIT, and for ZRANGE
 * itself REV and BYSCORE), then the range ({@code value is not an integer} or {@code min or max is
 * not a float}), then the key. With REV and BYSCORE the range is given as max, min. BYLEX is not
 * implemented and says so.
 */
final class ZRange {
  static final int AUTO = 0, RANK = 1, SCORE = 2;

  private static final RespValue BYLEX =
      RespValue.error("ERR BYLEX is not implemented by this server: use BYSCORE or a rank range");
  private static final RespValue LIMIT_NEEDS_BY =
      RespValue.error(
          "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");

  private ZRange() {}

  static RespValue run(Db db, List<String> args, int type, boolean reverse) {
    boolean withScores = false;
    boolean autoDirection = type == AUTO; // only ZRANGE itself takes REV and BYSCORE
    long offset = 0, limit = -1;
    for (int j = 4; j < args.size(); j++) {
      String opt = args.get(j);
      int left = args.size() - j - 1;
      if (opt.equalsIgnoreCase("withscores")) {
        withScores = true;
      } else if (opt.equalsIgnoreCase("limit") && left >= 2) {
        Long o = RedisNumbers.parseLong(args.get(j + 1));
        Long l = o == null ? null : RedisNumbers.parseLong(args.get(j + 2));
        if (l == null) return Replies.NOT_INTEGER;
        offset = o;
        limit = l;
        j += 2;
      } else if (autoDirection && !reverse && opt.equalsIgnoreCase("rev")) {
        reverse = true;
      } else if (type == AUTO && opt.equalsIgnoreCase("byscore")) {
        type = SCORE;
      } else if (type == AUTO && opt.equalsIgnoreCase("bylex")) {
        return BYLEX;
      } else {
        return Replies.SYNTAX;
      }
    }
    if (type == AUTO) type = RANK;
    if (limit != -1 && type == RANK) return LIMIT_NEEDS_BY;
    // REV BYSCORE takes the range as max min
    String minArg = args.get(reverse && type == SCORE ? 3 : 2);
    String maxArg = args.get(reverse && type == SCORE ? 2 : 3);
    Long start = null, end = null;
    ScoreRange range = null;
    if (type == RANK) {
      start = RedisNumbers.parseLong(minArg);
      end = start == null ? null : RedisNumbers.parseLong(maxArg);
      if (end == null) return Replies.NOT_INTEGER;
    } else {
      range = ScoreRange.parse(minArg, maxArg);
      if (range == null) return ZSetGroup.NOT_FLOAT_RANGE;
    }
    ZSet zset = ZSetGroup.read(db, args.get(1));
    if (zset == ZSetGroup.WRONG) return Replies.WRONGTYPE;
    if (zset == null) return RespValue.array(List.of());
    List<ZSet.Entry> entries =
        type == RANK
            ? byRank(zset, start, end, reverse)
            : byScore(zset, range, offset, limit, reverse);
    return reply(entries, withScores);
  }

  private static List<ZSet.Entry> byRank(ZSet zset, long start, long end, boolean reverse) {
    long[] r = ListGroup.clampRange(start, end, zset.size());
    if (r == null) return List.of();
    if (!reverse) return zset.rangeByRank((int) r[0], (int) r[1]);
    int last = zset.size() - 1;
    List<ZSet.Entry> forward = zset.rangeByRank(last - (int) r[1], last - (int) r[0]);
    return forward.reversed();
  }

  /** {@code genericZrangebyscoreCommand}: a negative offset gives nothing, a negative limit all. */
  private static List<ZSet.Entry> byScore(
      ZSet zset, ScoreRange range, long offset, long limit, boolean reverse) {
    if (offset < 0 || (offset > 0 && offset >= zset.size())) return List.of();
    List<ZSet.Entry> all = range.of(zset);
    if (reverse) all = all.reversed();
    int from = (int) Math.min(offset, all.size());
    int to = limit < 0 ? all.size() : (int) Math.min(all.size(), from + limit);
    return all.subList(from, to);
  }

  private static RespValue reply(List<ZSet.Entry> entries, boolean withScores) {
    List<RespValue> out = new ArrayList<>(entries.size() * (withScores ? 2 : 1));
    for (ZSet.Entry e : entries) {
      out.add(RespValue.bulk(e.member()));
      if (withScores) out.add(RespValue.bulk(RedisNumbers.formatDouble(e.score())));
    }
    return RespValue.array(out);
  }
}
