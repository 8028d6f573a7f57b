package dev.prep.crypto.envelope;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * The wire format of the {@code hybrid-envelope} exercise's envelopes (混合加密), and the three
 * conversions between JDK X25519 keys and their 32-byte RFC 7748 encoding that the format needs.
 *
 * <pre>
 *   offset  length  field
 *   0       1       version, always 0x01
 *   1       32      the sender's ephemeral X25519 public key, u little-endian (RFC 7748 section 5)
 *   33      12      the AES-GCM nonce, random
 *   45      n + 16  AES-256-GCM ciphertext of the n-byte plaintext, then the 16-byte tag
 * </pre>
 *
 * <p>The first 45 bytes are the <i>header</i>. The AES key is HKDF-SHA256 (RFC 5869) of the X25519
 * shared secret, with salt = ephemeral public key ‖ recipient public key (32 raw bytes each, the
 * ephemeral one exactly as it appears in the envelope) and info = {@link #INFO}, 32 bytes long. The
 * GCM additional authenticated data is header ‖ the caller's AAD. The construction follows the
 * shape of HPKE (RFC 9180) with DHKEM(X25519, HKDF-SHA256), but it is this course's own format, not
 * HPKE: do not expect it to interoperate with an HPKE library.
 *
 * <p>Why the JDK types need converting at all: {@link XECPublicKey#getU()} is a {@link BigInteger}
 * and {@link PublicKey#getEncoded()} is a 44-byte X.509 SubjectPublicKeyInfo (a 12-byte DER prefix
 * before the 32 raw bytes); the wire carries the raw 32 bytes, least significant byte first.
 */
public final class EnvelopeFormat {

  /** The only version this format knows. */
  public static final byte VERSION = 0x01;

  /** Length of an X25519 public key on the wire (RFC 7748 section 5). */
  public static final int PUBLIC_KEY_BYTES = 32;

  /** Length of the AES-GCM nonce (NIST SP 800-38D recommends 96 bits). */
  public static final int NONCE_BYTES = 12;

  /** Length of the AES-GCM tag: 128 bits. */
  public static final int TAG_BYTES = 16;

  /** Length of the header: version ‖ ephemeral public key ‖ nonce. */
  public static final int HEADER_BYTES = 1 + PUBLIC_KEY_BYTES + NONCE_BYTES;

  /** Bytes an envelope adds to its plaintext; also the length of the shortest valid envelope. */
  public static final int OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;

  /** Length of the derived AES-256 key. */
  public static final int KEY_BYTES = 32;

  /** The HKDF info: binds the derived key to this format and version. */
  public static final byte[] INFO = "prep hybrid envelope v1".getBytes(StandardCharsets.UTF_8);

  private static final BigInteger MASK_255 = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

  private EnvelopeFormat() {}

  /**
   * The 32-byte RFC 7748 encoding of an X25519 public key: u as 32 bytes, least significant first.
   *
   * @throws InvalidKeyException if {@code key} is not an X25519 public key
   */
  public static byte[] rawPublicKey(PublicKey key) throws InvalidKeyException {
    if (!(key instanceof XECPublicKey xec)
        || !(xec.getParams() instanceof NamedParameterSpec named)
        || !named.getName().equalsIgnoreCase("X25519")) {
      throw new InvalidKeyException("not an X25519 public key: " + key.getAlgorithm());
    }
    return littleEndian(xec.getU());
  }

  /**
   * The X25519 public key whose RFC 7748 encoding is {@code raw}; the top bit of the last byte is
   * ignored, as RFC 7748 section 5 requires ("implementations of X25519 MUST mask the most
   * significant bit in the final byte").
   *
   * @throws InvalidKeyException if {@code raw} is not 32 bytes long
   */
  public static PublicKey publicKeyFromRaw(byte[] raw) throws GeneralSecurityException {
    if (raw.length != PUBLIC_KEY_BYTES) {
      throw new InvalidKeyException("an X25519 public key is 32 bytes, not " + raw.length);
    }
    byte[] bigEndian = new byte[PUBLIC_KEY_BYTES];
    for (int i = 0; i < PUBLIC_KEY_BYTES; i++) {
      bigEndian[i] = raw[PUBLIC_KEY_BYTES - 1 - i];
    }
    BigInteger u = new BigInteger(1, bigEndian).and(MASK_255);
    return KeyFactory.getInstance("X25519")
        .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
  }

  /**
   * The 32-byte public key that belongs to an X25519 private key: X25519(k, 9), the scalar times
   * the base point u = 9, exactly how RFC 7748 section 6.1 computes a public key. The JDK has no
   * "public key of this private key" method, but an agreement with the base point is one.
   *
   * @throws InvalidKeyException if {@code key} is not an X25519 private key
   */
  public static byte[] rawPublicKeyOf(PrivateKey key) throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(key);
    agreement.doPhase(
        KeyFactory.getInstance("X25519")
            .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9))),
        true);
    return agreement.generateSecret(); // already little-endian, as every X25519 output
  }

  private static byte[] littleEndian(BigInteger u) {
    byte[] bigEndian = u.toByteArray(); // may carry a leading 0x00 sign byte, or be shorter
    byte[] out = new byte[PUBLIC_KEY_BYTES];
    for (int i = 0; i < PUBLIC_KEY_BYTES && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }
}
