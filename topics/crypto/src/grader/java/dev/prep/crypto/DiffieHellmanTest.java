package dev.prep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.crypto.dh.Conversation;
import dev.prep.crypto.dh.Conversation.Line;
import dev.prep.crypto.dh.Conversation.Transcript;
import dev.prep.crypto.dh.DhGroup;
import dev.prep.crypto.dh.Message;
import dev.prep.crypto.dh.NaiveParty;
import dev.prep.crypto.dh.Relay;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grader for {@code crypto/diffie-hellman}. Task 1: the learner's {@link DiffieHellman} on the
 * textbook group (p = 23, g = 5) and on the 2048-bit MODP group of RFC 3526 §3 against the JDK's
 * {@code KeyAgreement("DH")}, with random keys from the {@link SecureRandom} it is given. Task 2:
 * the learner's {@link KeyFixingAttack} between two {@link NaiveParty}s (they check nothing), in a
 * {@link Conversation}. Task 3: the learner's party validates the peer's public value (NIST SP
 * 800-56A Rev. 3 §5.6.2.3), and the same attack, run by this grader, now ends at Bob's first check.
 *
 * <p>Task 2 is graded against the course's naive parties, not the learner's, so finishing task 3
 * never breaks task 2; task 3's attack is this grader's own relay, so a broken task 2 never makes
 * task 3 look right. Every exponentiation mod the 2048-bit p costs about 50 ms in a C1-only JVM, so
 * the 2048-bit tests keep to a handful each.
 */
@DisplayName(
    "diffie-hellman: a DH party, the key-fixing man in the middle, and the checks that stop it")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DiffieHellmanTest {

  private static final DhGroup TOY = DhGroup.TOY;
  private static final DhGroup TOY_SUBGROUP = DhGroup.TOY_SUBGROUP;
  private static final DhGroup MODP = DhGroup.MODP_2048;

  private static final List<Line> SCRIPT =
      List.of(
          new Line("Alice", "Meet me at the north gate at seven."),
          new Line("Bob", "Agreed. The vault code is 4471."),
          new Line("Alice", "Bring the ledger, and tell nobody."),
          new Line("Bob", "See you there."));

  // ---------------------------------------------------------------------------------------------
  // Task 1: a Diffie-Hellman party
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:1")
  @DisplayName(
      "textbook vector: p = 23, g = 5, a = 6, b = 15 gives A = 8, B = 19 and s = 2 both ways")
  void textbookVector() {
    var alice = new DiffieHellman(TOY, BigInteger.valueOf(6));
    var bob = new DiffieHellman(TOY, BigInteger.valueOf(15));
    assertThat(alice.group()).as("alice.group(): the group it was built with").isEqualTo(TOY);
    assertThat(alice.publicValue())
        .as("Alice's publicValue() with a = 6: 5^6 = 15625 = 679 * 23 + 8, so 8 (g^a mod p)")
        .isEqualTo(BigInteger.valueOf(8));
    assertThat(bob.publicValue())
        .as("Bob's publicValue() with b = 15: 5^15 mod 23 = 19")
        .isEqualTo(BigInteger.valueOf(19));
    assertThat(secret(alice, BigInteger.valueOf(19), TOY))
        .as("Alice's sharedSecret(B = 19): 19^6 mod 23 = 2 (peerPublic^a mod p)")
        .isEqualTo(BigInteger.TWO);
    assertThat(secret(bob, BigInteger.valueOf(8), TOY))
        .as("Bob's sharedSecret(A = 8): 8^15 mod 23 = 2, the same secret g^(ab) as Alice's")
        .isEqualTo(BigInteger.TWO);
  }

  @Test
  @Tag("task:1")
  @DisplayName("p = 23, g = 5: every private key 1..21 gives 5^a mod 23, and every pair agrees")
  void toyTable() {
    BigInteger p = TOY.p();
    List<BigInteger> powers = new ArrayList<>(); // powers.get(a) = 5^a mod 23, by multiplication
    BigInteger power = BigInteger.ONE;
    for (int a = 0; a <= 21; a++) {
      powers.add(power);
      power = power.multiply(TOY.g()).mod(p);
    }
    for (int a = 1; a <= 21; a++) {
      assertThat(new DiffieHellman(TOY, BigInteger.valueOf(a)).publicValue())
          .as("publicValue() for a = %d in p = 23, g = 5: 5^%d mod 23", a, a)
          .isEqualTo(powers.get(a));
    }
    for (int a = 1; a <= 21; a++) {
      for (int b = 1; b <= 21; b++) {
        if (a == 11 || b == 11) {
          continue; // 5^11 = 22 = p - 1, a value task 3 rightly rejects
        }
        BigInteger expected = powers.get(a * b % 22); // 5^22 = 1 (Fermat), so exponents are mod 22
        var alice = new DiffieHellman(TOY, BigInteger.valueOf(a));
        assertThat(secret(alice, powers.get(b), TOY))
            .as(
                "sharedSecret(B = %s) for a = %d, b = %d: B^a = 5^(ab) = 5^%d mod 23",
                powers.get(b), a, b, a * b % 22)
            .isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          TOY a = 0: g^0 = 1 for every g           | TOY          | 0   | false
          TOY a = -1: exponents are 1 or more      | TOY          | -1  | false
          TOY a = 22 = p - 1: 5^22 = 1 (Fermat)    | TOY          | 22  | false
          TOY a = 1: the smallest key              | TOY          | 1   | true
          TOY a = 21 = p - 2: the largest key      | TOY          | 21  | true
          TOY_SUBGROUP a = 11 = q: 4^11 = 1        | TOY_SUBGROUP | 11  | false
          TOY_SUBGROUP a = 12 > q - 1              | TOY_SUBGROUP | 12  | false
          TOY_SUBGROUP a = 10 = q - 1: the largest | TOY_SUBGROUP | 10  | true
          """)
  @Tag("task:1")
  @DisplayName("the constructor takes private keys in [1, group.maxPrivateKey()] and no others")
  void constructorRange(String why, String groupName, int key, boolean accepted) {
    DhGroup group = group(groupName);
    BigInteger a = BigInteger.valueOf(key);
    if (accepted) {
      assertThat(new DiffieHellman(group, a).publicValue())
          .as("publicValue() for %s (%s): g^a mod p", why, group)
          .isEqualTo(group.g().modPow(a, group.p()));
    } else {
      assertRejects(
          () -> {
            new DiffieHellman(group, a);
            return "a party";
          },
          "new DiffieHellman(%s, %d) must throw IllegalArgumentException (%s): valid keys are 1..%s",
          groupName,
          key,
          why,
          group.maxPrivateKey());
    }
  }

  @Test
  @Tag("task:1")
  @DisplayName(
      "2048-bit MODP group 14 (RFC 3526 §3): the same public value and secret as the JDK's"
          + " KeyAgreement(\"DH\")")
  void agreesWithJdk() throws GeneralSecurityException {
    var params = new DHParameterSpec(MODP.p(), MODP.g());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
    generator.initialize(params);
    KeyPair jdkBob = generator.generateKeyPair();
    BigInteger xBob = ((DHPrivateKey) jdkBob.getPrivate()).getX();
    BigInteger yBob = ((DHPublicKey) jdkBob.getPublic()).getY();

    assertThat(new DiffieHellman(MODP, xBob).publicValue())
        .as(
            "publicValue() for the JDK's private key x = %s: the JDK's public key y = 2^x mod p",
            MODP.describe(xBob))
        .isEqualTo(yBob);

    BigInteger xAlice = new BigInteger(2040, seeded("alice in MODP-2048"));
    var alice = new DiffieHellman(MODP, xAlice);
    BigInteger yAlice = alice.publicValue();
    assertThat(yAlice)
        .as("publicValue() for a 2040-bit private key: 2^a mod p, in [2, p - 2]")
        .isGreaterThan(BigInteger.ONE)
        .isLessThan(MODP.p().subtract(BigInteger.ONE));

    KeyFactory factory = KeyFactory.getInstance("DH");
    KeyAgreement agreement = KeyAgreement.getInstance("DH");
    agreement.init(factory.generatePrivate(new DHPrivateKeySpec(xBob, MODP.p(), MODP.g())));
    agreement.doPhase(
        factory.generatePublic(new DHPublicKeySpec(yAlice, MODP.p(), MODP.g())), true);
    byte[] jdkSecret = agreement.generateSecret(); // p's length, big-endian, zero-padded
    BigInteger expected = new BigInteger(1, jdkSecret);

    assertThat(secret(alice, yBob, MODP))
        .as(
            "Alice's sharedSecret(the JDK's public key): the JDK's KeyAgreement computed %s from"
                + " the other side (its %d bytes read as an unsigned big-endian number)",
            MODP.describe(expected), jdkSecret.length)
        .isEqualTo(expected);
  }

  @Test
  @Tag("task:1")
  @DisplayName(
      "random private keys come only from the SecureRandom given, cover [1, max] and stay in it")
  void randomKeys() {
    BigInteger first = new DiffieHellman(MODP, seeded("same seed")).publicValue();
    BigInteger again = new DiffieHellman(MODP, seeded("same seed")).publicValue();
    assertThat(MODP.describe(again))
        .as(
            "the public values of two parties whose SecureRandoms were seeded alike: draw the"
                + " private key from the SecureRandom you were given, not from a new one")
        .isEqualTo(MODP.describe(first));
    assertThat(first.bitLength())
        .as(
            "bit length of a random public value 2^a mod p in the 2048-bit group, %s: a key drawn"
                + " from all of [1, q - 1] makes it about 2048 bits; a few hundred or less means a"
                + " tiny private key (an int or a long?)",
            MODP.describe(first))
        .isGreaterThan(1024);
    assertThat(new DiffieHellman(MODP, seeded("another seed")).publicValue())
        .as("the public value for a differently seeded SecureRandom")
        .isNotEqualTo(first);

    coverage(TOY, 400, "p - 2 = 21");
    coverage(TOY_SUBGROUP, 200, "q - 1 = 10");
  }

  /** {@code draws} random parties from one seeded generator must show every g^a, a in [1, max]. */
  private static void coverage(DhGroup group, int draws, String max) {
    Set<BigInteger> expected = new TreeSet<>();
    for (int a = 1; a <= group.maxPrivateKey().intValueExact(); a++) {
      expected.add(group.g().modPow(BigInteger.valueOf(a), group.p()));
    }
    SecureRandom random = seeded("coverage " + group);
    Set<BigInteger> seen = new TreeSet<>();
    for (int i = 0; i < draws; i++) {
      seen.add(new DiffieHellman(group, random).publicValue());
    }
    assertThat(seen)
        .as(
            "public values of %d random parties in %s: g^a for a in [1, %s] (those are %s). A 1"
                + " means a private key of 0 or a multiple of g's order slipped through; a missing"
                + " value means some keys in [1, %s] are never drawn",
            draws, group, max, expected, max)
        .isEqualTo(expected);
  }

  @Test
  @Tag("task:1")
  @DisplayName("DiffieHellman never uses java.util.Random, ThreadLocalRandom or Math.random")
  void noPredictableRandom() throws IOException {
    assertThat(new DiffieHellman(TOY, seeded("habit")).publicValue())
        .as("a random party's public value in p = 23")
        .isBetween(BigInteger.TWO, BigInteger.valueOf(22));
    ClassModel model;
    try (InputStream in =
        DiffieHellman.class
            .getClassLoader()
            .getResourceAsStream("dev/prep/crypto/DiffieHellman.class")) {
      if (in == null) {
        fail("could not read DiffieHellman.class to check which random generators it uses");
      }
      model = ClassFile.of().parse(in.readAllBytes());
    }
    Set<String> forbidden = new TreeSet<>();
    for (PoolEntry entry : model.constantPool()) {
      if (entry instanceof ClassEntry type) {
        String name = type.asInternalName();
        if (name.equals("java/util/Random")
            || name.equals("java/util/concurrent/ThreadLocalRandom")
            || name.equals("java/util/SplittableRandom")) {
          forbidden.add(name.replace('/', '.'));
        }
      } else if (entry instanceof MemberRefEntry member
          && member.owner().asInternalName().equals("java/lang/Math")
          && member.name().stringValue().equals("random")) {
        forbidden.add("java.lang.Math.random()");
      }
    }
    assertThat(forbidden)
        .as(
            "predictable generators DiffieHellman refers to: their output (48 bits of state for"
                + " java.util.Random) gives the private key away; use only the SecureRandom passed"
                + " in")
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Task 2: the key-fixing attack on naive parties
  // ---------------------------------------------------------------------------------------------

  /** A conversation between two naive parties with the learner's Mallory in the middle. */
  private record AttackRun(
      DhGroup group,
      Transcript transcript,
      KeyFixingAttack mallory,
      List<Message> sent,
      List<Message> delivered) {}

  private static AttackRun attack(DhGroup group) throws GeneralSecurityException {
    var mallory = new KeyFixingAttack();
    List<Message> sent = new ArrayList<>();
    List<Message> delivered = new ArrayList<>();
    Relay recording =
        message -> {
          sent.add(message);
          Message out;
          try {
            out = mallory.forward(message);
          } catch (GeneralSecurityException e) {
            throw new AssertionError(
                "Mallory's forward threw "
                    + e
                    + " on message "
                    + sent.size()
                    + " of the conversation (a "
                    + message.getClass().getSimpleName()
                    + "): once both sides received p, both hold s = 0, so the key that opens their"
                    + " messages is SessionKey.fromSecret(BigInteger.ZERO, group); a side that got"
                    + " the real public value instead of p holds a secret Mallory cannot know",
                e);
          }
          delivered.add(out);
          return out;
        };
    Transcript transcript =
        Conversation.run(
            group,
            g -> new NaiveParty(g, seeded("alice " + g)),
            g -> new NaiveParty(g, seeded("bob " + g)),
            recording,
            SCRIPT);
    return new AttackRun(group, transcript, mallory, sent, delivered);
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @ValueSource(strings = {"TOY", "MODP_2048"})
  @Tag("task:2")
  @DisplayName("key fixing: Bob receives p instead of A, Alice receives p instead of B")
  void substitutesP(String groupName) throws GeneralSecurityException {
    AttackRun run = attack(group(groupName));
    Transcript t = run.transcript();
    assertThat(t.bobReceived())
        .as(
            "the public value Bob received as Alice's (she sent A = %s): Mallory must put p = %s"
                + " in the Hello instead, so Bob computes p^b mod p = 0",
            run.group().describe(t.aliceSent()), run.group().describe(run.group().p()))
        .isEqualTo(run.group().p());
    assertThat(run.delivered().getFirst())
        .as("the Hello Bob received: same group as Alice's, only the public value replaced")
        .isInstanceOfSatisfying(
            Message.Hello.class, hello -> assertThat(hello.group()).isEqualTo(run.group()));
    assertThat(t.aliceReceived())
        .as(
            "the public value Alice received as Bob's (he sent B = %s): Mallory must put p in the"
                + " Reply too, or Alice computes B^a, a secret Mallory cannot know",
            run.group().describe(t.bobSent()))
        .isEqualTo(run.group().p());
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @ValueSource(strings = {"TOY", "MODP_2048"})
  @Tag("task:2")
  @DisplayName("key fixing: both sides compute s = 0, every message arrives intact, nobody notices")
  void partiesNoticeNothing(String groupName) throws GeneralSecurityException {
    AttackRun run = attack(group(groupName));
    Transcript t = run.transcript();
    assertThat(t.noticed())
        .as("what Alice or Bob noticed: nothing, if Mallory replaced both values with p")
        .isEmpty();
    assertThat(List.of(t.aliceSecret(), t.bobSecret()))
        .as("the secrets Alice and Bob computed: p^a = p^b = 0 mod p")
        .containsExactly(BigInteger.ZERO, BigInteger.ZERO);
    assertThat(t.delivered())
        .as("the lines Alice and Bob decrypted, in order: exactly the script")
        .isEqualTo(SCRIPT);
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @ValueSource(strings = {"TOY", "MODP_2048"})
  @Tag("task:2")
  @DisplayName("key fixing: Mallory reads every message in order and passes each on byte for byte")
  void malloryReadsEverything(String groupName) throws GeneralSecurityException {
    AttackRun run = attack(group(groupName));
    assertThat(run.mallory().recovered())
        .as(
            "mallory.recovered() after the conversation: every plaintext, both directions, in the"
                + " order the messages passed")
        .isEqualTo(SCRIPT.stream().map(Line::text).toList());
    for (int i = 2; i < run.sent().size(); i++) {
      var in = (Message.Sealed) run.sent().get(i);
      var out = (Message.Sealed) run.delivered().get(i);
      assertThat(out.from() + " " + hex(out.nonce()) + " " + hex(out.ciphertext()))
          .as(
              "sealed message %d as delivered (from, nonce, ciphertext): a passive reader returns"
                  + " exactly what was sent",
              i - 1)
          .isEqualTo(in.from() + " " + hex(in.nonce()) + " " + hex(in.ciphertext()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 3: validate the peer's public value
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}, y = {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          TOY       | 0     | 0^a = 0 for every a: the secret is fixed
          TOY       | 1     | 1^a = 1 for every a: the secret is fixed
          TOY       | p - 1 | (p - 1)^a = (-1)^a is 1 or p - 1: one bit of a, a guessable secret
          TOY       | p     | p = 0 mod p, so p^a = 0: the key-fixing attack
          TOY       | p + 1 | p + 1 = 1 mod p; no honest value is p or more
          TOY       | -1    | no honest public value is negative
          MODP_2048 | 0     | 0^a = 0 for every a: the secret is fixed
          MODP_2048 | 1     | 1^a = 1 for every a: the secret is fixed
          MODP_2048 | p - 1 | (p - 1)^a = (-1)^a is 1 or p - 1: one bit of a, a guessable secret
          MODP_2048 | p     | p = 0 mod p, so p^a = 0: the key-fixing attack
          MODP_2048 | p + 1 | p + 1 = 1 mod p; no honest value is p or more
          """)
  @Tag("task:3")
  @DisplayName("sharedSecret rejects values outside 1 < y < p - 1 with IllegalArgumentException")
  void rejectsOutOfRange(String groupName, String value, String why) {
    DhGroup group = group(groupName);
    var party = new DiffieHellman(group, BigInteger.valueOf(6));
    BigInteger y = value(group, value);
    assertRejects(
        () -> group.describe(party.sharedSecret(y)),
        "sharedSecret(%s) in %s must throw IllegalArgumentException: %s. Check 1 < y < p - 1"
            + " before computing anything",
        value,
        group,
        why);
  }

  @ParameterizedTest(name = "{0}, y = {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          TOY_SUBGROUP | 5     | 5^11 mod 23 = 22, not 1: 5 is not a square mod 23, so not in <4>
          TOY_SUBGROUP | 7     | 7^11 mod 23 = 22, not 1: outside the subgroup of order 11
          TOY_SUBGROUP | 21    | 21^11 mod 23 = 22, not 1: outside the subgroup of order 11
          MODP_2048    | p - 2 | (p - 2)^q = (-2)^q = -1 mod p: -2 is not a square, so not in <2>
          """)
  @Tag("task:3")
  @DisplayName("with a declared subgroup order q, sharedSecret also rejects y unless y^q mod p = 1")
  void rejectsOutsideSubgroup(String groupName, String value, String why) {
    DhGroup group = group(groupName);
    var party = new DiffieHellman(group, BigInteger.valueOf(3));
    BigInteger y = value(group, value);
    assertRejects(
        () -> group.describe(party.sharedSecret(y)),
        "sharedSecret(%s) in %s must throw IllegalArgumentException: %s. The group declares"
            + " q = %s (group.subgroupOrder()), so also check y^q mod p == 1",
        value,
        group,
        why,
        group.describe(group.subgroupOrder().orElseThrow()));
  }

  @ParameterizedTest(name = "{0}, y = {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          TOY          | 19 | no q declared (5 generates all 22 residues): only the range check
          TOY          | 5  | no q declared (5 generates all 22 residues): only the range check
          TOY_SUBGROUP | 2  | 2^11 mod 23 = 1: a square, inside the subgroup of order 11
          TOY_SUBGROUP | 18 | 18^11 mod 23 = 1: inside the subgroup of order 11
          MODP_2048    | 4  | 4 = 2^2 is in the subgroup 2 generates
          """)
  @Tag("task:3")
  @DisplayName("sharedSecret still accepts every honest value, and computes y^a mod p for it")
  void acceptsHonestValues(String groupName, String value, String why) {
    DhGroup group = group(groupName);
    BigInteger a = BigInteger.valueOf(6);
    var party = new DiffieHellman(group, a);
    BigInteger y = value(group, value);
    assertThat(secret(party, y, group))
        .as("sharedSecret(%s) with a = 6 in %s (%s): %s^6 mod p", value, group, why, value)
        .isEqualTo(y.modPow(a, group.p()));
  }

  @ParameterizedTest(name = "{0}: Mallory sends {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          TOY_SUBGROUP | p
          TOY_SUBGROUP | 0
          TOY_SUBGROUP | 1
          TOY_SUBGROUP | p - 1
          MODP_2048    | p
          """)
  @Tag("task:3")
  @DisplayName(
      "key fixing against validated parties: Bob rejects the fixed value, no message is sent")
  void attackStopped(String groupName, String fixed) throws GeneralSecurityException {
    DhGroup group = group(groupName);
    BigInteger y = value(group, fixed);
    Relay fixer =
        message ->
            switch (message) {
              case Message.Hello hello -> new Message.Hello(hello.group(), y);
              case Message.Reply _ -> new Message.Reply(y);
              case Message.Sealed sealed -> sealed;
            };
    Transcript t = validatedConversation(group, fixer);
    assertThat(t.noticed())
        .as(
            "what the parties noticed when Mallory replaced A with %s: Bob's sharedSecret must"
                + " throw IllegalArgumentException, which ends the conversation",
            fixed)
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("Bob rejected"));
    assertThat(t.delivered()).as("messages delivered after the exchange failed").isEmpty();
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @ValueSource(strings = {"TOY_SUBGROUP", "MODP_2048"})
  @Tag("task:3")
  @DisplayName("an honest conversation between two validating parties still completes")
  void honestConversation(String groupName) throws GeneralSecurityException {
    DhGroup group = group(groupName);
    Transcript t = validatedConversation(group, Relay.honest());
    assertThat(t.noticed())
        .as(
            "what the parties noticed on an honest network: nothing; the checks reject no honest value")
        .isEmpty();
    assertThat(t.aliceSecret())
        .as("Alice's secret, equal to Bob's %s", group.describe(t.bobSecret()))
        .isEqualTo(t.bobSecret());
    assertThat(t.delivered()).as("the lines Alice and Bob decrypted").isEqualTo(SCRIPT);
  }

  private static Transcript validatedConversation(DhGroup group, Relay wire)
      throws GeneralSecurityException {
    return Conversation.run(
        group,
        g -> new DiffieHellman(g, seeded("validated alice " + g)),
        g -> new DiffieHellman(g, seeded("validated bob " + g)),
        wire,
        SCRIPT);
  }

  // ---------------------------------------------------------------------------------------------

  /** The code under test, returning what it computed (for the failure message). */
  @FunctionalInterface
  private interface Call {
    Object run();
  }

  /**
   * Fails unless {@code call} throws IllegalArgumentException; says what it did instead. An
   * UnsupportedOperationException (a TODO) is rethrown, so the report says "not implemented yet".
   */
  private static void assertRejects(Call call, String expectation, Object... args) {
    Object returned;
    try {
      returned = call.run();
    } catch (IllegalArgumentException expected) {
      return;
    } catch (UnsupportedOperationException todo) {
      throw todo;
    } catch (RuntimeException other) {
      throw new AssertionError(expectation.formatted(args) + "; it threw " + other, other);
    }
    throw new AssertionError(
        expectation.formatted(args) + "; it returned " + returned + " instead");
  }

  /** party.sharedSecret(y), failing with a task-3 hint if an honest value is rejected. */
  private static BigInteger secret(DiffieHellman party, BigInteger y, DhGroup group) {
    try {
      return party.sharedSecret(y);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          "sharedSecret("
              + group.describe(y)
              + ") in "
              + group
              + " threw "
              + e
              + ", but "
              + group.describe(y)
              + " is an honest public value here: reject only y <= 1 or y >= p - 1, and check"
              + " y^q mod p == 1 only when group.subgroupOrder() is present"
              + (group.subgroupOrder().isEmpty()
                  ? " (it is empty for this group: g generates every residue)"
                  : ""),
          e);
    }
  }

  private static DhGroup group(String name) {
    return switch (name) {
      case "TOY" -> TOY;
      case "TOY_SUBGROUP" -> TOY_SUBGROUP;
      case "MODP_2048" -> MODP;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** "p", "p - 1", "p + 1", "p - 2" or a decimal number. */
  private static BigInteger value(DhGroup group, String expression) {
    String e = expression.replace(" ", "");
    if (e.startsWith("p")) {
      return group.p().add(e.length() == 1 ? BigInteger.ZERO : new BigInteger(e.substring(1)));
    }
    return new BigInteger(e);
  }

  /** A SecureRandom that gives the same bytes for the same seed (SHA1PRNG seeded before use). */
  private static SecureRandom seeded(String seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA1PRNG is in every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
