package dev.prep.crypto;

import java.math.BigInteger;

/**
 * Textbook RSA (教科书式 RSA) with {@link BigInteger}: a key built from two given primes, the raw
 * RSA primitives of RFC 8017 §5 (encryption, decryption with and without the Chinese remainder
 * theorem, signature, verification), and nothing else.
 *
 * <p><b>For learning only. Never protect real data with this class.</b> Textbook RSA is
 * deterministic (the same message always gives the same ciphertext, so a guessed message can be
 * checked), malleable ({@code encrypt(m1) * encrypt(m2) mod n} is {@code encrypt(m1 * m2 mod n)}),
 * and its signatures can be multiplied into new valid ones; {@code BigInteger.modPow} also leaks
 * timing. Real code encrypts with RSAES-OAEP (RFC 8017 §7.1), {@code
 * Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding")}, and signs with RSASSA-PSS (RFC 8017
 * §8.1), {@code Signature.getInstance("RSASSA-PSS")}: both add randomness and structure around
 * these primitives; notebook {@code 02-rsa} shows why.
 *
 * <p>Key generation (RFC 8017 §3.1 and §3.2), for distinct primes {@code p} and {@code q}:
 *
 * <ul>
 *   <li>{@code n = p * q}, the modulus; {@code (n, e)} is the public key;
 *   <li>{@code λ(n) = lcm(p - 1, q - 1)}, Carmichael's function; Euler's {@code φ(n) = (p - 1)(q -
 *       1)} is a multiple of it;
 *   <li>{@code e}, the public exponent: {@code 3 <= e <= n - 1} and {@code gcd(e, λ(n)) = 1} (RFC
 *       8017 §3.1); in practice 65537;
 *   <li>{@code d}, the private exponent: this class requires {@code d = e^-1 mod λ(n)}, the
 *       smallest positive solution of {@code e * d ≡ 1 (mod λ(n))}. RFC 8017 §3.2 accepts any
 *       positive {@code d < n} with that property, so {@code e^-1 mod φ(n)} (the original 1978
 *       paper's choice) is valid RSA too; FIPS 186-5 §5.1 requires {@code d < λ(n)}, and the JDK's
 *       {@code sun.security.rsa.RSAKeyPairGenerator} computes {@code e.modInverse(lcm)} with {@code
 *       lcm = (p - 1)(q - 1) / gcd(p - 1, q - 1)}. This class follows FIPS and the JDK, so its
 *       {@code d} equals the one in a JDK-generated {@code RSAPrivateCrtKey};
 *   <li>the CRT values of RFC 8017 §3.2's second representation: {@code dP = d mod (p - 1)},
 *       {@code dQ = d mod (q - 1)}, {@code qInv = q^-1 mod p}.
 * </ul>
 *
 * <p>Every operation takes and returns integers ("representatives" in RFC 8017); turning bytes
 * into one is OS2IP, {@code new BigInteger(1, bytes)} (RFC 8017 §4.2).
 */
public final class TextbookRsa {

  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger e;
  private final BigInteger n;
  private final BigInteger d;

  private TextbookRsa(BigInteger p, BigInteger q, BigInteger e, BigInteger n, BigInteger d) {
    this.p = p;
    this.q = q;
    this.e = e;
    this.n = n;
    this.d = d;
  }

  /**
   * Builds the key for primes {@code p} and {@code q} and public exponent {@code e}.
   *
   * <p>Checks, in this order, each failure an {@link IllegalArgumentException} whose message
   * contains the word given here:
   *
   * <ol>
   *   <li>{@code p}, then {@code q}, is a probable prime ({@code BigInteger.isProbablePrime(64)};
   *       numbers below 2 are not prime): else a message containing {@code "prime"};
   *   <li>{@code p != q} (with {@code p == q}, {@code n = p²} and its square root is the key):
   *       else {@code "differ"};
   *   <li>{@code 3 <= e <= n - 1}, RFC 8017 §3.1 (so {@code e = 65537} needs {@code n > 65537}):
   *       else {@code "range"};
   *   <li>{@code gcd(e, λ(n)) = 1}, else {@code e} has no inverse and no {@code d} exists: else
   *       {@code "gcd"}.
   * </ol>
   *
   * <p>Then computes {@code n = p * q} and {@code d = e^-1 mod λ(n)} with {@code λ(n) = lcm(p - 1,
   * q - 1)} (see the class comment: λ, not φ).
   *
   * @throws IllegalArgumentException as listed above
   * @throws NullPointerException if an argument is null
   */
  public static TextbookRsa fromPrimes(BigInteger p, BigInteger q, BigInteger e) {
    // TODO: check p, q, p != q, e's range and gcd(e, λ(n)); then n = p * q, d = e^-1 mod λ(n)
    throw new UnsupportedOperationException("TODO: fromPrimes");
  }

  /** The modulus {@code n = p * q}. */
  public BigInteger n() {
    return n;
  }

  /** The public exponent {@code e}. */
  public BigInteger e() {
    return e;
  }

  /** The private exponent {@code d = e^-1 mod λ(n)}. */
  public BigInteger d() {
    return d;
  }

  /** The first prime, as given to {@link #fromPrimes}. */
  public BigInteger p() {
    return p;
  }

  /** The second prime, as given to {@link #fromPrimes}. */
  public BigInteger q() {
    return q;
  }

  /** {@code p}'s CRT exponent {@code dP = d mod (p - 1)} (RFC 8017 §3.2). */
  public BigInteger dP() {
    // TODO: d mod (p - 1)
    throw new UnsupportedOperationException("TODO: dP");
  }

  /** {@code q}'s CRT exponent {@code dQ = d mod (q - 1)} (RFC 8017 §3.2). */
  public BigInteger dQ() {
    // TODO: d mod (q - 1)
    throw new UnsupportedOperationException("TODO: dQ");
  }

  /**
   * The CRT coefficient {@code qInv = q^-1 mod p}, the positive integer below {@code p} with
   * {@code q * qInv ≡ 1 (mod p)} (RFC 8017 §3.2). Note the order: the inverse of {@code q} modulo
   * {@code p}, as in the JDK's {@code RSAPrivateCrtKey.getCrtCoefficient()}.
   */
  public BigInteger qInv() {
    // TODO: the inverse of q modulo p
    throw new UnsupportedOperationException("TODO: qInv");
  }

  /**
   * RSAEP (RFC 8017 §5.1.1): {@code c = m^e mod n}.
   *
   * @param m the message representative, {@code 0 <= m < n}
   * @return the ciphertext representative, {@code 0 <= c < n}
   * @throws IllegalArgumentException {@code "message representative out of range"} if {@code m <
   *     0} or {@code m >= n}
   */
  public BigInteger encrypt(BigInteger m) {
    // TODO: refuse m outside [0, n), then m^e mod n
    throw new UnsupportedOperationException("TODO: encrypt");
  }

  /**
   * RSADP (RFC 8017 §5.1.2) in its first form: {@code m = c^d mod n}.
   *
   * @param c the ciphertext representative, {@code 0 <= c < n}
   * @return the message representative
   * @throws IllegalArgumentException {@code "ciphertext representative out of range"} if {@code c
   *     < 0} or {@code c >= n}
   */
  public BigInteger decrypt(BigInteger c) {
    // TODO: refuse c outside [0, n), then c^d mod n
    throw new UnsupportedOperationException("TODO: decrypt");
  }

  /**
   * RSADP (RFC 8017 §5.1.2) with the Chinese remainder theorem: the same result as {@link
   * #decrypt}, about three to four times faster for real key sizes, computed from {@code p}, {@code
   * q}, {@link #dP()}, {@link #dQ()} and {@link #qInv()} only — never from {@code d}:
   *
   * <pre>
   *   m1 = c^dP mod p
   *   m2 = c^dQ mod q
   *   h  = qInv * (m1 - m2) mod p      (a non-negative residue: m1 - m2 may be negative)
   *   m  = m2 + q * h                  (Garner's recombination: m ≡ m1 mod p, m ≡ m2 mod q)
   * </pre>
   *
   * @param c the ciphertext representative, {@code 0 <= c < n}
   * @return the message representative, equal to {@code decrypt(c)}
   * @throws IllegalArgumentException {@code "ciphertext representative out of range"} if {@code c
   *     < 0} or {@code c >= n}
   */
  public BigInteger decryptCrt(BigInteger c) {
    // TODO: refuse c outside [0, n); m1, m2, h, then m = m2 + q * h, all without d
    throw new UnsupportedOperationException("TODO: decryptCrt");
  }

  /**
   * RSASP1 (RFC 8017 §5.2.1): the textbook signature {@code s = m^d mod n}.
   *
   * <p>Real signatures never sign {@code m} itself: RSASSA-PSS (RFC 8017 §8.1) hashes the message
   * and encodes the hash with a random salt first, and only that encoding goes through this
   * primitive.
   *
   * @param m the message representative, {@code 0 <= m < n}
   * @return the signature representative
   * @throws IllegalArgumentException {@code "message representative out of range"} if {@code m <
   *     0} or {@code m >= n}
   */
  public BigInteger sign(BigInteger m) {
    // TODO: refuse m outside [0, n), then m^d mod n
    throw new UnsupportedOperationException("TODO: sign");
  }

  /**
   * RSAVP1 (RFC 8017 §5.2.2) as a check: whether {@code s^e mod n == m}.
   *
   * @param m the message representative, {@code 0 <= m < n}
   * @param s the signature representative; a value outside {@code 0 <= s < n} is not a signature
   *     (RFC 8017's "signature representative out of range") and returns {@code false}
   * @return true if {@code s} is in range and {@code s^e mod n == m}
   * @throws IllegalArgumentException {@code "message representative out of range"} if {@code m <
   *     0} or {@code m >= n}
   */
  public boolean verify(BigInteger m, BigInteger s) {
    // TODO: refuse m outside [0, n); false for s outside [0, n); else whether s^e mod n == m
    throw new UnsupportedOperationException("TODO: verify");
  }
}
