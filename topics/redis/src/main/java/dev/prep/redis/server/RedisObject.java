package dev.prep.redis.server;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value in the keyspace, with the access metadata eviction reads: the time of the last access
 * (LRU) and a logarithmic access counter with its last decrement time (LFU), the same two things
 * Redis keeps in the 24 bits of {@code robj.lru} (redis/redis {@code src/server.h}, {@code
 * src/evict.c}).
 *
 * <p>Values by type: a string is a Latin-1 {@code String}; a list an {@code ArrayDeque<String>}; a
 * hash a {@code LinkedHashMap<String, String>} (insertion order, as a small Redis hash in a
 * listpack keeps it); a sorted set a {@link ZSet}. Code that changes a list, hash or sorted set in
 * place must call {@link Db#modified(String)} afterwards (as Redis calls {@code
 * signalModifiedKey}): that is what WATCH and the memory estimate see.
 */
public final class RedisObject {

  /** The five core types, with the names TYPE prints. */
  public enum Type {
    STRING("string"),
    LIST("list"),
    HASH("hash"),
    SET("set"),
    ZSET("zset");

    private final String typeName;

    Type(String typeName) {
      this.typeName = typeName;
    }

    /** What TYPE replies: {@code string}, {@code list}, {@code hash}, {@code set}, {@code zset}. */
    public String typeName() {
      return typeName;
    }
  }

  /** Redis's LFU_INIT_VAL: a new key starts at 5 so it is not evicted before it had a chance. */
  public static final int LFU_INIT_VAL = 5;

  private final Type type;
  private Object value;
  long lruMillis;
  int lfuCounter = LFU_INIT_VAL;
  long lfuDecrMinutes;

  private RedisObject(Type type, Object value) {
    this.type = type;
    this.value = value;
  }

  public static RedisObject ofString(String latin1) {
    return new RedisObject(Type.STRING, latin1);
  }

  public static RedisObject newList() {
    return new RedisObject(Type.LIST, new ArrayDeque<String>());
  }

  public static RedisObject newHash() {
    return new RedisObject(Type.HASH, new LinkedHashMap<String, String>());
  }

  public static RedisObject newZSet() {
    return new RedisObject(Type.ZSET, new ZSet());
  }

  public Type type() {
    return type;
  }

  /** The string value; throws if this is not a string (check {@link #type()} first). */
  public String string() {
    return cast(Type.STRING, String.class);
  }

  /** Replaces a string's value in place (APPEND, SETRANGE); call {@link Db#modified} after. */
  public void setString(String latin1) {
    cast(Type.STRING, String.class);
    this.value = latin1;
  }

  @SuppressWarnings("unchecked")
  public ArrayDeque<String> list() {
    return cast(Type.LIST, ArrayDeque.class);
  }

  @SuppressWarnings("unchecked")
  public LinkedHashMap<String, String> hash() {
    return cast(Type.HASH, LinkedHashMap.class);
  }

  public ZSet zset() {
    return cast(Type.ZSET, ZSet.class);
  }

  /** Milliseconds (on the keyspace's clock) of the last read or write through {@link Db#lookup}. */
  public long lruMillis() {
    return lruMillis;
  }

  /** The logarithmic access counter, 0..255 (LFU). */
  public int lfuCounter() {
    return lfuCounter;
  }

  /** The minute (on the keyspace's clock) the LFU counter was last decayed. */
  public long lfuDecrMinutes() {
    return lfuDecrMinutes;
  }

  public void lfuCounter(int counter) {
    this.lfuCounter = Math.clamp(counter, 0, 255);
  }

  public void lfuDecrMinutes(long minutes) {
    this.lfuDecrMinutes = minutes;
  }

  /** Is this an empty list, hash or sorted set (which Redis deletes rather than keeps)? */
  public boolean isEmptyAggregate() {
    return switch (type) {
      case STRING -> false;
      case LIST -> list().isEmpty();
      case HASH -> hash().isEmpty();
      case ZSET -> zset().size() == 0;
      case SET -> false;
    };
  }

  /**
   * An estimate of the bytes this value takes, for {@code maxmemory}: not what Redis's allocator
   * reports, but it grows and shrinks with the data the same way. A string costs 16 bytes of header
   * plus its length; each element of a list, hash or sorted set costs 16 bytes plus its bytes.
   */
  public long estimateBytes() {
    return switch (type) {
      case STRING -> 16L + string().length();
      case LIST -> {
        long n = 32;
        for (String s : list()) n += 16 + s.length();
        yield n;
      }
      case HASH -> {
        long n = 32;
        for (Map.Entry<String, String> e : hash().entrySet())
          n += 32 + e.getKey().length() + e.getValue().length();
        yield n;
      }
      case ZSET -> 32L + zset().estimateBytes();
      case SET -> 32;
    };
  }

  private <T> T cast(Type expected, Class<T> cls) {
    if (type != expected) {
      throw new IllegalStateException(
          "this is a "
              + type.typeName()
              + ", not a "
              + expected.typeName()
              + ": check type() first and reply Replies.WRONGTYPE");
    }
    return cls.cast(value);
  }

  @Override
  public String toString() {
    return type.typeName() + ":" + value;
  }
}
