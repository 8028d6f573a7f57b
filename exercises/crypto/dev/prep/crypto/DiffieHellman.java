package dev.prep.crypto;

import dev.prep.crypto.dh.DhGroup;
import dev.prep.crypto.dh.KeyExchange;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * One party of a finite-field Diffie-Hellman key exchange (迪菲-赫尔曼密钥交换): a private exponent a
 * in a group (p, g), the public value g^a mod p it sends, and the shared secret peer^a mod p it
 * computes from the value it receives. Both sides end with g^(ab) mod p; an eavesdropper who saw
 * only g^a and g^b must solve a discrete logarithm to get there (W. Diffie and M. Hellman, "New
 * Directions in Cryptography", 1976).
 *
 * <p><b>For learning only.</b> Hand-written crypto: never use this class to protect real data. The
 * JDK's {@code KeyAgreement.getInstance("DH")} (or better X25519, notebook 03) is the real thing.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>{@link #DiffieHellman(DhGroup, BigInteger)} keeps the group and the private exponent a;
 *       throws {@link IllegalArgumentException} unless {@code 1 <= a <= max}, where max is {@link
 *       DhGroup#maxPrivateKey()}: q - 1 when the group declares a subgroup order q (g^q = 1, so
 *       a = q would make the public value 1), else p - 2 (g^(p-1) = 1 by Fermat's little
 *       theorem).
 *   <li>{@link #DiffieHellman(DhGroup, SecureRandom)} draws a uniformly from [1, max] using only
 *       the given {@link SecureRandom} (never {@code java.util.Random}, whose 48-bit seed an
 *       observer recovers from a few outputs), so two generators seeded alike give the same key.
 *   <li>{@link #publicValue()} returns g^a mod p.
 *   <li>{@link #sharedSecret(BigInteger)} validates the peer's value y, then returns y^a mod p, a
 *       number in [0, p - 1] (the JDK's {@code KeyAgreement.generateSecret()} returns the same
 *       number as p's length in bytes, big-endian and left-padded with zeros).
 * </ul>
 *
 * <p><b>Validation</b> (task 3; NIST SP 800-56A Rev. 3 §5.6.2.3.1 and §5.6.2.3.2). Throw {@link
 * IllegalArgumentException} if
 *
 * <ol>
 *   <li>{@code y <= 1} or {@code y >= p - 1}: 0, 1 and p - 1 (= -1) sit in subgroups of order 1 and
 *       2, so y^a takes at most two values whatever a is, and y >= p is not a residue mod p at all
 *       (p itself is 0 mod p, which is how the key-fixing attack forces s = 0); or
 *   <li>the group declares a subgroup order q ({@link DhGroup#subgroupOrder()}, present for {@link
 *       DhGroup#MODP_2048} and {@link DhGroup#TOY_SUBGROUP}) and {@code y^q mod p != 1}: then y is
 *       outside the subgroup g generates, and y^a leaks a's value mod y's order. For a group that
 *       declares no q (such as {@link DhGroup#TOY}, where g = 5 generates every residue) this check
 *       would reject honest values, so skip it.
 * </ol>
 *
 * Validation stops a man in the middle from fixing the secret to a value she can guess; it does not
 * stop her from running a separate, perfectly valid exchange with each side. Only authentication of
 * the public values (a signature, a certificate) stops that (notebook 03, {@code prep demo crypto
 * man-in-the-middle}).
 */
public final class DiffieHellman implements KeyExchange {

  private final DhGroup group;
  private final BigInteger privateKey;

  /**
   * A party with the private exponent {@code privateKey}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= privateKey <= group.maxPrivateKey()}
   */
  public DiffieHellman(DhGroup group, BigInteger privateKey) {
    // TODO: IllegalArgumentException unless 1 <= privateKey <= group.maxPrivateKey(); keep both
    throw new UnsupportedOperationException("TODO: DiffieHellman(group, privateKey)");
  }

  /** A party with a private exponent drawn uniformly from [1, max] with {@code random}. */
  public DiffieHellman(DhGroup group, SecureRandom random) {
    this(group, randomPrivateKey(group, random));
  }

  /** A uniform value in [1, group.maxPrivateKey()] from {@code random}, and nothing else. */
  static BigInteger randomPrivateKey(DhGroup group, SecureRandom random) {
    // TODO: draw numbers of max's bit length from random until one lies in [1, max]
    throw new UnsupportedOperationException("TODO: randomPrivateKey");
  }

  @Override
  public DhGroup group() {
    return group;
  }

  /** g^a mod p. */
  @Override
  public BigInteger publicValue() {
    // TODO: g^a mod p, with BigInteger.modPow
    throw new UnsupportedOperationException("TODO: publicValue");
  }

  /**
   * peerPublic^a mod p, once {@code peerPublic} passed the validation above.
   *
   * @throws IllegalArgumentException if {@code peerPublic} fails validation
   */
  @Override
  public BigInteger sharedSecret(BigInteger peerPublic) {
    // TODO: task 1: peerPublic^a mod p; task 3: first reject bad values (see Validation above)
    throw new UnsupportedOperationException("TODO: sharedSecret");
  }
}
