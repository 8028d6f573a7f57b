package dev.prep.crypto.dh;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;

/**
 * An ephemeral X25519 key pair from the JDK (JEP 324) and its key share as it crosses the wire: the
 * 32-byte little-endian u-coordinate of RFC 7748 §5, as in TLS 1.3's key_share extension (RFC 8446
 * §4.2.8.2). {@link #agree} runs the JDK's {@code KeyAgreement("X25519")} on a share received as
 * bytes and turns the 32-byte result into a {@link SessionKey}.
 */
public final class X25519Share {

  private final KeyPair pair;

  private X25519Share(KeyPair pair) {
    this.pair = pair;
  }

  /** A fresh key pair: the private scalar comes from the JDK's default SecureRandom. */
  public static X25519Share generate() throws GeneralSecurityException {
    return new X25519Share(KeyPairGenerator.getInstance("X25519").generateKeyPair());
  }

  /** The public share: u as 32 bytes, least significant first. */
  public byte[] share() {
    BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
    byte[] bigEndian = u.toByteArray();
    byte[] little = new byte[32];
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      little[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return little;
  }

  /**
   * The session key for a share received as 32 bytes.
   *
   * @throws java.security.InvalidKeyException if the share is a point of small order (the JDK
   *     rejects an all-zero result, RFC 7748 §6.1)
   */
  public SessionKey agree(byte[] peerShare) throws GeneralSecurityException {
    byte[] big = new byte[32];
    for (int i = 0; i < 32; i++) {
      big[i] = peerShare[31 - i];
    }
    big[0] &= 0x7f; // RFC 7748 §5: ignore the top bit of u
    var spec = new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, big));
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(pair.getPrivate());
    agreement.doPhase(KeyFactory.getInstance("X25519").generatePublic(spec), true);
    return SessionKey.fromSecret(agreement.generateSecret());
  }

  /** The first {@code bytes} bytes of a share in hex, then "...": enough to tell shares apart. */
  public static String abbreviate(byte[] share, int bytes) {
    return HexFormat.of().formatHex(Arrays.copyOf(share, bytes)) + "...";
  }
}
