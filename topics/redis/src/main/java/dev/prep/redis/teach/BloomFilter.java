package dev.prep.redis.teach;

import java.nio.charset.StandardCharsets;

/**
 * A Bloom filter (Burton H. Bloom, "Space/Time Trade-offs in Hash Coding with Allowable Errors",
 * CACM 13(7), 1970): {@code m} bits and {@code k} hash functions. {@link #add} sets the key's
 * {@code k} bits; {@link #mightContain} answers false only if one of them is clear, so a key that
 * was added is never reported absent, while a key that was not may be reported present (a false
 * positive) with probability about {@code (1 - e^(-kn/m))^k} after {@code n} adds.
 *
 * <p>The {@code k} positions come from two 64-bit hashes by double hashing, {@code h1 + i * h2}
 * (Kirsch and Mitzenmacher, "Less Hashing, Same Performance", 2006), which keeps the false-positive
 * rate of {@code k} independent hashes. Not thread-safe.
 */
public final class BloomFilter {
  private final long[] words;
  private final long bits;
  private final int hashes;

  /**
   * @param bits {@code m}, the filter's size in bits (at least 64)
   * @param hashes {@code k}, the number of bits each key sets (1 to 30)
   */
  public BloomFilter(long bits, int hashes) {
    if (bits < 64 || bits > (1L << 36)) {
      throw new IllegalArgumentException("bits must be 64 .. 2^36, got " + bits);
    }
    if (hashes < 1 || hashes > 30) {
      throw new IllegalArgumentException("hashes must be 1 .. 30, got " + hashes);
    }
    this.words = new long[(int) ((bits + 63) / 64)];
    this.bits = bits;
    this.hashes = hashes;
  }

  /** A filter sized for {@code expected} keys at false-positive rate {@code fpp}. */
  public static BloomFilter forExpected(long expected, double fpp) {
    long m = optimalBits(expected, fpp);
    return new BloomFilter(m, optimalHashes(expected, m));
  }

  /** {@code m = -n ln p / (ln 2)^2}, rounded up. */
  public static long optimalBits(long expected, double fpp) {
    if (expected < 1 || !(fpp > 0 && fpp < 1)) {
      throw new IllegalArgumentException("need expected >= 1 and 0 < fpp < 1");
    }
    return Math.max(64, (long) Math.ceil(-expected * Math.log(fpp) / (Math.log(2) * Math.log(2))));
  }

  /** {@code k = (m / n) ln 2}, rounded, at least 1. */
  public static int optimalHashes(long expected, long bits) {
    return Math.clamp(Math.round((double) bits / expected * Math.log(2)), 1, 30);
  }

  /** The textbook estimate of the false-positive rate after {@code n} adds. */
  public static double expectedFpp(long n, long bits, int hashes) {
    return Math.pow(1 - Math.exp(-(double) hashes * n / bits), hashes);
  }

  public long bits() {
    return bits;
  }

  public int hashes() {
    return hashes;
  }

  public void add(String key) {
    long h1 = hash(key, 0x9E3779B97F4A7C15L);
    long h2 = hash(key, 0xC2B2AE3D27D4EB4FL) | 1; // odd, so the k positions differ
    for (int i = 0; i < hashes; i++) {
      long bit = Math.floorMod(h1 + i * h2, bits);
      words[(int) (bit >>> 6)] |= 1L << bit;
    }
  }

  /** False: certainly never added. True: probably added. */
  public boolean mightContain(String key) {
    long h1 = hash(key, 0x9E3779B97F4A7C15L);
    long h2 = hash(key, 0xC2B2AE3D27D4EB4FL) | 1;
    for (int i = 0; i < hashes; i++) {
      long bit = Math.floorMod(h1 + i * h2, bits);
      if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) return false;
    }
    return true;
  }

  /** The share of bits set: about {@code 1 - e^(-kn/m)}. */
  public double fillRatio() {
    long set = 0;
    for (long w : words) set += Long.bitCount(w);
    return (double) set / bits;
  }

  /** FNV-1a over the UTF-8 bytes from {@code seed}, then SplitMix64's finalizer to spread bits. */
  private static long hash(String key, long seed) {
    long h = 0xCBF29CE484222325L ^ seed;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
