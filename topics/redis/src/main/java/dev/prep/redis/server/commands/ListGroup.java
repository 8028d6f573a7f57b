package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Lists, after redis/redis {@code src/t_list.c}: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP and RPOP (with
 * a count), LRANGE, LLEN, LINDEX.
 *
 * <p>Replies a client can tell apart: {@code LPOP k 0} on a list is an empty array, {@code LPOP
 * missing 2} a null array ({@code *-1} in RESP2), {@code LPOP missing} a null bulk. A count that is
 * not a non-negative integer is {@code value is out of range, must be positive}, checked before the
 * key. A list popped empty is deleted ({@link Db#modified}).
 */
final class ListGroup implements CommandGroup {

  static final RespValue NOT_POSITIVE =
      RespValue.error("ERR value is out of range, must be positive");

  @Override
  public void register(CommandTable t) {
    t.add("lpush", -3, (s, a) -> push(s.db(), a, true, false))
        .add("rpush", -3, (s, a) -> push(s.db(), a, false, false))
        .add("lpushx", -3, (s, a) -> push(s.db(), a, true, true))
        .add("rpushx", -3, (s, a) -> push(s.db(), a, false, true))
        .add("lpop", -2, (s, a) -> pop(s.db(), a, true))
        .add("rpop", -2, (s, a) -> pop(s.db(), a, false))
        .add("lrange", 4, (s, a) -> lrange(s.db(), a))
        .add("llen", 2, (s, a) -> llen(s.db(), a.get(1)))
        .add("lindex", 3, (s, a) -> lindex(s.db(), a));
  }

  /** {@code pushGenericCommand}: LPUSH a b c leaves c b a; the X variants never create the list. */
  private static RespValue push(Db db, List<String> args, boolean head, boolean onlyIfExists) {
    String key = args.get(1);
    RedisObject o = db.lookup(key);
    if (o != null && o.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    if (o == null) {
      if (onlyIfExists) return RespValue.ZERO;
      o = RedisObject.newList();
      db.put(key, o);
    }
    ArrayDeque<String> list = o.list();
    for (int j = 2; j < args.size(); j++) {
      if (head) list.addFirst(args.get(j));
      else list.addLast(args.get(j));
    }
    db.modified(key);
    return RespValue.integer(list.size());
  }

  /** {@code popGenericCommand} (Redis 7.0). */
  private static RespValue pop(Db db, List<String> args, boolean head) {
    if (args.size() > 3) return Replies.wrongArity(args.get(0));
    boolean hasCount = args.size() == 3;
    long count = 0;
    if (hasCount) {
      Long parsed = RedisNumbers.parseLong(args.get(2));
      if (parsed == null || parsed < 0) return NOT_POSITIVE;
      count = parsed;
    }
    String key = args.get(1);
    RedisObject o = db.lookup(key);
    if (o == null) return hasCount ? RespValue.NULL_ARRAY : RespValue.NULL;
    if (o.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    if (hasCount && count == 0) return RespValue.array(List.of());
    ArrayDeque<String> list = o.list();
    RespValue reply;
    if (!hasCount) {
      reply = RespValue.bulk(head ? list.pollFirst() : list.pollLast());
    } else {
      int n = (int) Math.min(count, list.size());
      List<String> popped = new ArrayList<>(n);
      for (int i = 0; i < n; i++) popped.add(head ? list.pollFirst() : list.pollLast());
      reply = RespValue.bulkArray(popped);
    }
    db.modified(key);
    return reply;
  }

  /** {@code lrangeCommand}: negative indexes count from the end; out-of-range ones are clamped. */
  private static RespValue lrange(Db db, List<String> args) {
    Long start = RedisNumbers.parseLong(args.get(2));
    Long end = RedisNumbers.parseLong(args.get(3));
    if (start == null || end == null) return Replies.NOT_INTEGER;
    RedisObject o = db.lookup(args.get(1));
    if (o == null) return RespValue.array(List.of());
    if (o.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    ArrayDeque<String> list = o.list();
    long[] range = clampRange(start, end, list.size());
    if (range == null) return RespValue.array(List.of());
    return RespValue.bulkArray(slice(list, (int) range[0], (int) range[1]));
  }

  /**
   * Redis's range rule for LRANGE and ZRANGE: {@code [start, end]} inclusive after adding {@code
   * size} to negative indexes, or null when the range is empty.
   */
  static long[] clampRange(long start, long end, long size) {
    if (start < 0) start = size + start;
    if (end < 0) end = size + end;
    if (start < 0) start = 0;
    if (start > end || start >= size) return null;
    if (end >= size) end = size - 1;
    return new long[] {start, end};
  }

  /** Elements {@code from..to} inclusive, walking from whichever end of the deque is nearer. */
  private static List<String> slice(ArrayDeque<String> list, int from, int to) {
    List<String> out = new ArrayList<>(to - from + 1);
    if (from <= list.size() - 1 - to) {
      Iterator<String> it = list.iterator();
      for (int i = 0; i <= to; i++) {
        String s = it.next();
        if (i >= from) out.add(s);
      }
    } else {
      Iterator<String> it = list.descendingIterator();
      for (int i = list.size() - 1; i >= from; i--) {
        String s = it.next();
        if (i <= to) out.add(s);
      }
      Collections.reverse(out);
    }
    return out;
  }

  private static RespValue llen(Db db, String key) {
    RedisObject o = db.lookup(key);
    if (o == null) return RespValue.ZERO;
    if (o.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    return RespValue.integer(o.list().size());
  }

  /** {@code lindexCommand}: the key is looked up before the index is parsed. */
  private static RespValue lindex(Db db, List<String> args) {
    RedisObject o = db.lookup(args.get(1));
    if (o == null) return RespValue.NULL;
    if (o.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    Long index = RedisNumbers.parseLong(args.get(2));
    if (index == null) return Replies.NOT_INTEGER;
    ArrayDeque<String> list = o.list();
    long i = index < 0 ? list.size() + index : index;
    if (i < 0 || i >= list.size()) return RespValue.NULL;
    return RespValue.bulk(slice(list, (int) i, (int) i).getFirst());
  }
}
