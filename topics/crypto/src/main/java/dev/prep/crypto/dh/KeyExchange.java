package dev.prep.crypto.dh;

import java.math.BigInteger;

/**
 * One side of a finite-field Diffie-Hellman exchange (密钥交换): it holds a private exponent, shows its
 * public value, and turns the peer's public value into the shared secret.
 */
public interface KeyExchange {

  /** The group this party computes in. */
  DhGroup group();

  /** g^a mod p, for private exponent a: the value sent to the peer in the clear. */
  BigInteger publicValue();

  /**
   * peer^a mod p: the shared secret, equal on both sides when nobody tampered with the public
   * values.
   *
   * @throws IllegalArgumentException if this party validates public values and {@code peerPublic}
   *     fails the check
   */
  BigInteger sharedSecret(BigInteger peerPublic);
}
