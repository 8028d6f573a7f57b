package dev.prep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code crypto/textbook-rsa}.
 *
 * <p>Three sources of truth: the classic toy key p = 61, q = 53, e = 17 (n = 3233, λ(n) = 780, d =
 * 413), small enough to check every one of its 3233 ciphertexts; a 64-bit key with e = 65537; and a
 * 2048-bit key from the JDK's own {@code KeyPairGenerator}, whose {@code RSAPrivateCrtKey} holds
 * the n, d, dP, dQ and qInv the learner must reproduce and whose {@code RSA/ECB/NoPadding} cipher
 * is the raw RSA primitive itself (RSAEP with the public key; RSADP, or RSASP1, with the private
 * key). The JDK key comes from a seeded {@code SHA1PRNG}, so every run grades the same key,
 * generated once for the class. The grading JVM runs C1 only, where one 2048-bit exponentiation
 * with d takes tens of milliseconds: the tests on that key use a handful of messages.
 */
@DisplayName("textbook-rsa: keys from two primes, RSAEP/RSADP, CRT decryption, raw signatures")
class TextbookRsaTest {

  private static final BigInteger P = BigInteger.valueOf(61);
  private static final BigInteger Q = BigInteger.valueOf(53);
  private static final BigInteger E = BigInteger.valueOf(17);
  private static final BigInteger N = BigInteger.valueOf(3233);
  private static final BigInteger D = BigInteger.valueOf(413);
  private static final BigInteger F4 = BigInteger.valueOf(65537);

  /** The JDK-generated 2048-bit key: the reference for n, d and the CRT values. */
  private static RSAPrivateCrtKey jdkPrivate;

  private static RSAPublicKey jdkPublic;

  @BeforeAll
  static void generateJdkKey() throws GeneralSecurityException {
    // A seeded SHA1PRNG is deterministic: the same key on every run. Only for a test, never for a
    // real key, which needs a SecureRandom seeded by the operating system.
    SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
    seeded.setSeed(2);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, seeded);
    KeyPair pair = generator.generateKeyPair();
    jdkPrivate = (RSAPrivateCrtKey) pair.getPrivate();
    jdkPublic = (RSAPublicKey) pair.getPublic();
  }

  private static TextbookRsa toy() {
    return TextbookRsa.fromPrimes(P, Q, E);
  }

  private static TextbookRsa fromJdkKey() {
    return TextbookRsa.fromPrimes(
        jdkPrivate.getPrimeP(), jdkPrivate.getPrimeQ(), jdkPrivate.getPublicExponent());
  }

  // ---------------------------------------------------------------------------------------------
  // Task 1: the key

  @Test
  @Tag("task:1")
  @DisplayName("p = 61, q = 53, e = 17 gives n = 3233 and d = 413 = 17⁻¹ mod λ(n), λ(n) = 780")
  void toyKey() {
    TextbookRsa rsa = toy();
    assertThat(rsa.n()).as("n() for p = 61, q = 53: n = p * q = 3233").isEqualTo(N);
    assertThat(rsa.e()).as("e() for e = 17: the public exponent as given").isEqualTo(E);
    BigInteger phi = BigInteger.valueOf(60 * 52);
    if (rsa.d().equals(E.modInverse(phi))) {
      fail(
          "d() = %s = 17⁻¹ mod φ(n), φ(n) = (p - 1)(q - 1) = 3120. That is valid RSA (RFC 8017"
              + " §3.2), but this class wants d = e⁻¹ mod λ(n) with λ(n) = lcm(p - 1, q - 1) ="
              + " lcm(60, 52) = 780, which gives 413: what FIPS 186-5 and the JDK use. lcm(a, b) ="
              + " a * b / gcd(a, b).",
          rsa.d());
    }
    assertThat(rsa.d())
        .as(
            "d() for p = 61, q = 53, e = 17: expected 413, the d in [1, 780) with 17 * d ≡ 1 (mod"
                + " λ(n) = lcm(60, 52) = 780) — try e.modInverse(lambda)")
        .isEqualTo(D);
  }

  @Test
  @Tag("task:1")
  @DisplayName("e = 65537 with p = 1000000007, q = 998244353: n and d as computed by hand")
  void keyWithF4() {
    BigInteger p = BigInteger.valueOf(1_000_000_007L);
    BigInteger q = BigInteger.valueOf(998_244_353L);
    TextbookRsa rsa = TextbookRsa.fromPrimes(p, q, F4);
    assertThat(rsa.n())
        .as("n() for p = 1000000007, q = 998244353: p * q (BigInteger, no overflow)")
        .isEqualTo(new BigInteger("998244359987710471"));
    assertThat(rsa.e()).as("e()").isEqualTo(F4);
    assertThat(rsa.d())
        .as(
            "d() = 65537⁻¹ mod λ(n), λ(n) = lcm(1000000006, 998244352) = 499122178994733056:"
                + " expected 78519762354634753")
        .isEqualTo(new BigInteger("78519762354634753"));
  }

  @Test
  @Tag("task:1")
  @DisplayName("A 2048-bit JDK key's primes give the JDK's n and d (the JDK uses λ(n) too)")
  void jdkKey() {
    TextbookRsa rsa = fromJdkKey();
    assertThat(rsa.n())
        .as("n() for the JDK key's p and q: expected RSAPrivateCrtKey.getModulus()")
        .isEqualTo(jdkPrivate.getModulus());
    BigInteger p1 = jdkPrivate.getPrimeP().subtract(BigInteger.ONE);
    BigInteger q1 = jdkPrivate.getPrimeQ().subtract(BigInteger.ONE);
    BigInteger dPhi = jdkPrivate.getPublicExponent().modInverse(p1.multiply(q1));
    if (rsa.d().equals(dPhi) && !dPhi.equals(jdkPrivate.getPrivateExponent())) {
      fail(
          "d() is e⁻¹ mod φ(n); the JDK's RSAKeyPairGenerator computes e⁻¹ mod lcm(p - 1, q - 1)"
              + " (here gcd(p - 1, q - 1) = %s, so λ(n) = φ(n) / %s). Use λ(n).",
          p1.gcd(q1), p1.gcd(q1));
    }
    assertThat(rsa.d())
        .as(
            "d() for the JDK key: expected RSAPrivateCrtKey.getPrivateExponent() = %s, got %s",
            brief(jdkPrivate.getPrivateExponent()), brief(rsa.d()))
        .isEqualTo(jdkPrivate.getPrivateExponent());
  }

  @ParameterizedTest(
      name = "p = {0}, q = {1}, e = {2}: rejected, message contains \"{3}\"",
      quoteTextArguments = false)
  @Tag("task:1")
  @DisplayName("fromPrimes rejects a bad key with IllegalArgumentException naming the problem")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          62 | 53 |    17 | prime  | 62 = 2 * 31 is not prime (BigInteger.isProbablePrime)
          61 | 51 |    17 | prime  | q = 51 = 3 * 17 is not prime: check q as well as p
          61 | 61 |    17 | differ | p = q: n = 61² = 3721, whose square root gives the key away
          61 | 53 |     1 | range  | e = 1 is below 3: m^1 = m, encryption would do nothing
          61 | 53 |  3233 | range  | e = n = 3233 is above n - 1 (RFC 8017 §3.1: 3 <= e <= n - 1)
          61 | 53 | 65537 | range  | e = 65537 > n = 3233: check the range before the gcd
          61 | 53 |     3 | gcd    | gcd(3, λ(n) = 780) = 3: 3 has no inverse mod 780
          61 | 53 |     4 | gcd    | gcd(4, 780) = 4: an even e never works, λ(n) is even
          """)
  void rejectsBadKeys(long p, long q, long e, String word, String why) {
    assertThatThrownBy(
            () ->
                TextbookRsa.fromPrimes(
                    BigInteger.valueOf(p), BigInteger.valueOf(q), BigInteger.valueOf(e)),
            "fromPrimes(%d, %d, %d): %s; expected IllegalArgumentException with \"%s\" in its"
                + " message",
            p,
            q,
            e,
            why,
            word)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(word);
  }

  // ---------------------------------------------------------------------------------------------
  // Task 2: encrypt and decrypt

  @ParameterizedTest(name = "encrypt({0}) = {1}, decrypt({1}) = {0}", quoteTextArguments = false)
  @Tag("task:2")
  @DisplayName("Toy key: encrypt(m) = m¹⁷ mod 3233 and decrypt(c) = c⁴¹³ mod 3233")
  @CsvSource(
      textBlock =
          """
             0,    0
             1,    1
             2, 1752
            42, 2557
            65, 2790
          3232, 3232
          """)
  void toyEncryptDecrypt(long m, long c) {
    TextbookRsa rsa = toy();
    BigInteger mm = BigInteger.valueOf(m);
    BigInteger cc = BigInteger.valueOf(c);
    assertThat(rsa.encrypt(mm))
        .as(
            "encrypt(%d) with n = 3233, e = 17: expected %d^17 mod 3233 = %d (m.modPow(e, n))",
            m, m, c)
        .isEqualTo(cc);
    assertThat(rsa.decrypt(cc))
        .as("decrypt(%d) with d = 413: expected %d^413 mod 3233 = %d (c.modPow(d, n))", c, c, m)
        .isEqualTo(mm);
  }

  @Test
  @Tag("task:2")
  @DisplayName(
      "2048-bit key: encrypt matches Cipher RSA/ECB/NoPadding byte for byte; decrypt undoes it")
  void matchesJdkNoPadding() throws GeneralSecurityException {
    TextbookRsa rsa = fromJdkKey();
    int k = modulusBytes();
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    for (BigInteger m : messages(4, 2047)) {
      raw.init(Cipher.ENCRYPT_MODE, jdkPublic);
      byte[] jdk = raw.doFinal(i2osp(m, k)); // always k = 256 bytes: I2OSP pads with zeros
      byte[] mine = i2osp(rsa.encrypt(m), k);
      assertThat(hex(mine))
          .as(
              "encrypt(m) for m = %s, as %d bytes: the JDK's RSA/ECB/NoPadding with the public key"
                  + " computes m^e mod n (RSAEP)",
              brief(m), k)
          .isEqualTo(hex(jdk));
      assertThat(rsa.decrypt(new BigInteger(1, jdk)))
          .as("decrypt of the JDK's ciphertext of m = %s: expected m back (c^d mod n)", brief(m))
          .isEqualTo(m);
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("encrypt and decrypt refuse representatives outside [0, n)")
  void rangeChecks() {
    TextbookRsa rsa = toy();
    BigInteger minusOne = BigInteger.ONE.negate();
    assertThatThrownBy(
            () -> rsa.encrypt(N),
            "encrypt(3233) with n = 3233: modPow would quietly encrypt 3233 mod n = 0, a different"
                + " message; RFC 8017 §5.1.1 says \"message representative out of range\"")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message representative out of range");
    assertThatThrownBy(
            () -> rsa.encrypt(minusOne),
            "encrypt(-1): BigInteger.modPow accepts negative numbers, check m.signum() too")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message representative out of range");
    assertThatThrownBy(
            () -> rsa.decrypt(N.add(BigInteger.valueOf(2790))),
            "decrypt(3233 + 2790): RFC 8017 §5.1.2 says \"ciphertext representative out of range\"")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ciphertext representative out of range");
    assertThatThrownBy(() -> rsa.decrypt(minusOne), "decrypt(-1)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ciphertext representative out of range");
  }

  /**
   * Not a bug in the learner's code: the reason textbook RSA must never be used as is. The same
   * message always gives the same ciphertext, so an eavesdropper who guesses "100" can check the
   * guess; and anyone can turn Enc(100) into Enc(200) without the key, because (m^e)(2^e) = (2m)^e.
   * OAEP (RFC 8017 §7.1) adds random padding that breaks both.
   */
  @Test
  @Tag("task:2")
  @DisplayName("Why textbook RSA is insecure: deterministic, and Enc(m)·Enc(2) decrypts to 2m")
  void deterministicAndMalleable() {
    TextbookRsa rsa = fromJdkKey();
    BigInteger amount = BigInteger.valueOf(100);
    BigInteger c = rsa.encrypt(amount);
    assertThat(rsa.encrypt(amount))
        .as("encrypting 100 twice: textbook RSA has no randomness, so the same ciphertext")
        .isEqualTo(c);
    BigInteger forged = c.multiply(rsa.encrypt(BigInteger.TWO)).mod(rsa.n());
    assertThat(rsa.decrypt(forged))
        .as("decrypt(Enc(100) * Enc(2) mod n): the attacker doubled the amount without the key")
        .isEqualTo(BigInteger.valueOf(200));
  }

  // ---------------------------------------------------------------------------------------------
  // Task 3: the Chinese remainder theorem

  @ParameterizedTest(
      name = "p = {0}, q = {1}: dP = {2}, dQ = {3}, qInv = {4}",
      quoteTextArguments = false)
  @Tag("task:3")
  @DisplayName("Toy key: dP = d mod (p-1), dQ = d mod (q-1), qInv = q⁻¹ mod p, in either order")
  @CsvSource(
      textBlock =
          """
          61, 53, 53, 49, 38
          53, 61, 49, 53, 20
          """)
  void toyCrtValues(long p, long q, long dP, long dQ, long qInv) {
    TextbookRsa rsa = TextbookRsa.fromPrimes(BigInteger.valueOf(p), BigInteger.valueOf(q), E);
    assertThat(rsa.dP())
        .as("dP() for p = %d, d = 413: 413 mod %d = %d", p, p - 1, dP)
        .isEqualTo(BigInteger.valueOf(dP));
    assertThat(rsa.dQ())
        .as("dQ() for q = %d, d = 413: 413 mod %d = %d", q, q - 1, dQ)
        .isEqualTo(BigInteger.valueOf(dQ));
    BigInteger pInvModQ = BigInteger.valueOf(p).modInverse(BigInteger.valueOf(q));
    assertThat(rsa.qInv())
        .as(
            "qInv() for p = %d, q = %d: the inverse of q modulo p, %d * %d ≡ 1 (mod %d)%s",
            p,
            q,
            q,
            qInv,
            p,
            rsa.qInv().equals(pInvModQ) && !pInvModQ.equals(BigInteger.valueOf(qInv))
                ? "; you returned p⁻¹ mod q: swap them, q.modInverse(p)"
                : "")
        .isEqualTo(BigInteger.valueOf(qInv));
  }

  @Test
  @Tag("task:3")
  @DisplayName("2048-bit key: dP, dQ and qInv equal the JDK's RSAPrivateCrtKey values")
  void jdkCrtValues() {
    TextbookRsa rsa = fromJdkKey();
    assertThat(rsa.dP())
        .as(
            "dP() for the JDK key: expected getPrimeExponentP() = %s",
            brief(jdkPrivate.getPrimeExponentP()))
        .isEqualTo(jdkPrivate.getPrimeExponentP());
    assertThat(rsa.dQ())
        .as(
            "dQ() for the JDK key: expected getPrimeExponentQ() = %s",
            brief(jdkPrivate.getPrimeExponentQ()))
        .isEqualTo(jdkPrivate.getPrimeExponentQ());
    assertThat(rsa.qInv())
        .as(
            "qInv() for the JDK key: expected getCrtCoefficient() = q⁻¹ mod p = %s",
            brief(jdkPrivate.getCrtCoefficient()))
        .isEqualTo(jdkPrivate.getCrtCoefficient());
  }

  @ParameterizedTest(name = "p = {0}, q = {1}", quoteTextArguments = false)
  @Tag("task:3")
  @DisplayName("Toy key: decryptCrt(c) = c⁴¹³ mod 3233 for every one of the 3233 ciphertexts")
  @CsvSource({"61, 53", "53, 61"})
  void crtEveryCiphertext(long p, long q) {
    TextbookRsa rsa = TextbookRsa.fromPrimes(BigInteger.valueOf(p), BigInteger.valueOf(q), E);
    for (int i = 0; i < N.intValueExact(); i++) {
      BigInteger c = BigInteger.valueOf(i);
      BigInteger expected = c.modPow(D, N);
      BigInteger actual = rsa.decryptCrt(c);
      if (!expected.equals(actual)) {
        BigInteger bp = BigInteger.valueOf(p);
        BigInteger bq = BigInteger.valueOf(q);
        BigInteger m1 = c.modPow(D.mod(bp.subtract(BigInteger.ONE)), bp);
        BigInteger m2 = c.modPow(D.mod(bq.subtract(BigInteger.ONE)), bq);
        String diagnosis =
            actual.signum() < 0
                ? "Yours is negative: h = qInv * (m1 - m2) must be reduced with mod(p), which is"
                    + " never negative; remainder(p) keeps the sign of m1 - m2."
                : actual.compareTo(N) >= 0
                    ? "Yours is not below n: reduce h modulo p before m = m2 + q * h."
                    : "Check m = m2 + q * h with h = qInv * (m1 - m2) mod p.";
        fail(
            "decryptCrt(%s) with p = %d, q = %d: expected %s, got %s. Here m1 = c^dP mod p = %s,"
                + " m2 = c^dQ mod q = %s. %s",
            c, p, q, expected, actual, m1, m2, diagnosis);
      }
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("2048-bit key: decryptCrt equals the JDK's own private-key operation")
  void crtMatchesJdk() throws GeneralSecurityException {
    TextbookRsa rsa = fromJdkKey();
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    raw.init(Cipher.DECRYPT_MODE, jdkPrivate); // the JDK itself decrypts with CRT (RSACore)
    for (BigInteger c : messages(4, 2047)) {
      BigInteger expected = new BigInteger(1, raw.doFinal(i2osp(c, modulusBytes())));
      assertThat(rsa.decryptCrt(c))
          .as(
              "decryptCrt(c) for c = %s: expected the JDK's RSA/ECB/NoPadding decryption %s",
              brief(c), brief(expected))
          .isEqualTo(expected);
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("decryptCrt never touches d: only dP, dQ, qInv (read from your class file)")
  void crtDoesNotUseD() throws IOException {
    assertThat(toy().decryptCrt(BigInteger.valueOf(2790)))
        .as("decryptCrt(2790) with the toy key: expected 65")
        .isEqualTo(BigInteger.valueOf(65));
    ClassModel model;
    try (InputStream in =
        TextbookRsa.class
            .getClassLoader()
            .getResourceAsStream("dev/prep/crypto/TextbookRsa.class")) {
      if (in == null) {
        fail("could not read TextbookRsa.class to check what decryptCrt uses");
      }
      model = ClassFile.of().parse(in.readAllBytes());
    }
    String owner = model.thisClass().asInternalName();
    // decryptCrt and the private helpers it calls; dP(), dQ() and qInv() may read d themselves
    Set<String> allowed = Set.of("dP", "dQ", "qInv");
    Set<String> uses = new LinkedHashSet<>();
    Set<String> visited = new LinkedHashSet<>();
    var todo = new ArrayDeque<String>(List.of("decryptCrt"));
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!visited.add(name)) {
        continue;
      }
      for (MethodModel method : model.methods()) {
        if (!method.methodName().equalsString(name) || method.code().isEmpty()) {
          continue;
        }
        for (CodeElement element : method.code().orElseThrow()) {
          if (element instanceof FieldInstruction field
              && field.owner().asInternalName().equals(owner)
              && field.name().equalsString("d")) {
            uses.add(name + " reads the field d");
          } else if (element instanceof InvokeInstruction call
              && call.owner().asInternalName().equals(owner)) {
            String callee = call.name().stringValue();
            if (Set.of("d", "decrypt", "sign").contains(callee)) {
              uses.add(name + " calls " + callee + "()");
            } else if (!allowed.contains(callee)) {
              todo.add(callee);
            }
          }
        }
      }
    }
    assertThat(uses)
        .as(
            "what decryptCrt uses of the full private exponent: the CRT form computes c^dP mod p"
                + " and c^dQ mod q, two exponentiations with half-size numbers, and that is where"
                + " its 3-4x speed-up comes from; calling decrypt or using d undoes it. Use dP(),"
                + " dQ(), qInv(), p and q")
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Task 4: sign and verify

  @Test
  @Tag("task:4")
  @DisplayName("Toy key: sign(65) = 65⁴¹³ mod 3233 = 588, and verify(65, 588) is true")
  void toySignature() {
    TextbookRsa rsa = toy();
    BigInteger s = rsa.sign(BigInteger.valueOf(65));
    assertThat(s)
        .as(
            "sign(65): expected 65^d mod n = 65^413 mod 3233 = 588%s",
            s.equals(BigInteger.valueOf(2790))
                ? "; you returned 2790 = 65^e mod n, an encryption: signing needs the private d"
                : "")
        .isEqualTo(BigInteger.valueOf(588));
    assertThat(rsa.verify(BigInteger.valueOf(65), BigInteger.valueOf(588)))
        .as("verify(65, 588): 588^17 mod 3233 = 65, so true")
        .isTrue();
  }

  @ParameterizedTest(name = "verify({0}, {1}) is false", quoteTextArguments = false)
  @Tag("task:4")
  @DisplayName("verify rejects a wrong signature, a wrong message and a signature outside [0, n)")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          65 |   589 | a signature off by one
          66 |   588 | the signature of 65 checked against 66
          65 |  3821 | 588 + n: s^e mod n is still 65, but s is not below n (RFC 8017 §5.2.2)
          65 | -2645 | 588 - n: negative, yet modPow would give 65 again
          65 |  2790 | 2790 = Enc(65): verifying must compute s^e, not s^d
          """)
  void verifyRejects(long m, long s, String why) {
    TextbookRsa rsa = toy();
    assertThat(rsa.verify(BigInteger.valueOf(m), BigInteger.valueOf(s)))
        .as("verify(%d, %d) with n = 3233, e = 17: %s; expected false", m, s, why)
        .isFalse();
  }

  @Test
  @Tag("task:4")
  @DisplayName(
      "2048-bit key: sign(m) equals the JDK's NoPadding \"encryption\" with the private key")
  void signatureMatchesJdk() throws GeneralSecurityException {
    TextbookRsa rsa = fromJdkKey();
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    // The textbook picture "sign = encrypt with the private key", and the only JDK mode where it
    // holds: OAEP refuses a private key for encryption ("OAEP cannot be used to sign").
    raw.init(Cipher.ENCRYPT_MODE, jdkPrivate);
    for (BigInteger m : messages(2, 2047)) {
      BigInteger expected = new BigInteger(1, raw.doFinal(i2osp(m, modulusBytes())));
      assertThat(rsa.sign(m))
          .as("sign(m) for m = %s: expected m^d mod n = %s", brief(m), brief(expected))
          .isEqualTo(expected);
      assertThat(rsa.verify(m, expected))
          .as("verify(m, the JDK's m^d mod n): expected true")
          .isTrue();
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("sign and verify refuse a message representative outside [0, n)")
  void signRangeChecks() {
    TextbookRsa rsa = toy();
    assertThatThrownBy(() -> rsa.sign(N), "sign(3233) with n = 3233 (RFC 8017 §5.2.1)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message representative out of range");
    assertThatThrownBy(() -> rsa.sign(BigInteger.ONE.negate()), "sign(-1)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message representative out of range");
    assertThatThrownBy(() -> rsa.verify(N, BigInteger.ZERO), "verify(3233, 0)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message representative out of range");
  }

  /**
   * Not a bug in the learner's code: why raw signatures are never used. Anyone holding two
   * signatures can multiply them into a valid signature of a message the key owner never signed,
   * because m1^d * m2^d = (m1 * m2)^d. RSASSA-PSS (RFC 8017 §8.1) signs a hash, encoded with a
   * random salt, so a product of two encodings is no valid encoding of anything.
   */
  @Test
  @Tag("task:4")
  @DisplayName("Why raw signatures are unsafe: sign(2)·sign(3) mod n verifies as a signature of 6")
  void signaturesMultiply() {
    TextbookRsa rsa = toy();
    BigInteger forged =
        rsa.sign(BigInteger.TWO).multiply(rsa.sign(BigInteger.valueOf(3))).mod(rsa.n());
    assertThat(forged)
        .as("sign(2) * sign(3) mod 3233 = sign(6) = 6^413 mod 3233")
        .isEqualTo(BigInteger.valueOf(2902));
    assertThat(rsa.verify(BigInteger.valueOf(6), forged))
        .as("verify(6, sign(2) * sign(3) mod n): a signature nobody made, and it verifies")
        .isTrue();
  }

  // ---------------------------------------------------------------------------------------------

  /** The JDK key's length in bytes, k in RFC 8017. */
  private static int modulusBytes() {
    return (jdkPublic.getModulus().bitLength() + 7) / 8;
  }

  /**
   * {@code count} test messages of {@code bits} bits (below a 2048-bit n), then 0, 1 and n - 1.
   * Seeded {@link Random}: test data that must repeat, never a key or a nonce.
   */
  private static List<BigInteger> messages(int count, int bits) {
    Random random = new Random(8017);
    List<BigInteger> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new BigInteger(bits, random));
    }
    out.add(BigInteger.ZERO);
    out.add(BigInteger.ONE);
    out.add(jdkPublic.getModulus().subtract(BigInteger.ONE));
    return out;
  }

  /** I2OSP (RFC 8017 §4.1): x as exactly {@code length} big-endian bytes. */
  private static byte[] i2osp(BigInteger x, int length) {
    byte[] minimal = x.toByteArray(); // may carry a leading 0 sign byte
    byte[] out = new byte[length];
    int copy = Math.min(minimal.length, length);
    System.arraycopy(minimal, minimal.length - copy, out, length - copy, copy);
    return out;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A big number short enough for a message: its first and last hex digits and its size. */
  private static String brief(BigInteger x) {
    if (x.bitLength() <= 64) {
      return x.toString();
    }
    String h = x.toString(16);
    return "0x"
        + h.substring(0, 12)
        + "…"
        + h.substring(h.length() - 8)
        + " ("
        + x.bitLength()
        + " bits)";
  }
}
