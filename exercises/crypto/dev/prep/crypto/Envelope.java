package dev.prep.crypto;

import static dev.prep.crypto.envelope.EnvelopeFormat.HEADER_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.INFO;
import static dev.prep.crypto.envelope.EnvelopeFormat.KEY_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.NONCE_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.OVERHEAD_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.PUBLIC_KEY_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.TAG_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.VERSION;

import dev.prep.crypto.envelope.EnvelopeFormat;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * A hybrid envelope (混合加密): seal a message of any length to an X25519 public key, so that only
 * the holder of the matching private key can open it. Asymmetric crypto agrees on a fresh key,
 * symmetric crypto (AES-GCM) carries the data: the shape of HPKE (RFC 9180), ECIES and every TLS
 * handshake. All the primitives are the JDK's; your job is the construction and the exact format.
 *
 * <p><b>Format</b> (see {@link EnvelopeFormat}; every length in bytes):
 *
 * <pre>
 *   version (1) = 0x01 ‖ ephemeral public key (32) ‖ nonce (12) ‖ ciphertext (n) ‖ tag (16)
 *   \_______________ header, 45 bytes _______________/
 * </pre>
 *
 * <p><b>Seal</b>, for {@code recipient} public key R (raw 32 bytes r):
 *
 * <ol>
 *   <li>Generate a fresh ephemeral key pair (e, E) with {@code KeyPairGenerator.getInstance
 *       ("X25519")}, once per envelope; its raw public key is {@code eph} = {@link
 *       EnvelopeFormat#rawPublicKey}(E).
 *   <li>shared = X25519(e, R): {@code KeyAgreement.getInstance("X25519")}, init with e, {@code
 *       doPhase(R, true)}, {@code generateSecret()} (32 bytes).
 *   <li>key = HKDF-SHA256 (RFC 5869) with IKM = shared, salt = eph ‖ r, info = {@link
 *       EnvelopeFormat#INFO} ({@code "prep hybrid envelope v1"} in UTF-8), length 32: {@code
 *       KDF.getInstance("HKDF-SHA256").deriveKey("AES",
 *       HKDFParameterSpec.ofExtract().addIKM(shared).addSalt(salt).thenExpand(INFO, 32))}.
 *   <li>nonce = 12 random bytes from a {@link SecureRandom} (never {@code java.util.Random}).
 *   <li>header = 0x01 ‖ eph ‖ nonce; encrypt with {@code Cipher.getInstance("AES/GCM/NoPadding")},
 *       a 128-bit tag ({@code new GCMParameterSpec(128, nonce)}) and additional authenticated data
 *       header ‖ aad (two {@code updateAAD} calls, header first); the envelope is header ‖ what
 *       {@code doFinal(plaintext)} returns (ciphertext ‖ tag).
 * </ol>
 *
 * <p><b>Open</b> reverses it: check the length and the version, take eph and the nonce from the
 * header, compute X25519(recipient private key, eph) and the same HKDF (salt = eph exactly as it
 * appears in the envelope ‖ the recipient's own raw public key, which {@link
 * EnvelopeFormat#rawPublicKeyOf} computes from the private key), and decrypt with the same AAD. GCM
 * checks the tag before it returns a single byte, so a changed bit anywhere (header, ciphertext,
 * tag, or the caller's AAD) or the wrong private key ends in {@link AEADBadTagException}.
 *
 * <p>Why the header is in the AAD although changing eph or the nonce already breaks the tag (a
 * different key, a different keystream): it authenticates the version byte too, so no one can
 * relabel an envelope as another version with other rules, and it makes the format's rule simple:
 * every byte before the ciphertext is authenticated. The grader's reference implementation uses
 * exactly this AAD, so a different one fails the interoperability tests.
 */
public final class Envelope {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Envelope() {}

  /**
   * Seals {@code plaintext} (any length, including empty) to {@code recipient}, binding {@code aad}
   * (any length, including empty; not included in the envelope: the receiver must supply the same
   * bytes). Two calls with the same arguments return different envelopes (a fresh ephemeral key and
   * nonce each time).
   *
   * @return header ‖ ciphertext ‖ tag, {@code plaintext.length + 61} bytes
   * @throws java.security.InvalidKeyException if {@code recipient} is not an X25519 public key
   * @throws GeneralSecurityException if the JDK lacks an algorithm (it does not: JDK 25 has all)
   */
  public static byte[] seal(PublicKey recipient, byte[] plaintext, byte[] aad)
      throws GeneralSecurityException {
    // TODO: fresh X25519 pair, X25519 + HKDF key, random nonce, AES-GCM with AAD header ‖ aad
    throw new UnsupportedOperationException("TODO: seal");
  }

  /**
   * Opens an envelope that {@link #seal} made for the public key of {@code recipient}, with the
   * same {@code aad}.
   *
   * @return the plaintext
   * @throws AEADBadTagException if the tag does not verify: any byte of the envelope changed, other
   *     AAD, or another recipient's private key
   * @throws GeneralSecurityException for an envelope shorter than 61 bytes or with a version other
   *     than 0x01 (before any decryption, and never an {@code ArrayIndexOutOfBoundsException}), or
   *     an ephemeral key X25519 rejects (a small-order point)
   */
  public static byte[] open(PrivateKey recipient, byte[] envelope, byte[] aad)
      throws GeneralSecurityException {
    // TODO: check length and version, slice the header, same key, decrypt with the same AAD
    throw new UnsupportedOperationException("TODO: open");
  }

  /**
   * HKDF-SHA256(IKM = X25519(privateKey, publicKey), salt = eph ‖ recipient, info = INFO), 32
   * bytes, as an AES key. {@code eph} and {@code recipient} are the raw 32-byte public keys.
   */
  private static SecretKey deriveKey(
      PrivateKey privateKey, PublicKey publicKey, byte[] eph, byte[] recipient)
      throws GeneralSecurityException {
    // TODO: X25519 agreement, then HKDF-SHA256 with salt eph ‖ recipient and info INFO, 32 bytes
    throw new UnsupportedOperationException("TODO: deriveKey");
  }
}
