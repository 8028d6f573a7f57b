package dev.prep.crypto.rsa;

import java.math.BigInteger;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The raw RSA primitives of RFC 8017 on the JDK's own key objects: integer conversion (§4), RSAEP
 * (§5.1.1) and RSADP in both of its forms (§5.1.2), one {@link BigInteger#modPow} each.
 *
 * <p><b>For learning only.</b> Raw ("textbook") RSA is deterministic and malleable, and {@code
 * modPow} takes a time that depends on its secret exponent. Real code uses {@code
 * Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding")} to encrypt and {@code
 * Signature.getInstance("RSASSA-PSS")} to sign; the JDK's private-key operation also blinds its
 * input against timing attacks ({@code sun.security.rsa.RSACore}).
 */
public final class RawRsa {

  private RawRsa() {}

  /** k in RFC 8017: the length of the modulus in bytes (256 for RSA-2048). */
  public static int length(RSAKey key) {
    return (key.getModulus().bitLength() + 7) / 8;
  }

  /**
   * I2OSP (RFC 8017 §4.1): {@code x} as exactly {@code length} big-endian bytes, zeros in front.
   *
   * @throws IllegalArgumentException "integer too large" if {@code x} needs more bytes, or if it is
   *     negative
   */
  public static byte[] i2osp(BigInteger x, int length) {
    if (x.signum() < 0 || x.bitLength() > 8 * length) {
      throw new IllegalArgumentException("integer too large");
    }
    byte[] minimal = x.toByteArray(); // two's complement: may start with a 0 sign byte
    byte[] out = new byte[length];
    int copy = Math.min(minimal.length, length);
    System.arraycopy(minimal, minimal.length - copy, out, length - copy, copy);
    return out;
  }

  /** OS2IP (RFC 8017 §4.2): big-endian bytes as a non-negative integer. */
  public static BigInteger os2ip(byte[] bytes) {
    return new BigInteger(1, bytes);
  }

  /** RSAEP (RFC 8017 §5.1.1): {@code m^e mod n}, for {@code 0 <= m < n}. */
  public static BigInteger encrypt(RSAPublicKey key, BigInteger m) {
    requireRepresentative(key, m, "message representative out of range");
    return m.modPow(key.getPublicExponent(), key.getModulus());
  }

  /** RSADP (RFC 8017 §5.1.2), first form: {@code c^d mod n}, one full-size exponentiation. */
  public static BigInteger decrypt(RSAPrivateKey key, BigInteger c) {
    requireRepresentative(key, c, "ciphertext representative out of range");
    return c.modPow(key.getPrivateExponent(), key.getModulus());
  }

  /**
   * RSADP (RFC 8017 §5.1.2), second form: the same result from two half-size exponentiations,
   * {@code m1 = c^dP mod p} and {@code m2 = c^dQ mod q}, joined by Garner's formula {@code m = m2 +
   * q * (qInv * (m1 - m2) mod p)}.
   */
  public static BigInteger decryptCrt(RSAPrivateCrtKey key, BigInteger c) {
    requireRepresentative(key, c, "ciphertext representative out of range");
    BigInteger p = key.getPrimeP();
    BigInteger q = key.getPrimeQ();
    BigInteger m1 = c.modPow(key.getPrimeExponentP(), p);
    BigInteger m2 = c.modPow(key.getPrimeExponentQ(), q);
    BigInteger h = key.getCrtCoefficient().multiply(m1.subtract(m2)).mod(p); // mod: never < 0
    return m2.add(q.multiply(h));
  }

  private static void requireRepresentative(RSAKey key, BigInteger x, String message) {
    if (x.signum() < 0 || x.compareTo(key.getModulus()) >= 0) {
      throw new IllegalArgumentException(message);
    }
  }
}
