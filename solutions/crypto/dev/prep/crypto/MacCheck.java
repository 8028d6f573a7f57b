package dev.prep.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A message authentication code (消息认证码, MAC) with HMAC-SHA256, and the one habit that matters
 * when you check one: compare tags in constant time.
 *
 * <p>HMAC (RFC 2104; SHA-256 test vectors in RFC 4231 section 4) turns a shared secret key and a
 * message into a 32-byte tag. Whoever holds the key can make a tag and check one; whoever does not
 * can do neither. Unlike a signature, a MAC proves nothing to a third party: both sides hold the
 * same key, so either could have made the tag.
 *
 * <p><b>The habit.</b> A comparison that stops at the first differing byte ({@code Arrays.equals},
 * {@code String.equals} on hex, a loop that returns early) takes longer the more leading bytes are
 * right. An attacker who can time many requests guesses the tag for their own message one byte at a
 * time: try all 256 values of byte 0, keep the slowest, move on to byte 1. That is at most 32 × 256
 * guesses instead of 2<sup>256</sup>. {@link MessageDigest#isEqual} looks at every byte whatever
 * the contents (and answers {@code false} for a different length), so the time says nothing.
 */
public final class MacCheck {

  /** The JCA name of HMAC-SHA256, for {@link Mac#getInstance} and the {@link SecretKeySpec}. */
  public static final String ALGORITHM = "HmacSHA256";

  /** Length of an HMAC-SHA256 tag in bytes. */
  public static final int TAG_BYTES = 32;

  private MacCheck() {}

  /**
   * The HMAC-SHA256 tag of {@code message} under {@code key}: {@code
   * Mac.getInstance("HmacSHA256")}, initialised with {@code new SecretKeySpec(key, "HmacSHA256")},
   * then {@code doFinal(message)}.
   *
   * @param key the shared secret, at least one byte (HMAC hashes a key longer than 64 bytes first)
   * @param message any bytes, possibly none
   * @return 32 bytes
   * @throws IllegalArgumentException if {@code key} is empty (SecretKeySpec refuses it)
   * @throws GeneralSecurityException never on JDK 25 (HmacSHA256 is always there)
   */
  public static byte[] tag(byte[] key, byte[] message) throws GeneralSecurityException {
    // one object does RFC 2104's inner and outer hash; never hash(key ‖ message) by hand
    Mac mac = Mac.getInstance(ALGORITHM);
    mac.init(new SecretKeySpec(key, ALGORITHM));
    return mac.doFinal(message);
  }

  /**
   * Whether {@code tag} is the HMAC-SHA256 tag of {@code message} under {@code key}: recompute the
   * tag and compare it with {@link MessageDigest#isEqual}, never with {@code Arrays.equals}, {@code
   * String.equals} or a loop that stops early. A tag of the wrong length (shorter, longer, empty)
   * is {@code false}, never an exception and never a comparison of just its first bytes.
   *
   * @return {@code true} exactly when {@code tag} equals {@link #tag}{@code (key, message)}
   * @throws IllegalArgumentException if {@code key} is empty
   * @throws GeneralSecurityException never on JDK 25
   */
  public static boolean verify(byte[] key, byte[] message, byte[] tag)
      throws GeneralSecurityException {
    // isEqual reads every byte whatever it finds, so the time leaks nothing about the expected tag
    return MessageDigest.isEqual(tag(key, message), tag);
  }
}
