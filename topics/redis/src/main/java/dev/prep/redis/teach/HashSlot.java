package dev.prep.redis.teach;

import java.nio.charset.StandardCharsets;

/**
 * Which of Redis Cluster's 16384 hash slots a key belongs to: {@code CRC16(key) & 16383}, where
 * only the hash tag is hashed if the key has one. As the cluster specification defines it (redis.io
 * "Redis cluster specification", redis/redis-doc {@code docs/reference/cluster-spec.md}, "Key
 * distribution model" and "Hash tags") and redis/redis {@code src/cluster.c} {@code keyHashSlot}
 * implements it.
 */
public final class HashSlot {
  private HashSlot() {}

  /** The number of hash slots: 2^14, so 14 of CRC16's 16 bits are used. */
  public static final int SLOTS = 16384;

  /**
   * CRC-16/XMODEM: polynomial 0x1021 (x^16 + x^12 + x^5 + 1), initial value 0, no reflection, no
   * final XOR; {@code "123456789"} gives 0x31C3. Bit by bit for clarity; Redis's {@code crc16.c}
   * uses a 256-entry table, which computes the same thing a byte at a time.
   */
  public static int crc16(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      crc ^= (b & 0xFF) << 8; // the next byte enters at the top
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xFFFF;
    }
    return crc;
  }

  /**
   * The part of the key that is hashed: between the first {@code '{'} and the first {@code '}'}
   * after it, if that is not empty; otherwise the whole key. {@code "{user1}.a"} hashes {@code
   * "user1"}; {@code "foo{}{bar}"} hashes the whole key; {@code "foo{{bar}}"} hashes {@code
   * "{bar"}.
   */
  public static String hashTag(String key) {
    int open = key.indexOf('{');
    if (open < 0) return key;
    int close = key.indexOf('}', open + 1);
    if (close < 0 || close == open + 1) return key;
    return key.substring(open + 1, close);
  }

  /** The slot of a key as a Java client sends it: the key's UTF-8 bytes, hash tag applied. */
  public static int of(String key) {
    return crc16(hashTag(key).getBytes(StandardCharsets.UTF_8)) & (SLOTS - 1);
  }
}
