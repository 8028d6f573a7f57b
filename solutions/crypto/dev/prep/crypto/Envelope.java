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
    // a fresh key pair per envelope: the sender keeps no secret, and each envelope gets its own key
    KeyPair ephemeral = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    byte[] eph = EnvelopeFormat.rawPublicKey(ephemeral.getPublic());
    SecretKey key =
        deriveKey(ephemeral.getPrivate(), recipient, eph, EnvelopeFormat.rawPublicKey(recipient));
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] header = new byte[HEADER_BYTES];
    header[0] = VERSION;
    System.arraycopy(eph, 0, header, 1, PUBLIC_KEY_BYTES);
    System.arraycopy(nonce, 0, header, 1 + PUBLIC_KEY_BYTES, NONCE_BYTES);

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    gcm.updateAAD(header);
    gcm.updateAAD(aad);
    byte[] sealed = gcm.doFinal(plaintext);

    byte[] envelope = Arrays.copyOf(header, HEADER_BYTES + sealed.length);
    System.arraycopy(sealed, 0, envelope, HEADER_BYTES, sealed.length);
    return envelope;
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
    // reject what cannot be an envelope before slicing it: a clear error, not an index exception
    if (envelope.length < OVERHEAD_BYTES) {
      throw new AEADBadTagException(
          "an envelope is at least " + OVERHEAD_BYTES + " bytes, this one " + envelope.length);
    }
    if (envelope[0] != VERSION) {
      throw new GeneralSecurityException("unknown envelope version 0x%02x".formatted(envelope[0]));
    }
    byte[] header = Arrays.copyOf(envelope, HEADER_BYTES);
    byte[] eph = Arrays.copyOfRange(envelope, 1, 1 + PUBLIC_KEY_BYTES);
    byte[] nonce = Arrays.copyOfRange(envelope, 1 + PUBLIC_KEY_BYTES, HEADER_BYTES);
    SecretKey key =
        deriveKey(
            recipient,
            EnvelopeFormat.publicKeyFromRaw(eph),
            eph,
            EnvelopeFormat.rawPublicKeyOf(recipient));

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    gcm.updateAAD(header);
    gcm.updateAAD(aad);
    return gcm.doFinal(envelope, HEADER_BYTES, envelope.length - HEADER_BYTES);
  }

  /**
   * HKDF-SHA256(IKM = X25519(privateKey, publicKey), salt = eph ‖ recipient, info = INFO), 32
   * bytes, as an AES key. {@code eph} and {@code recipient} are the raw 32-byte public keys.
   */
  private static SecretKey deriveKey(
      PrivateKey privateKey, PublicKey publicKey, byte[] eph, byte[] recipient)
      throws GeneralSecurityException {
    // the raw X25519 output is not uniformly random: HKDF extracts a key from it, and the salt
    // binds that key to both public keys of this exchange
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(privateKey);
    agreement.doPhase(publicKey, true);
    byte[] shared = agreement.generateSecret();
    byte[] salt = Arrays.copyOf(eph, 2 * PUBLIC_KEY_BYTES);
    System.arraycopy(recipient, 0, salt, PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES);
    return KDF.getInstance("HKDF-SHA256")
        .deriveKey(
            "AES",
            HKDFParameterSpec.ofExtract().addIKM(shared).addSalt(salt).thenExpand(INFO, KEY_BYTES));
  }
}
