package dev.prep.redis;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stage 7 of the mini Redis, part 1: lists (redis/redis {@code src/t_list.c}, Redis 7.0; replies
 * checked against redis-server 7.0.15). A list is an {@code ArrayDeque<String>} in a {@link
 * RedisObject}; Redis keeps it in a quicklist, a linked list of listpacks.
 *
 * <ul>
 *   <li>{@code LPUSH key v [v ...]}, {@code RPUSH key v [v ...]} (arity -3): push each value in
 *       turn at the head (so {@code LPUSH k a b c} gives {@code c b a}) or the tail; reply with the
 *       list's new length. A missing key starts as an empty list.
 *   <li>{@code LPOP key [count]}, {@code RPOP key [count]} (arity -2, at most 3 words, else the
 *       wrong-arity error): without a count, the element as a bulk string, or {@code $-1} for a
 *       missing key. With a count, an array of up to count elements in the order they were popped,
 *       {@code *0} for count 0, and the null array {@code *-1} for a missing key. A count that is
 *       negative or not an integer is {@code ERR value is out of range, must be positive}.
 *   <li>{@code LRANGE key start stop} (4): the elements from start to stop, both included; a
 *       negative index counts from the end (-1 is the last); out-of-range indexes are clamped, and
 *       an empty range (or a missing key) is {@code *0}.
 *   <li>{@code LLEN key} (2): the length, 0 for a missing key.
 * </ul>
 *
 * <p>Two rules hold for every command here and in {@link HashCommands}: a key holding another type
 * answers {@code WRONGTYPE}; and a list that a pop empties is deleted (EXISTS then says 0), which
 * the {@link Db} does when told {@link Db#modified(String)} after an in-place change. Call it after
 * every change to the deque, or WATCH and the memory estimate miss the change.
 *
 * <p>Graded alone: the grader plugs this group and {@link HashCommands} into the reference event
 * loop next to the reference's connection, string and key commands (SET, EXISTS, TYPE).
 */
public final class ListCommands implements CommandGroup {

  /** Adds LPUSH, RPUSH, LPOP, RPOP, LRANGE and LLEN with Redis's arities. */
  @Override
  public void register(CommandTable table) {
    table
        .add("lpush", -3, (session, args) -> push(session, args, true))
        .add("rpush", -3, (session, args) -> push(session, args, false))
        .add("lpop", -2, (session, args) -> pop(session, args, true))
        .add("rpop", -2, (session, args) -> pop(session, args, false))
        .add("lrange", 4, this::lrange)
        .add("llen", 2, this::llen);
  }

  /** LPUSH ({@code head}) and RPUSH: the list's length after the push. */
  RespValue push(Session session, List<String> args, boolean head) {
    Db db = session.db();
    String key = args.get(1);
    RedisObject list = db.lookup(key);
    if (list == null) {
      list = RedisObject.newList();
      db.put(key, list);
    } else if (list.type() != RedisObject.Type.LIST) {
      return Replies.WRONGTYPE;
    }
    ArrayDeque<String> items = list.list();
    for (String value : args.subList(2, args.size())) {
      if (head) items.addFirst(value);
      else items.addLast(value);
    }
    // the deque changed in place: tell the keyspace (WATCH versions, memory estimate)
    db.modified(key);
    return RespValue.integer(items.size());
  }

  /** LPOP ({@code head}) and RPOP, with or without a count. */
  RespValue pop(Session session, List<String> args, boolean head) {
    // the table's arity says "at least 2"; "at most 3" is the command's to check
    if (args.size() > 3) return Replies.wrongArity(args.get(0));
    boolean hasCount = args.size() == 3;
    long count = 0;
    if (hasCount) {
      try {
        count = parseInteger(args.get(2));
      } catch (NumberFormatException e) {
        count = -1;
      }
      if (count < 0) return RespValue.error("ERR value is out of range, must be positive");
    }
    Db db = session.db();
    String key = args.get(1);
    RedisObject list = db.lookup(key);
    // a missing key: null bulk without a count, null array with one (even count 0)
    if (list == null) return hasCount ? RespValue.NULL_ARRAY : RespValue.NULL;
    if (list.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    ArrayDeque<String> items = list.list();
    if (!hasCount) {
      String value = head ? items.pollFirst() : items.pollLast();
      db.modified(key); // deletes the key if that was the last element
      return RespValue.bulk(value);
    }
    List<String> popped = new ArrayList<>();
    while (popped.size() < count && !items.isEmpty()) {
      popped.add(head ? items.pollFirst() : items.pollLast());
    }
    if (!popped.isEmpty()) db.modified(key);
    return RespValue.bulkArray(popped);
  }

  /** {@code LRANGE key start stop}. */
  public RespValue lrange(Session session, List<String> args) {
    long start;
    long stop;
    try {
      start = parseInteger(args.get(2));
      stop = parseInteger(args.get(3));
    } catch (NumberFormatException e) {
      return Replies.NOT_INTEGER;
    }
    RedisObject list = session.db().lookup(args.get(1));
    if (list == null) return RespValue.array();
    if (list.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    ArrayDeque<String> items = list.list();
    long size = items.size();
    // t_list.c addListRangeReply: negative counts from the end, then clamp to the list
    if (start < 0) start = Math.max(0, size + start);
    if (stop < 0) stop = size + stop;
    if (start > stop || start >= size) return RespValue.array();
    stop = Math.min(stop, size - 1);
    List<String> range = new ArrayList<>((int) (stop - start + 1));
    Iterator<String> it = items.iterator();
    for (long i = 0; i <= stop; i++) {
      String value = it.next();
      if (i >= start) range.add(value);
    }
    return RespValue.bulkArray(range);
  }

  /** {@code LLEN key}: 0 for a missing key. */
  public RespValue llen(Session session, List<String> args) {
    RedisObject list = session.db().lookup(args.get(1));
    if (list == null) return RespValue.ZERO;
    if (list.type() != RedisObject.Type.LIST) return Replies.WRONGTYPE;
    return RespValue.integer(list.list().size());
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
