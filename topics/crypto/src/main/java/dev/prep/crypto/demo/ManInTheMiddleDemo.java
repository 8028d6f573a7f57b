package dev.prep.crypto.demo;

import dev.prep.crypto.dh.Message.Sealed;
import dev.prep.crypto.dh.SessionKey;
import dev.prep.crypto.dh.X25519Share;
import dev.prep.support.Machine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/*
 * A man in the middle (中间人攻击) of an ephemeral X25519 key exchange, and the cure.
 *
 * Diffie-Hellman (密钥交换) defeats a passive eavesdropper: she sees both public shares and still
 * cannot compute the shared key (for X25519, that is the elliptic-curve discrete logarithm
 * problem). It does nothing against an active attacker, because nothing in a bare share says who
 * made it. Mallory, sitting on the wire, answers Alice with a share of her own and opens a second,
 * separate exchange with Bob. Alice then shares a key with Mallory, Bob shares another key with
 * Mallory, and each exchange is perfectly valid: no check on the shares (RFC 7748's small-order
 * test included) can tell. Mallory decrypts, reads, changes and re-encrypts, and both parties
 * "succeed".
 *
 * The cure is authentication: each side signs its ephemeral share with a long-term identity key
 * the other side already trusts. Here the identity keys are Ed25519 (RFC 8032) and each side has
 * the other's public key pinned in advance, as an SSH client has a server's host key in
 * known_hosts; in TLS the server's key comes in a certificate a trusted CA signed (notebook 04).
 * Mallory can swap the share but not make Alice's signature cover it: she lacks Alice's private
 * key, and a signature under her own key does not verify under Alice's. Real protocols sign more
 * than the share: TLS 1.3's CertificateVerify signs a hash of the whole handshake transcript so
 * far, both shares and both random nonces included (RFC 8446 §4.4.3), so an old signed share
 * cannot be replayed into a new handshake either.
 *
 * Part 1 runs the attack; part 2 runs the signed exchange three ways: without Mallory, with
 * Mallory swapping the share and forwarding Alice's signature, and with Mallory signing her share
 * with her own key. The keys are fresh on every run, so the fingerprints differ from run to run;
 * which ones are equal does not.
 *
 * Run: prep demo crypto man-in-the-middle
 */
public final class ManInTheMiddleDemo {

  static final String ORDER = "Pay 100 EUR to Bob, account 5407 3249 31";
  static final String ALTERED = "Pay 100 EUR to Bob, account 0532 0130 00";
  static final String REPLY = "Paid. Thanks, Alice.";

  /** What part 1 showed; fingerprints are of the AES keys each side derived. */
  record Unauthenticated(
      String aliceKey,
      String bobKey,
      String malloryWithAlice,
      String malloryWithBob,
      String malloryRead,
      String bobReceived,
      String aliceReceived) {}

  /** What Mallory does to the signed exchange in part 2. */
  enum Attack {
    NONE("no Mallory: the shares arrive as sent"),
    SWAP_SHARE("Mallory swaps in her share and forwards Alice's signature"),
    SIGN_OWN_SHARE("Mallory swaps in her share, signed with her own Ed25519 key");

    final String description;

    Attack(String description) {
      this.description = description;
    }
  }

  /** What one run of part 2 showed. */
  record Authenticated(
      Attack attack,
      boolean bobVerified,
      boolean aliceVerified,
      boolean completed,
      String aliceKey,
      String bobKey,
      String bobReceived,
      boolean malloryCouldOpen) {}

  private ManInTheMiddleDemo() {}

  public static void main(String[] args) throws GeneralSecurityException {
    PrintStream out = System.out;
    out.println(
        "== A man in the middle of an X25519 key exchange, and signed shares that stop it ==");
    out.println("Watch: unauthenticated, Mallory ends with one key per victim and rewrites a");
    out.println("       message; signed, her share fails Bob's check and the handshake stops.");
    out.println("Machine: " + Machine.describe());
    out.println();
    unauthenticated(out);
    out.println();

    KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
    KeyPair aliceId = ed25519.generateKeyPair();
    KeyPair bobId = ed25519.generateKeyPair();
    KeyPair malloryId = ed25519.generateKeyPair();
    out.println("Part 2: each share signed with a long-term Ed25519 identity key");
    out.println("  Alice and Bob know each other's identity public key in advance (pinned, like");
    out.println("  SSH's known_hosts; in TLS a certificate carries it). Mallory has her own.");
    for (Attack attack : Attack.values()) {
      out.println();
      authenticated(attack, aliceId, bobId, malloryId, out);
    }
    out.println();
    out.println("You just saw: a bare Diffie-Hellman exchange gives each side a key shared with");
    out.println(
        "someone, not with whom; only a signature under a key the peer already trusts says who.");
  }

  /** Part 1: Mallory runs one X25519 exchange with Alice and another with Bob. */
  static Unauthenticated unauthenticated(PrintStream out) throws GeneralSecurityException {
    X25519Share alice = X25519Share.generate();
    X25519Share bob = X25519Share.generate();
    X25519Share malloryForAlice = X25519Share.generate();
    X25519Share malloryForBob = X25519Share.generate();

    out.println("Part 1: ephemeral X25519, nothing authenticated (shares are 32 bytes, RFC 7748)");
    byte[] a = alice.share();
    out.printf("  1. Alice   -> wire    A  = %s%n", X25519Share.abbreviate(a, 8));
    out.printf(
        "     Mallory keeps A and sends Bob her own M2 = %s%n",
        X25519Share.abbreviate(malloryForBob.share(), 8));
    byte[] b = bob.share();
    out.printf("  2. Bob     -> wire    B  = %s%n", X25519Share.abbreviate(b, 8));
    out.printf(
        "     Mallory keeps B and sends Alice her own M1 = %s%n",
        X25519Share.abbreviate(malloryForAlice.share(), 8));

    SessionKey aliceKey = alice.agree(malloryForAlice.share()); // Alice thinks M1 is Bob's
    SessionKey bobKey = bob.agree(malloryForBob.share()); // Bob thinks M2 is Alice's
    SessionKey withAlice = malloryForAlice.agree(a);
    SessionKey withBob = malloryForBob.agree(b);
    out.println(
        "  3. Everyone computes X25519(own private key, share received) -> SHA-256 -> AES key:");
    String row = "     %-30s %s%n";
    out.printf(row, "key", "fingerprint");
    out.printf(row, "Alice (with \"Bob\")", aliceKey.fingerprint());
    out.printf(row, "Mallory (with Alice)", withAlice.fingerprint());
    out.printf(row, "Bob (with \"Alice\")", bobKey.fingerprint());
    out.printf(row, "Mallory (with Bob)", withBob.fingerprint());
    out.printf(
        "     Alice's key = Bob's? %s. Alice's = Mallory's first? %s. Bob's = Mallory's second? %s.%n",
        yesNo(aliceKey.fingerprint().equals(bobKey.fingerprint())),
        yesNo(aliceKey.fingerprint().equals(withAlice.fingerprint())),
        yesNo(bobKey.fingerprint().equals(withBob.fingerprint())));

    Sealed order = aliceKey.seal("Alice", ORDER);
    out.printf("  4. Alice seals          \"%s\"%n", ORDER);
    String read = withAlice.open(order);
    out.printf("     Mallory opens it:    \"%s\"%n", read);
    String altered = read.replace("5407 3249 31", "0532 0130 00");
    out.printf("     and re-seals for Bob \"%s\"%n", altered);
    String bobReceived = bobKey.open(withBob.seal("Alice", altered));
    out.printf("  5. Bob opens it (tag valid): \"%s\"%n", bobReceived);
    String replyRead = withBob.open(bobKey.seal("Bob", REPLY));
    String aliceReceived = aliceKey.open(withAlice.seal("Bob", replyRead));
    out.printf("  6. Bob replies \"%s\"; Mallory reads it, re-seals it; Alice opens it.%n", REPLY);
    out.println(
        "  Both handshakes succeeded and every tag was valid: neither side can tell Mallory is"
            + " there.");
    return new Unauthenticated(
        aliceKey.fingerprint(),
        bobKey.fingerprint(),
        withAlice.fingerprint(),
        withBob.fingerprint(),
        read,
        bobReceived,
        aliceReceived);
  }

  /** Part 2: the same exchange with signed shares, under {@code attack}. */
  static Authenticated authenticated(
      Attack attack, KeyPair aliceId, KeyPair bobId, KeyPair malloryId, PrintStream out)
      throws GeneralSecurityException {
    X25519Share alice = X25519Share.generate();
    X25519Share bob = X25519Share.generate();
    X25519Share mallory = X25519Share.generate();
    out.println("  " + attack.name() + ": " + attack.description);

    byte[] a = alice.share();
    byte[] aliceSignature = sign(aliceId.getPrivate(), "Alice", a);
    out.printf(
        "    Alice -> wire   A = %s  sig = %s (64 B)%n",
        X25519Share.abbreviate(a, 6), X25519Share.abbreviate(aliceSignature, 6));
    byte[] shareBobGets = a;
    byte[] signatureBobGets = aliceSignature;
    if (attack != Attack.NONE) {
      shareBobGets = mallory.share();
      signatureBobGets =
          attack == Attack.SWAP_SHARE
              ? aliceSignature
              : sign(malloryId.getPrivate(), "Alice", shareBobGets);
      out.printf(
          "    Bob receives    M = %s  sig = %s%n",
          X25519Share.abbreviate(shareBobGets, 6), X25519Share.abbreviate(signatureBobGets, 6));
      if (attack == Attack.SIGN_OWN_SHARE) {
        out.printf(
            "    (that signature verifies under Mallory's own key: %s)%n",
            yesNo(verify(malloryId.getPublic(), "Alice", shareBobGets, signatureBobGets)));
      }
    }
    boolean bobVerified = verify(aliceId.getPublic(), "Alice", shareBobGets, signatureBobGets);
    out.printf(
        "    Bob verifies the signature with Alice's known public key: %s%n",
        bobVerified ? "valid" : "INVALID -> Bob aborts the handshake");
    if (!bobVerified) {
      return new Authenticated(attack, false, false, false, "", "", "", false);
    }

    byte[] b = bob.share();
    byte[] bobSignature = sign(bobId.getPrivate(), "Bob", b);
    out.printf(
        "    Bob   -> wire   B = %s  sig = %s (64 B)%n",
        X25519Share.abbreviate(b, 6), X25519Share.abbreviate(bobSignature, 6));
    boolean aliceVerified = verify(bobId.getPublic(), "Bob", b, bobSignature);
    out.printf(
        "    Alice verifies the signature with Bob's known public key: %s%n",
        aliceVerified ? "valid" : "INVALID -> Alice aborts the handshake");
    SessionKey aliceKey = alice.agree(b);
    SessionKey bobKey = bob.agree(shareBobGets);
    Sealed order = aliceKey.seal("Alice", ORDER);
    String bobReceived = bobKey.open(order);
    boolean malloryCouldOpen;
    try {
      mallory.agree(a).open(order); // her best guess: a key from her own private key and A
      malloryCouldOpen = true;
    } catch (GeneralSecurityException e) {
      malloryCouldOpen = false;
    }
    out.printf(
        "    keys: Alice %s, Bob %s (%s)%n",
        aliceKey.fingerprint(),
        bobKey.fingerprint(),
        aliceKey.fingerprint().equals(bobKey.fingerprint()) ? "equal" : "DIFFERENT");
    out.printf("    Bob opens Alice's message: \"%s\"%n", bobReceived);
    out.printf(
        "    Mallory, watching the wire, tries X25519(her key, A) on it: %s%n",
        malloryCouldOpen ? "opened (unexpected)" : "tag mismatch, she reads nothing");
    return new Authenticated(
        attack,
        true,
        aliceVerified,
        aliceVerified,
        aliceKey.fingerprint(),
        bobKey.fingerprint(),
        bobReceived,
        malloryCouldOpen);
  }

  /**
   * An Ed25519 signature over a label naming the sender and the share: the label keeps a share Bob
   * signed from passing as one Alice signed.
   */
  private static byte[] sign(PrivateKey key, String sender, byte[] share)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(signed(sender, share));
    return signer.sign();
  }

  private static boolean verify(PublicKey key, String sender, byte[] share, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(signed(sender, share));
    return verifier.verify(signature);
  }

  private static byte[] signed(String sender, byte[] share) {
    byte[] label = ("prep demo: X25519 share of " + sender + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[label.length + share.length];
    System.arraycopy(label, 0, message, 0, label.length);
    System.arraycopy(share, 0, message, label.length, share.length);
    return message;
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
