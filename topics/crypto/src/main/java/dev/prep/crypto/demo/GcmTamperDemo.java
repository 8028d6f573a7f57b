package dev.prep.crypto.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/*
 * AES modes under attack: what a mode promises decides what an attacker can do.
 *
 * AES itself only encrypts one 16-byte block. A *mode* turns that into a cipher for messages,
 * and the three modes here behave very differently when someone touches the ciphertext:
 *
 *   ECB   each block encrypted on its own: equal plaintext blocks give equal ciphertext
 *         blocks, so the structure of the data shows through. No nonce, no integrity.
 *         Cipher.getInstance("AES") in the JDK means exactly this (AES/ECB/PKCS5Padding).
 *   CTR   AES encrypts a counter into a keystream that is XORed with the plaintext. Nothing
 *         shows through, but flipping ciphertext bit i flips plaintext bit i: whoever knows
 *         (or guesses) the plaintext can change it to anything of the same length. That is
 *         malleability: confidentiality without integrity.
 *   GCM   CTR plus a 16-byte authentication tag over the ciphertext and the AAD (NIST SP
 *         800-38D). Decryption checks the tag before returning a single byte, so a flipped bit
 *         ends in AEADBadTagException. This is an AEAD, the kind TLS 1.3 allows and nothing else.
 *
 * The last part is the one bug GCM and CTR cannot survive: the same key and nonce twice. Both
 * messages get the same keystream, so c1 XOR c2 = p1 XOR p2, and one known message reveals the
 * other; for GCM the repeat also gives away the authentication key, after which tags can be
 * forged (A. Joux, "Authentication Failures in NIST version of GCM", 2006; SP 800-38D section 8
 * requires a nonce never to repeat under one key). The demo repeats a nonce ON PURPOSE to show
 * the damage; real code draws a fresh nonce from SecureRandom (or a counter) for every message.
 *
 * Run: prep demo crypto gcm-tamper
 */
public final class GcmTamperDemo {

  static final String ORDER = "pay 100 EUR to bob";
  static final int DIGIT = ORDER.indexOf('1');

  /** Sixteen bytes, one AES block, repeated in the ECB part. */
  static final String BLOCK = "role=user;admin=";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private GcmTamperDemo() {}

  public static void main(String[] args) throws GeneralSecurityException {
    System.out.println(
        "== AES modes under attack: GCM notices a flipped bit, CTR and ECB do not ==");
    System.out.println("Watch: CTR turns \"100\" into \"900\" without an error, GCM refuses,");
    System.out.println("       ECB repeats blocks, and a reused nonce gives away p1 XOR p2.");
    System.out.println();
    SecretKey key = aesKey();
    flipOneBit(key);
    ecbShowsStructure(key);
    nonceReuse(key);
    System.out.println();
    System.out.println(
        "You just saw: only an AEAD (GCM) detects tampering, ECB leaks equal blocks, and one"
            + " nonce twice undoes CTR and GCM.");
  }

  /** Part 1: the attacker XORs '1' ^ '9' into the digit's byte of the ciphertext. */
  static void flipOneBit(SecretKey key) throws GeneralSecurityException {
    byte[] plaintext = ORDER.getBytes(StandardCharsets.US_ASCII);
    byte delta = (byte) ('1' ^ '9');
    System.out.printf(
        "1. A flipped bit in transit: \"%s\", byte %d XOR 0x%02x ('1' ^ '9')%n",
        ORDER, DIGIT, delta);
    System.out.printf("   %-8s %s%n", "mode", "what decrypting the tampered ciphertext gives");

    byte[] iv = random(16);
    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
    ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    byte[] ctrText = ctr.doFinal(plaintext);
    ctrText[DIGIT] ^= delta; // the attacker knows where the amount is, not the key
    ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
    String changed = new String(ctr.doFinal(ctrText), StandardCharsets.US_ASCII);
    System.out.printf("   %-8s \"%s\"  accepted, no error%n", "AES-CTR", changed);

    byte[] nonce = random(12);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    byte[] gcmText = gcm.doFinal(plaintext);
    gcmText[DIGIT] ^= delta;
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    try {
      gcm.doFinal(gcmText);
      System.out.printf("   %-8s accepted (this must never happen)%n", "AES-GCM");
    } catch (AEADBadTagException e) {
      System.out.printf(
          "   %-8s %s: %s%n", "AES-GCM", e.getClass().getSimpleName(), e.getMessage());
    }
    System.out.println();
  }

  /** Part 2: equal plaintext blocks under ECB, beside GCM. */
  static void ecbShowsStructure(SecretKey key) throws GeneralSecurityException {
    String text = BLOCK.repeat(3) + "name=bob;uid=42;" + BLOCK.repeat(3) + "expires=2030-01;";
    byte[] plaintext = text.getBytes(StandardCharsets.US_ASCII);

    Cipher bare = Cipher.getInstance("AES");
    bare.init(Cipher.ENCRYPT_MODE, key);
    Cipher ecb = Cipher.getInstance("AES/ECB/PKCS5Padding");
    ecb.init(Cipher.ENCRYPT_MODE, key);
    byte[] ecbText = ecb.doFinal(plaintext);
    boolean same = Arrays.equals(bare.doFinal(plaintext), ecbText);

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, random(12)));
    byte[] gcmText = gcm.doFinal(plaintext);

    System.out.printf(
        "2. ECB: %d plaintext blocks, \"%s\" six times among them%n", plaintext.length / 16, BLOCK);
    System.out.printf(
        "   Cipher.getInstance(\"AES\") gives the same bytes as AES/ECB/PKCS5Padding: %s;"
            + " its IV: %s%n",
        same, bare.getIV() == null ? "none" : HEX.formatHex(bare.getIV()));
    System.out.printf("   %-8s %10s %10s %10s%n", "mode", "blocks", "distinct", "repeats");
    printBlocks("AES-ECB", ecbText, plaintext.length / 16);
    printBlocks("AES-GCM", gcmText, plaintext.length / 16);
    System.out.println(
        "   (the first "
            + plaintext.length / 16
            + " ciphertext blocks; ECB adds a padding"
            + " block, GCM a 16-byte tag)");
    System.out.println();
  }

  private static void printBlocks(String mode, byte[] ciphertext, int blocks) {
    Map<String, Integer> counts = new HashMap<>();
    for (int b = 0; b < blocks; b++) {
      counts.merge(HEX.formatHex(ciphertext, b * 16, b * 16 + 16), 1, Integer::sum);
    }
    System.out.printf(
        "   %-8s %10d %10d %10d%n", mode, blocks, counts.size(), blocks - counts.size());
  }

  /** Part 3: two messages under one key and one nonce. THE BUG, shown on purpose. */
  static void nonceReuse(SecretKey key) throws GeneralSecurityException {
    byte[] p1 = "transfer 100 EUR to bob ".getBytes(StandardCharsets.US_ASCII);
    byte[] p2 = "the PIN for card 7: 4711".getBytes(StandardCharsets.US_ASCII);
    byte[] nonce = random(12); // drawn once and then (the bug) used twice

    System.out.println("3. THE BUG, on purpose: one key, one nonce, two messages (AES-GCM)");
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    byte[] c1 = gcm.doFinal(p1);
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      System.out.println("   the same Cipher object accepted the nonce again");
    } catch (InvalidAlgorithmParameterException e) {
      System.out.println("   the same Cipher object refuses: " + e.getMessage());
    }
    Cipher another = Cipher.getInstance("AES/GCM/NoPadding"); // the JDK cannot see across objects
    another.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    byte[] c2 = another.doFinal(p2);
    System.out.println("   a second Cipher object accepts it: nothing stops the bug there");

    int n = Math.min(p1.length, p2.length);
    byte[] cx = xor(c1, c2, n);
    byte[] px = xor(p1, p2, n);
    System.out.printf("   c1 XOR c2 == p1 XOR p2 (first %d bytes): %s%n", n, Arrays.equals(cx, px));
    byte[] recovered = xor(cx, p1, n); // an attacker who knows or guesses p1
    System.out.printf(
        "   knowing p1 \"%s\", the attacker reads p2: \"%s\"%n",
        new String(p1, StandardCharsets.US_ASCII),
        new String(recovered, StandardCharsets.US_ASCII));
  }

  private static byte[] xor(byte[] a, byte[] b, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static SecretKey aesKey() throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256, RANDOM);
    return generator.generateKey();
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
