package dev.prep.crypto;

import dev.prep.crypto.dh.DhGroup;
import dev.prep.crypto.dh.Message;
import dev.prep.crypto.dh.Message.Hello;
import dev.prep.crypto.dh.Message.Reply;
import dev.prep.crypto.dh.Message.Sealed;
import dev.prep.crypto.dh.Relay;
import dev.prep.crypto.dh.SessionKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mallory in the middle of a {@link dev.prep.crypto.dh.Conversation}, fixing the key (Cryptopals
 * set 5, challenge 34; 中间人攻击). Whatever private exponent a party holds, p^a mod p = 0: so if
 * each side receives p in place of the other's public value, both compute the shared secret s = 0,
 * agree with each other, and notice nothing, while Mallory, who knows s = 0 without any exponent,
 * derives the same session key and reads every message.
 *
 * <p><b>For learning only</b>: an attack on deliberately naive parties ({@link
 * dev.prep.crypto.dh.NaiveParty}); a party that validates public values ({@link
 * DiffieHellman#sharedSecret}, task 3) rejects p and ends the exchange.
 *
 * <p><b>Contract</b> of {@link #forward}:
 *
 * <ul>
 *   <li>{@link Hello}{@code (group, A)}: remember the group; return {@code new Hello(group, p)}.
 *   <li>{@link Reply}{@code (B)}: return {@code new Reply(p)} (p of the group from the Hello).
 *   <li>{@link Sealed}: decrypt it with the key both parties now hold, {@link
 *       SessionKey#fromSecret(BigInteger, DhGroup)} of s = 0 in the group; append the plaintext to
 *       {@link #recovered()}; return the same message unchanged, so the receiver gets exactly what
 *       was sent.
 * </ul>
 */
public final class KeyFixingAttack implements Relay {

  private final List<String> recovered = new ArrayList<>();
  private DhGroup group;

  @Override
  public Message forward(Message message) throws GeneralSecurityException {
    // TODO: Hello: keep the group, send p instead of A; Reply: send p instead of B;
    //       Sealed: open it with the key for s = 0, keep the text, pass the message on unchanged
    throw new UnsupportedOperationException("TODO: forward");
  }

  /** The plaintexts read so far, in the order the messages passed. */
  public List<String> recovered() {
    return List.copyOf(recovered);
  }
}
