package dev.prep.crypto.dh;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A Diffie-Hellman party that trusts whatever public value it receives: {@code sharedSecret}
 * computes peer^a mod p with no check at all, the way too much early code did. It exists to be
 * attacked ({@code prep check crypto/diffie-hellman}, task 2); the learner's {@code DiffieHellman}
 * adds the missing checks in task 3.
 *
 * <p>Hand-written for teaching: never use it, or any code of this course, to protect real data.
 */
public final class NaiveParty implements KeyExchange {

  private final DhGroup group;
  private final BigInteger privateKey;
  private final BigInteger publicValue;

  /**
   * A party with a random private exponent drawn from {@code random}, as {@link
   * DhGroup#maxPrivateKey()}.
   */
  public NaiveParty(DhGroup group, SecureRandom random) {
    this.group = group;
    BigInteger max = group.maxPrivateKey();
    BigInteger a;
    do {
      a = new BigInteger(max.bitLength(), random);
    } while (a.signum() == 0 || a.compareTo(max) > 0);
    this.privateKey = a;
    this.publicValue = group.g().modPow(a, group.p());
  }

  @Override
  public DhGroup group() {
    return group;
  }

  @Override
  public BigInteger publicValue() {
    return publicValue;
  }

  /** peer^a mod p, whatever {@code peerPublic} is: the flaw the key-fixing attack uses. */
  @Override
  public BigInteger sharedSecret(BigInteger peerPublic) {
    return peerPublic.modPow(privateKey, group.p());
  }
}
