package dev.prep.crypto.dh;

import java.security.GeneralSecurityException;

/**
 * The network between Alice and Bob: every message of a {@link Conversation} passes through {@link
 * #forward}, which delivers it as it is, changed, or replaced. An honest network is {@code message
 * -> message}; a man in the middle (中间人) is any other function.
 */
@FunctionalInterface
public interface Relay {

  /**
   * What the receiver gets when {@code message} is sent: a {@link Message.Hello} must stay a Hello,
   * a Reply a Reply, a Sealed a Sealed.
   *
   * @throws GeneralSecurityException if the relay itself tries to decrypt a message and fails
   */
  Message forward(Message message) throws GeneralSecurityException;

  /** A network that delivers every message untouched. */
  static Relay honest() {
    return message -> message;
  }
}
