package dev.prep.crypto.demo;

import dev.prep.support.Machine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;
import javax.crypto.SecretKey;

/*
 * ML-KEM-768 with the JDK's KEM API, beside X25519, and ML-DSA-65 beside Ed25519.
 *
 * A key encapsulation mechanism (KEM, 密钥封装) has three operations: the receiver generates a
 * key pair; the sender *encapsulates* against the public key and gets a fresh shared secret plus
 * a ciphertext (the "encapsulation") to send; the receiver *decapsulates* the ciphertext with its
 * private key and gets the same secret. JDK 21 added the API (javax.crypto.KEM, JEP 452) with
 * DHKEM, the X25519 Diffie-Hellman dressed as a KEM (RFC 9180); JDK 24 added ML-KEM (JEP 496),
 * the lattice KEM NIST standardised in FIPS 203 as protection against a future quantum computer,
 * and ML-DSA signatures (JEP 497, FIPS 204).
 *
 * What to notice:
 *   - sizes: a post-quantum public key and ciphertext are about a kilobyte each, X25519's are
 *     32 bytes; the secret is 32 bytes either way. FIPS 203 table 3 gives ML-KEM-768's sizes as
 *     ek 1184, dk 2400, ciphertext 1088, shared secret 32 bytes. The JDK's getEncoded() is an
 *     X.509 SubjectPublicKeyInfo, which wraps the raw 1184 bytes in a DER header; both are
 *     printed, the raw size read out of the DER.
 *   - a tampered ciphertext does NOT throw: ML-KEM's decapsulation uses "implicit rejection"
 *     (FIPS 203 section 6.3): it returns a pseudorandom secret derived from a private value, so
 *     the two sides just disagree and the first AEAD tag fails. An error here would be an oracle.
 *   - speed: ML-KEM is not slow; it is comparable to X25519 on a CPU (the times below are one
 *     run on this machine with whatever JIT the demo JVM uses: compare rows, not machines).
 *
 * Hybrid key exchange: browsers and servers now combine X25519 with ML-KEM-768 in one TLS 1.3
 * key share ("X25519MLKEM768", draft-ietf-tls-ecdhe-mlkem), secure if either part holds; JDK
 * 25's TLS does not offer that group, so this demo shows ML-KEM on its own.
 *
 * Run: prep demo crypto ml-kem
 */
public final class MlKemDemo {

  /** FIPS 203 table 3, ML-KEM-768: encapsulation key, ciphertext and shared secret bytes. */
  static final int FIPS203_EK = 1184;

  static final int FIPS203_CT = 1088;
  static final int FIPS203_SS = 32;

  /** FIPS 204 table 2, ML-DSA-65: public key and signature bytes. */
  static final int FIPS204_PK = 1952;

  static final int FIPS204_SIG = 3309;

  static final int ROUNDS = 200;

  private MlKemDemo() {}

  public static void main(String[] args) throws GeneralSecurityException {
    System.out.println("== ML-KEM-768 with the JDK's KEM API, beside X25519 ==");
    System.out.println(
        "Watch: both sides get the same 32-byte secret; a tampered ciphertext gives another"
            + " secret, no error.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println();

    KeyPair receiver = KeyPairGenerator.getInstance("ML-KEM-768").generateKeyPair();
    KEM kem = KEM.getInstance("ML-KEM");
    KEM.Encapsulator sender = kem.newEncapsulator(receiver.getPublic());
    KEM.Encapsulated sent = sender.encapsulate();
    byte[] ciphertext = sent.encapsulation();
    SecretKey senderSecret = sent.key();
    KEM.Decapsulator decapsulator = kem.newDecapsulator(receiver.getPrivate());
    SecretKey receiverSecret = decapsulator.decapsulate(ciphertext);

    byte[] encoded = receiver.getPublic().getEncoded();
    System.out.println("1. One round trip (provider " + sender.providerName() + ")");
    System.out.printf("   %-38s %6s %9s%n", "", "bytes", "FIPS 203");
    row("encapsulation key, X.509 getEncoded()", encoded.length, "-");
    row("encapsulation key, raw (in the DER)", rawKeyBytes(encoded).length, "" + FIPS203_EK);
    row("ciphertext (encapsulation)", ciphertext.length, "" + FIPS203_CT);
    row("shared secret", senderSecret.getEncoded().length, "" + FIPS203_SS);
    System.out.println(
        "   sender's secret equals receiver's: "
            + Arrays.equals(senderSecret.getEncoded(), receiverSecret.getEncoded()));

    byte[] tampered = ciphertext.clone();
    tampered[0] ^= 1;
    String outcome;
    try {
      SecretKey other = decapsulator.decapsulate(tampered);
      outcome =
          "no exception; secret differs: "
              + !Arrays.equals(other.getEncoded(), senderSecret.getEncoded())
              + " (implicit rejection)";
    } catch (DecapsulateException e) {
      outcome = "threw " + e;
    }
    System.out.println("   one bit of the ciphertext flipped: " + outcome);
    System.out.println();

    timings(receiver);
    signatures();
    System.out.println();
    System.out.println(
        "Hybrid in TLS: X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem) puts an X25519 share and an");
    System.out.println(
        "ML-KEM-768 key in one key share and feeds both secrets to the key schedule; JDK 25's"
            + " TLS lacks it.");
    System.out.println(
        "You just saw: ML-KEM gives both sides one 32-byte secret, like X25519, for ~1 KB keys"
            + " and ciphertexts instead of 32 B.");
  }

  private static void row(String what, int bytes, String fips) {
    System.out.printf("   %-38s %6d %9s%n", what, bytes, fips);
  }

  /** Part 2: median microseconds of keygen, encapsulate, decapsulate, each ROUNDS times. */
  private static void timings(KeyPair mlKem) throws GeneralSecurityException {
    KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    System.out.printf("2. Median time of %d runs each, µs (one run, this machine)%n", ROUNDS);
    System.out.printf(
        "   %-16s %8s %8s %8s %10s %6s%n",
        "KEM", "keygen", "encaps", "decaps", "public key", "enc");
    time("ML-KEM-768", "ML-KEM-768", KEM.getInstance("ML-KEM"), mlKem);
    time("DHKEM(X25519)", "X25519", KEM.getInstance("DHKEM"), x25519);
  }

  private static void time(String name, String algorithm, KEM kem, KeyPair keys)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    KEM.Encapsulator encapsulator = kem.newEncapsulator(keys.getPublic());
    KEM.Decapsulator decapsulator = kem.newDecapsulator(keys.getPrivate());
    byte[] enc = encapsulator.encapsulate().encapsulation();
    long[] keygen = new long[ROUNDS];
    long[] encaps = new long[ROUNDS];
    long[] decaps = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      generator.generateKeyPair();
      long t1 = System.nanoTime();
      encapsulator.encapsulate();
      long t2 = System.nanoTime();
      decapsulator.decapsulate(enc);
      long t3 = System.nanoTime();
      keygen[i] = t1 - t0;
      encaps[i] = t2 - t1;
      decaps[i] = t3 - t2;
    }
    System.out.printf(
        Locale.ROOT,
        "   %-16s %8.0f %8.0f %8.0f %10d %6d%n",
        name,
        median(keygen),
        median(encaps),
        median(decaps),
        rawKeyBytes(keys.getPublic().getEncoded()).length,
        enc.length);
  }

  /** Part 3: a post-quantum signature beside a classical one. */
  private static void signatures() throws GeneralSecurityException {
    byte[] message = "ServerHello transcript hash".getBytes(StandardCharsets.US_ASCII);
    System.out.println();
    System.out.println("3. Signatures: ML-DSA-65 (FIPS 204) beside Ed25519 (RFC 8032)");
    System.out.printf(
        "   %-10s %10s %10s %9s %9s %8s%n",
        "algorithm", "public key", "signature", "FIPS pk", "FIPS sig", "verifies");
    for (String algorithm : new String[] {"ML-DSA-65", "Ed25519"}) {
      KeyPair keys = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(keys.getPrivate());
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(keys.getPublic());
      verifier.update(message);
      boolean ok = verifier.verify(signature);
      boolean pq = algorithm.startsWith("ML-DSA");
      System.out.printf(
          "   %-10s %10d %10d %9s %9s %8s%n",
          algorithm,
          rawKeyBytes(keys.getPublic().getEncoded()).length,
          signature.length,
          pq ? FIPS204_PK : "(32)",
          pq ? FIPS204_SIG : "(64)",
          ok);
    }
    System.out.println("   (raw public key sizes; Ed25519's in parentheses are RFC 8032's)");
  }

  /**
   * The raw key inside an X.509 SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING {
   * 0x00 unused bits, key } }. Enough DER for the keys above, no more.
   */
  static byte[] rawKeyBytes(byte[] spki) {
    int[] at = {0};
    expect(spki, at, 0x30);
    length(spki, at); // the outer SEQUENCE: step inside it
    expect(spki, at, 0x30);
    int algorithm = length(spki, at);
    at[0] += algorithm; // skip the AlgorithmIdentifier
    expect(spki, at, 0x03);
    int bits = length(spki, at);
    if (spki[at[0]] != 0) {
      throw new IllegalArgumentException("a key's BIT STRING has no unused bits");
    }
    return Arrays.copyOfRange(spki, at[0] + 1, at[0] + bits);
  }

  private static void expect(byte[] der, int[] at, int tag) {
    if ((der[at[0]++] & 0xff) != tag) {
      throw new IllegalArgumentException("unexpected DER tag at " + (at[0] - 1));
    }
  }

  /** A DER length (short or long form); leaves {@code at} on the first content byte. */
  private static int length(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int value = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      value = (value << 8) | (der[at[0]++] & 0xff);
    }
    return value;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1000.0;
  }
}
