package dev.prep.crypto.dh;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Alice and Bob agree on a key over a {@link Relay} and then talk, the protocol of Cryptopals set 5
 * challenge 34:
 *
 * <pre>
 * Alice -> Bob    Hello(group, A = g^a mod p)      Bob computes s = A'^b mod p (A' as received)
 * Bob -> Alice    Reply(B = g^b mod p)             Alice computes s = B'^a mod p
 * both            Sealed(AES-GCM under SHA-256(s)), one per line of the script, each way
 * </pre>
 *
 * <p>A party "notices" only what it can check: {@link KeyExchange#sharedSecret} throwing {@link
 * IllegalArgumentException} (a rejected public value), or a message that fails to decrypt (the keys
 * differ, or a byte changed). Either ends the conversation and is recorded in {@link
 * Transcript#noticed}. Exceptions thrown by the relay itself are not the parties' business: they
 * propagate to the caller.
 */
public final class Conversation {

  private Conversation() {}

  /** One line of the script: who says it ("Alice" or "Bob") and what. */
  public record Line(String speaker, String text) {
    public Line {
      if (!speaker.equals("Alice") && !speaker.equals("Bob")) {
        throw new IllegalArgumentException("speaker is Alice or Bob, got " + speaker);
      }
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * What happened, as far as it got.
   *
   * @param aliceSent A, the public value Alice sent
   * @param bobReceived the public value Bob received as Alice's
   * @param bobSent B, or null if Bob stopped before replying
   * @param aliceReceived the public value Alice received as Bob's, or null
   * @param bobSecret the secret Bob computed, or null
   * @param aliceSecret the secret Alice computed, or null
   * @param bobKey Bob's session key, or null
   * @param aliceKey Alice's session key, or null
   * @param delivered each line as its receiver decrypted it, in order
   * @param noticed why a party stopped the conversation; empty if nobody noticed anything
   */
  public record Transcript(
      BigInteger aliceSent,
      BigInteger bobReceived,
      BigInteger bobSent,
      BigInteger aliceReceived,
      BigInteger bobSecret,
      BigInteger aliceSecret,
      SessionKey bobKey,
      SessionKey aliceKey,
      List<Line> delivered,
      Optional<String> noticed) {

    /** Whether the key exchange finished and every line was decrypted without complaint. */
    public boolean completed() {
      return noticed.isEmpty();
    }
  }

  /**
   * Runs the key exchange in {@code group} and then the {@code script}, every message through
   * {@code wire}. Alice is built from {@code group}; Bob from the group he receives in the Hello.
   *
   * @throws GeneralSecurityException if the wire throws it
   * @throws IllegalStateException if the wire returns null or a message of another kind
   */
  public static Transcript run(
      DhGroup group,
      Function<DhGroup, ? extends KeyExchange> alice,
      Function<DhGroup, ? extends KeyExchange> bob,
      Relay wire,
      List<Line> script)
      throws GeneralSecurityException {
    var t = new Builder();
    KeyExchange a = alice.apply(group);
    t.aliceSent = a.publicValue();
    Message.Hello hello =
        expect(
            Message.Hello.class,
            wire.forward(new Message.Hello(group, t.aliceSent)),
            "Alice's Hello");
    t.bobReceived = hello.publicValue();
    KeyExchange b = bob.apply(hello.group());
    try {
      t.bobSecret = b.sharedSecret(hello.publicValue());
    } catch (IllegalArgumentException e) {
      return t.stop(
          "Bob rejected the public value he received, "
              + hello.group().describe(hello.publicValue())
              + ": "
              + e.getMessage());
    }
    t.bobSent = b.publicValue();
    Message.Reply reply =
        expect(Message.Reply.class, wire.forward(new Message.Reply(t.bobSent)), "Bob's Reply");
    t.aliceReceived = reply.publicValue();
    try {
      t.aliceSecret = a.sharedSecret(reply.publicValue());
    } catch (IllegalArgumentException e) {
      return t.stop(
          "Alice rejected the public value she received, "
              + group.describe(reply.publicValue())
              + ": "
              + e.getMessage());
    }
    t.aliceKey = SessionKey.fromSecret(t.aliceSecret, group);
    t.bobKey = SessionKey.fromSecret(t.bobSecret, hello.group());
    for (int i = 0; i < script.size(); i++) {
      Line line = script.get(i);
      boolean fromAlice = line.speaker().equals("Alice");
      SessionKey senderKey = fromAlice ? t.aliceKey : t.bobKey;
      SessionKey receiverKey = fromAlice ? t.bobKey : t.aliceKey;
      String what = line.speaker() + "'s message " + (i + 1);
      Message.Sealed sealed =
          expect(
              Message.Sealed.class,
              wire.forward(senderKey.seal(line.speaker(), line.text())),
              what);
      try {
        t.delivered.add(new Line(line.speaker(), receiverKey.open(sealed)));
      } catch (GeneralSecurityException e) {
        return t.stop((fromAlice ? "Bob" : "Alice") + " could not decrypt " + what + ": " + e);
      }
    }
    return t.stop(null);
  }

  private static <M extends Message> M expect(Class<M> kind, Message received, String what) {
    if (received == null) {
      throw new IllegalStateException("the wire returned null for " + what);
    }
    if (!kind.isInstance(received)) {
      throw new IllegalStateException(
          "the wire turned "
              + what
              + " into a "
              + received.getClass().getSimpleName()
              + "; a relay must return a message of the same kind");
    }
    return kind.cast(received);
  }

  private static final class Builder {
    BigInteger aliceSent;
    BigInteger bobReceived;
    BigInteger bobSent;
    BigInteger aliceReceived;
    BigInteger bobSecret;
    BigInteger aliceSecret;
    SessionKey bobKey;
    SessionKey aliceKey;
    final List<Line> delivered = new ArrayList<>();

    Transcript stop(String noticed) {
      return new Transcript(
          aliceSent,
          bobReceived,
          bobSent,
          aliceReceived,
          bobSecret,
          aliceSecret,
          bobKey,
          aliceKey,
          List.copyOf(delivered),
          Optional.ofNullable(noticed));
    }
  }
}
