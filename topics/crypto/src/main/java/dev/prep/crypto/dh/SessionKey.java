package dev.prep.crypto.dh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric key both sides derive from a Diffie-Hellman secret, and the AES-256-GCM encryption
 * it is used for.
 *
 * <p>Derivation: AES key = SHA-256(secret bytes). For a finite-field secret s the bytes are s in
 * big-endian, left-padded with zeros to the length of p, exactly what the JDK's {@code
 * KeyAgreement.getInstance("DH").generateSecret()} returns. One hash is honest about what matters
 * here (both sides turn the same secret into the same key, and a secret an attacker knows gives her
 * the key); real protocols use a KDF such as HKDF (RFC 5869) and bind the transcript into it
 * (notebook 05).
 *
 * <p>Each {@link #seal} draws a fresh 12-byte nonce from {@link SecureRandom}: a GCM nonce must
 * never repeat under one key. {@link #open} checks the 16-byte tag and throws {@link
 * javax.crypto.AEADBadTagException} for a wrong key or a changed ciphertext.
 */
public final class SessionKey {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final byte[] key;

  private SessionKey(byte[] key) {
    this.key = key;
  }

  /** The key for a raw shared secret (an X25519 output, or DH bytes from {@link #encode}). */
  public static SessionKey fromSecret(byte[] sharedSecret) {
    return new SessionKey(sha256(sharedSecret));
  }

  /** The key for a finite-field secret s in {@code group}: SHA-256 of {@link #encode}(s). */
  public static SessionKey fromSecret(BigInteger secret, DhGroup group) {
    return fromSecret(encode(secret, group));
  }

  /**
   * s as big-endian bytes, left-padded with zeros to p's length (256 bytes for MODP-2048), like the
   * JDK's DH KeyAgreement; {@code BigInteger.toByteArray()} would drop leading zeros or add a sign
   * byte instead.
   */
  public static byte[] encode(BigInteger secret, DhGroup group) {
    if (secret.signum() < 0 || secret.compareTo(group.p()) >= 0) {
      throw new IllegalArgumentException("a secret mod p lies in [0, p - 1]");
    }
    byte[] minimal = secret.toByteArray(); // may carry one leading sign byte 0x00
    int length = group.byteLength();
    byte[] padded = new byte[length];
    int copy = Math.min(minimal.length, length);
    System.arraycopy(minimal, minimal.length - copy, padded, length - copy, copy);
    return padded;
  }

  /** Encrypts {@code text} (UTF-8) under this key with a fresh random nonce. */
  public Message.Sealed seal(String from, String text) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      return new Message.Sealed(from, nonce, gcm.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JDK", e);
    }
  }

  /**
   * Decrypts and authenticates {@code sealed}.
   *
   * @throws javax.crypto.AEADBadTagException if the key is not the one it was sealed with, or a
   *     byte of nonce or ciphertext changed
   */
  public String open(Message.Sealed sealed) throws GeneralSecurityException {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(TAG_BITS, sealed.nonce()));
    return new String(gcm.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
  }

  /** The first 8 bytes of SHA-256(key) in hex: safe to print, equal exactly when keys are equal. */
  public String fingerprint() {
    return HexFormat.of().formatHex(Arrays.copyOf(sha256(key), 8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}
