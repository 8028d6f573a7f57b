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
    // TODO: add LPUSH, RPUSH, LPOP, RPOP, LRANGE and LLEN with their Redis arities
    throw new UnsupportedOperationException("TODO: register the list commands");
  }

  /** LPUSH ({@code head}) and RPUSH: the list's length after the push. */
  RespValue push(Session session, List<String> args, boolean head) {
    // TODO: find or create the list (WRONGTYPE?), push each value, db.modified, reply the length
    throw new UnsupportedOperationException("TODO: LPUSH and RPUSH");
  }

  /** LPOP ({@code head}) and RPOP, with or without a count. */
  RespValue pop(Session session, List<String> args, boolean head) {
    // TODO: at most 3 words; parse the count; missing key; WRONGTYPE; pop; db.modified
    throw new UnsupportedOperationException("TODO: LPOP and RPOP");
  }

  /** {@code LRANGE key start stop}. */
  public RespValue lrange(Session session, List<String> args) {
    // TODO: parse both indexes, resolve negatives, clamp, then walk the deque
    throw new UnsupportedOperationException("TODO: LRANGE");
  }

  /** {@code LLEN key}: 0 for a missing key. */
  public RespValue llen(Session session, List<String> args) {
    // TODO: 0 for a missing key, WRONGTYPE for another type, else the size
    throw new UnsupportedOperationException("TODO: LLEN");
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
