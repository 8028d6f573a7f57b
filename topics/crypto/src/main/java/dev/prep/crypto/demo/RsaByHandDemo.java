package dev.prep.crypto.demo;

import dev.prep.crypto.rsa.RawRsa;
import dev.prep.support.Machine;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;

/*
 * RSA by hand beside the JCA: the same numbers, then the reasons nobody uses them raw.
 *
 * An RSA key is two big primes p and q, their product n, a public exponent e and a private
 * exponent d with e * d ≡ 1 (mod λ(n)), λ(n) = lcm(p - 1, q - 1) (RFC 8017 §3). Encryption is
 * c = m^e mod n, decryption m = c^d mod n: one BigInteger.modPow each. The demo generates a
 * 2048-bit key with KeyPairGenerator and then:
 *
 *   1. prints what is in it: e = 65537, and the sizes of n, p, q and d;
 *   2. encrypts one message twice, by hand with modPow and with Cipher "RSA/ECB/NoPadding",
 *      which is that same raw primitive (RSAEP): the 256 bytes are identical;
 *   3. times decryption three ways: c^d mod n; the CRT form (c^dP mod p and c^dQ mod q, half-size
 *      numbers, joined by Garner's formula), about 3-4x faster because a modular exponentiation
 *      costs roughly the cube of the size; and the JDK's own private-key operation, which uses
 *      CRT plus blinding (sun.security.rsa.RSACore);
 *   4. encrypts the same message twice: textbook RSA gives the same ciphertext (an eavesdropper
 *      can test guesses), OAEP (RFC 8017 §7.1) two different ones that both decrypt correctly;
 *   5. multiplies a textbook ciphertext of 1000 by 2^e mod n, without the key: it decrypts to
 *      2000 (malleability, 可延展性);
 *   6. signs with RSASSA-PSS (RFC 8017 §8.1; SHA-256, MGF1-SHA-256, 32-byte salt): two signatures
 *      of one message differ, both verify, and a changed message does not.
 *
 * Hand-written RSA is for learning only: real code uses OAEP to encrypt and PSS to sign, and in
 * practice encrypts a random AES key rather than data (hybrid encryption, 混合加密; notebook 06).
 *
 * Run: prep demo crypto rsa-by-hand [-- --decryptions N]   (default 200 per method)
 */
public final class RsaByHandDemo {

  static final String SECRET = "attack at dawn";
  static final BigInteger AMOUNT = BigInteger.valueOf(1000);
  static final int DEFAULT_DECRYPTIONS = 200;

  private static final HexFormat HEX = HexFormat.of();

  private RsaByHandDemo() {}

  public static void main(String[] args) throws GeneralSecurityException {
    int decryptions = decryptions(args);
    System.out.println(
        "== RSA by hand beside the JCA: the same bytes, then why raw RSA is unsafe ==");
    System.out.println(
        "Watch: modPow and Cipher RSA/ECB/NoPadding agree byte for byte; CRT decrypts several"
            + " times faster;");
    System.out.println(
        "       textbook RSA repeats itself and lets anyone double a number, OAEP and PSS do not.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println();

    long t0 = System.nanoTime();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048); // a SecureRandom seeded by the operating system
    KeyPair pair = generator.generateKeyPair();
    long keyMillis = (System.nanoTime() - t0) / 1_000_000;
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();

    showKey(pub, priv, keyMillis);
    BigInteger c = encryptBothWays(pub, priv);
    timeDecryption(priv, c, decryptions);
    determinism(pair);
    malleability(pub, priv);
    pss(pair);

    System.out.println(
        "You just saw: raw RSA is one modPow, CRT makes it faster, only OAEP and PSS make it"
            + " safe.");
  }

  /** Part 1: e, the sizes, and d = e⁻¹ mod λ(n). */
  static void showKey(RSAPublicKey pub, RSAPrivateCrtKey priv, long keyMillis) {
    BigInteger p1 = priv.getPrimeP().subtract(BigInteger.ONE);
    BigInteger q1 = priv.getPrimeQ().subtract(BigInteger.ONE);
    BigInteger lambda = p1.multiply(q1).divide(p1.gcd(q1));
    BigInteger e = pub.getPublicExponent();
    System.out.printf(
        "1. A 2048-bit key from KeyPairGenerator.getInstance(\"RSA\") (%d ms, random primes)%n",
        keyMillis);
    System.out.printf(
        "   %-3s = %s = 0x%s = 2^16 + 1: %s%n",
        "e", e, e.toString(16), e.equals(BigInteger.TWO.pow(16).add(BigInteger.ONE)));
    row("n", pub.getModulus(), "p * q, public");
    row("p", priv.getPrimeP(), "secret prime");
    row("q", priv.getPrimeQ(), "secret prime");
    row("d", priv.getPrivateExponent(), "secret, e^-1 mod lcm(p - 1, q - 1)");
    System.out.printf(
        "   λ(n) = lcm(p - 1, q - 1) = φ(n) / gcd(p - 1, q - 1) = φ(n) / %s%n", p1.gcd(q1));
    System.out.printf(
        "   d == e^-1 mod λ(n): %s   d == e^-1 mod φ(n): %s (both solve e * d ≡ 1 mod λ(n))%n",
        yesNo(priv.getPrivateExponent().equals(e.modInverse(lambda))),
        yesNo(priv.getPrivateExponent().equals(e.modInverse(p1.multiply(q1)))));
    System.out.println();
  }

  private static void row(String name, BigInteger value, String note) {
    System.out.printf("   %-3s %5d bits   %s%n", name, value.bitLength(), note);
  }

  /** Part 2: modPow against Cipher RSA/ECB/NoPadding; returns the ciphertext for part 3. */
  static BigInteger encryptBothWays(RSAPublicKey pub, RSAPrivateCrtKey priv)
      throws GeneralSecurityException {
    byte[] message = SECRET.getBytes(StandardCharsets.US_ASCII);
    BigInteger m = RawRsa.os2ip(message); // the bytes read as one big-endian number
    int k = RawRsa.length(pub);

    BigInteger c = m.modPow(pub.getPublicExponent(), pub.getModulus());
    byte[] byHand = RawRsa.i2osp(c, k);

    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    raw.init(Cipher.ENCRYPT_MODE, pub);
    byte[] jca = raw.doFinal(message);

    BigInteger back = c.modPow(priv.getPrivateExponent(), pub.getModulus());
    String decrypted = new String(back.toByteArray(), StandardCharsets.US_ASCII);

    System.out.printf("2. Encrypt \"%s\" by hand and with the JCA%n", SECRET);
    System.out.printf(
        "   m = OS2IP(\"%s\") = 0x%s (%d bits)%n", SECRET, m.toString(16), m.bitLength());
    System.out.printf("   %-38s %s (%d bytes)%n", "by hand: m.modPow(e, n)", brief(byHand), k);
    System.out.printf(
        "   %-38s %s (%d bytes)%n", "Cipher RSA/ECB/NoPadding", brief(jca), jca.length);
    System.out.printf("   byte-identical: %s%n", yesNo(Arrays.equals(byHand, jca)));
    System.out.printf("   by hand back: c.modPow(d, n) = \"%s\"%n", decrypted);
    System.out.println();
    return c;
  }

  /** Part 3: plain c^d mod n, CRT, and the JDK's private-key operation, timed. */
  static void timeDecryption(RSAPrivateCrtKey priv, BigInteger c, int count)
      throws GeneralSecurityException {
    Cipher jdk = Cipher.getInstance("RSA/ECB/NoPadding");
    jdk.init(Cipher.DECRYPT_MODE, priv);
    int k = RawRsa.length(priv);
    UnaryOperator<BigInteger> viaJdk =
        x -> {
          try {
            return RawRsa.os2ip(jdk.doFinal(RawRsa.i2osp(x, k)));
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        };
    BigInteger expected = RawRsa.decrypt(priv, c);
    int warmUp = Math.max(10, count / 4);
    long plain = time(x -> RawRsa.decrypt(priv, x), c, expected, warmUp, count);
    long crt = time(x -> RawRsa.decryptCrt(priv, x), c, expected, warmUp, count);
    long viaCipher = time(viaJdk, c, expected, warmUp, count);

    System.out.printf(
        "3. Decryption, %d times each after %d warm-up rounds (every result checked)%n",
        count, warmUp);
    System.out.printf("   %-44s %10s %8s%n", "method", "per call", "speed-up");
    printTime("c.modPow(d, n)", plain, plain, count);
    printTime("CRT: c^dP mod p, c^dQ mod q, Garner", crt, plain, count);
    printTime("JDK Cipher NoPadding (CRT + blinding)", viaCipher, plain, count);
    System.out.println(
        "   (one run on this machine: compare the rows with each other, not with other machines)");
    System.out.println();
  }

  private static long time(
      UnaryOperator<BigInteger> decrypt, BigInteger c, BigInteger expected, int warmUp, int n) {
    for (int i = 0; i < warmUp; i++) {
      check(decrypt.apply(c), expected);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      check(decrypt.apply(c), expected); // using the result keeps the JIT from dropping the call
    }
    return System.nanoTime() - t0;
  }

  private static void check(BigInteger actual, BigInteger expected) {
    if (!actual.equals(expected)) {
      throw new IllegalStateException("decryption gave a different message");
    }
  }

  private static void printTime(String method, long nanos, long plainNanos, int count) {
    System.out.printf(
        Locale.ROOT,
        "   %-44s %7.2f ms %7.1fx%n",
        method,
        nanos / 1e6 / count,
        (double) plainNanos / nanos);
  }

  /** Part 4: the same message twice, textbook and OAEP. */
  static void determinism(KeyPair pair) throws GeneralSecurityException {
    byte[] message = SECRET.getBytes(StandardCharsets.US_ASCII);
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    raw.init(Cipher.ENCRYPT_MODE, pair.getPublic());
    byte[] t1 = raw.doFinal(message);
    byte[] t2 = raw.doFinal(message);

    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    oaep.init(Cipher.ENCRYPT_MODE, pair.getPublic());
    byte[] o1 = oaep.doFinal(message);
    byte[] o2 = oaep.doFinal(message);
    oaep.init(Cipher.DECRYPT_MODE, pair.getPrivate());
    boolean bothBack =
        SECRET.equals(new String(oaep.doFinal(o1), StandardCharsets.US_ASCII))
            && SECRET.equals(new String(oaep.doFinal(o2), StandardCharsets.US_ASCII));

    System.out.printf("4. Encrypt \"%s\" twice%n", SECRET);
    System.out.printf(
        "   %-9s %s  %s  same: %s%n",
        "textbook", brief(t1), brief(t2), yesNo(Arrays.equals(t1, t2)));
    System.out.printf(
        "   %-9s %s  %s  same: %s%n", "OAEP", brief(o1), brief(o2), yesNo(Arrays.equals(o1, o2)));
    System.out.printf("   both OAEP ciphertexts decrypt to \"%s\": %s%n", SECRET, yesNo(bothBack));
    System.out.println(
        "   textbook: anyone can encrypt a guess and compare; OAEP mixes in a random seed.");
    System.out.println();
  }

  /** Part 5: Enc(1000) * 2^e mod n decrypts to 2000; nobody needed the private key. */
  static void malleability(RSAPublicKey pub, RSAPrivateCrtKey priv) {
    BigInteger n = pub.getModulus();
    BigInteger c = RawRsa.encrypt(pub, AMOUNT);
    BigInteger tampered = c.multiply(BigInteger.TWO.modPow(pub.getPublicExponent(), n)).mod(n);
    BigInteger m = RawRsa.decryptCrt(priv, tampered);
    System.out.printf(
        "5. Malleable: the attacker has c = Enc(%s) and the public key only%n", AMOUNT);
    System.out.println("   c' = c * 2^e mod n        because (m^e)(2^e) = (2m)^e");
    System.out.printf(
        "   the owner decrypts c': %s = 2 x %s: %s%n",
        m, AMOUNT, yesNo(m.equals(AMOUNT.shiftLeft(1))));
    System.out.println();
  }

  /** Part 6: RSASSA-PSS, randomized and verified. */
  static void pss(KeyPair pair) throws GeneralSecurityException {
    byte[] message = SECRET.getBytes(StandardCharsets.US_ASCII);
    PSSParameterSpec spec =
        new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    Signature signer = Signature.getInstance("RSASSA-PSS");
    signer.setParameter(spec);
    signer.initSign(pair.getPrivate());
    signer.update(message);
    byte[] s1 = signer.sign();
    signer.update(message);
    byte[] s2 = signer.sign();

    Signature verifier = Signature.getInstance("RSASSA-PSS");
    verifier.setParameter(spec);
    verifier.initVerify(pair.getPublic());
    boolean ok1 = verify(verifier, message, s1);
    boolean ok2 = verify(verifier, message, s2);
    byte[] changed = "attack at dusk".getBytes(StandardCharsets.US_ASCII);
    boolean okChanged = verify(verifier, changed, s1);

    System.out.printf(
        "6. RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32 bytes) signs \"%s\" twice%n", SECRET);
    System.out.printf(
        "   %s  %s  same: %s  (%d bytes each)%n",
        brief(s1), brief(s2), yesNo(Arrays.equals(s1, s2)), s1.length);
    System.out.printf("   both verify: %s, %s%n", yesNo(ok1), yesNo(ok2));
    System.out.printf("   the first one against \"attack at dusk\": %s%n", yesNo(okChanged));
    System.out.println();
  }

  private static boolean verify(Signature verifier, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    verifier.update(message);
    return verifier.verify(signature);
  }

  /** The first and last bytes in hex: enough to tell two 256-byte values apart. */
  private static String brief(byte[] bytes) {
    String hex = HEX.formatHex(bytes);
    return hex.substring(0, 8) + "…" + hex.substring(hex.length() - 8);
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static int decryptions(String[] args) {
    if (args.length == 2 && args[0].equals("--decryptions")) {
      int n = Integer.parseInt(args[1]);
      if (n > 0) {
        return n;
      }
    } else if (args.length == 0) {
      return DEFAULT_DECRYPTIONS;
    }
    throw new IllegalArgumentException("usage: rsa-by-hand [--decryptions N], N > 0");
  }
}
