package dev.prep.redis.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A sorted set: a hash from member to score plus an ordered index by (score, member), the same two
 * structures Redis pairs in a skiplist-encoded zset (redis/redis {@code src/t_zset.c}); a {@code
 * TreeSet} stands in for the skiplist. Members with equal scores sort by their bytes.
 */
public final class ZSet {
  /** One member with its score. */
  public record Entry(String member, double score) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingDouble(Entry::score).thenComparing(Entry::member);

  private final Map<String, Double> scores = new HashMap<>();
  private final TreeSet<Entry> index = new TreeSet<>(ORDER);
  private long bytes;

  /** Adds or updates; returns true if the member is new. */
  public boolean add(String member, double score) {
    Double old = scores.put(member, score);
    if (old != null) index.remove(new Entry(member, old));
    else bytes += 24 + member.length();
    index.add(new Entry(member, score));
    return old == null;
  }

  public boolean remove(String member) {
    Double old = scores.remove(member);
    if (old == null) return false;
    index.remove(new Entry(member, old));
    bytes -= 24 + member.length();
    return true;
  }

  /** The member's score, or null. */
  public Double score(String member) {
    return scores.get(member);
  }

  public int size() {
    return scores.size();
  }

  /** Members with min <= score <= max (bounds exclusive when asked), lowest score first. */
  public List<Entry> rangeByScore(
      double min, boolean minExclusive, double max, boolean maxExclusive) {
    if (min > max) return List.of();
    NavigableSet<Entry> view =
        index.subSet(
            new Entry(minExclusive ? "\uffff" : "", min), !minExclusive,
            new Entry(maxExclusive ? "" : "\uffff", max), !maxExclusive);
    List<Entry> out = new ArrayList<>();
    for (Entry e : view) {
      if ((minExclusive && e.score() == min) || (maxExclusive && e.score() == max)) continue;
      out.add(e);
    }
    return out;
  }

  /** Members by rank, start..stop inclusive, 0-based, already clamped by the caller. */
  public List<Entry> rangeByRank(int start, int stop) {
    List<Entry> out = new ArrayList<>();
    int i = 0;
    for (Entry e : index) {
      if (i > stop) break;
      if (i >= start) out.add(e);
      i++;
    }
    return out;
  }

  long estimateBytes() {
    return bytes;
  }
}
