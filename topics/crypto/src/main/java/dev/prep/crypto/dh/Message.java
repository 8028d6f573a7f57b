package dev.prep.crypto.dh;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What crosses the wire in a {@link Conversation}: Alice's hello, Bob's reply, then sealed text
 * messages. Everything is visible to whoever carries it, as on a real network.
 */
public sealed interface Message {

  /** Alice to Bob: the group to use and Alice's public value A = g^a mod p. */
  record Hello(DhGroup group, BigInteger publicValue) implements Message {
    public Hello {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(publicValue, "publicValue");
    }
  }

  /** Bob to Alice: Bob's public value B = g^b mod p. */
  record Reply(BigInteger publicValue) implements Message {
    public Reply {
      Objects.requireNonNull(publicValue, "publicValue");
    }
  }

  /**
   * A text encrypted with AES-256-GCM under a {@link SessionKey}: who sent it, the 12-byte nonce,
   * and the ciphertext with its 16-byte tag appended. Treat the arrays as read-only.
   */
  record Sealed(String from, byte[] nonce, byte[] ciphertext) implements Message {
    public Sealed {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(nonce, "nonce");
      Objects.requireNonNull(ciphertext, "ciphertext");
    }
  }
}
