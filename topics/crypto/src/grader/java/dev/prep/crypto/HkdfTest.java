package dev.prep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grader for {@code crypto/hkdf}: the three SHA-256 test cases of RFC 5869 Appendix A (A.1 to A.3,
 * copied from the RFC and checked against the JDK), then the JDK's own HKDF ({@code
 * KDF.getInstance("HKDF-SHA256")}, JEP 510) as an oracle on inputs of many lengths.
 *
 * <p>When an output is wrong, the grader recomputes it the ways HKDF is usually got wrong (T(i)
 * without T(i-1), the counter starting at 0, salt and IKM swapped) and names the mistake that
 * matches. The random inputs come from a seeded {@link Random}: a grader needs inputs it can
 * reproduce, not secret ones. Keys in real code come from {@code SecureRandom}.
 */
@DisplayName("hkdf: HKDF-SHA256 (RFC 5869), extract then expand, on top of HmacSHA256")
class HkdfTest {

  private static final HexFormat HEX = HexFormat.of();

  /** One test case of RFC 5869 Appendix A: inputs, then PRK and OKM. */
  record RfcCase(
      String name, String ikm, String salt, String info, int length, String prk, String okm) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<RfcCase> rfcCases() {
    return Stream.of(
        new RfcCase(
            "A.1 basic",
            "0b".repeat(22),
            "000102030405060708090a0b0c",
            "f0f1f2f3f4f5f6f7f8f9",
            42,
            "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865"),
        new RfcCase(
            "A.2 longer inputs and outputs",
            range(0x00, 0x4f),
            range(0x60, 0xaf),
            range(0xb0, 0xff),
            82,
            "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
        new RfcCase(
            "A.3 zero-length salt and info",
            "0b".repeat(22),
            "",
            "",
            42,
            "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                + "9d201395faa4b61a96c8"));
  }

  // ---- task 1: extract ----

  @ParameterizedTest(name = "RFC 5869 {0}")
  @MethodSource("rfcCases")
  @Tag("task:1")
  @DisplayName("extract(salt, ikm) gives the PRK of RFC 5869 Appendix A")
  void extractMatchesTheRfc(RfcCase c) {
    byte[] salt = HEX.parseHex(c.salt());
    byte[] ikm = HEX.parseHex(c.ikm());
    byte[] prk = Hkdf.extract(salt, ikm);
    assertThat(HEX.formatHex(prk))
        .as(
            "extract(salt = %s, ikm = %s), RFC 5869 %s.%s",
            shortHex(salt), shortHex(ikm), c.name(), Wrong.extract(salt, ikm, prk))
        .isEqualTo(c.prk());
  }

  @Test
  @Tag("task:1")
  @DisplayName("a null or empty salt means 32 zero bytes (RFC 5869 §2.2)")
  void missingSaltIsHashLenZeros() {
    byte[] ikm = HEX.parseHex("0b".repeat(22));
    String expected = rfcCases().toList().get(2).prk();
    for (byte[] salt : new byte[][] {null, new byte[0], new byte[32]}) {
      String call = "extract(" + (salt == null ? "null" : salt.length + " bytes") + ", ikm)";
      byte[] prk;
      try {
        prk = Hkdf.extract(salt, ikm);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new AssertionError(
            call
                + " threw "
                + e
                + ". RFC 5869 §2.2: a salt that is not provided \"is set to a string of HashLen"
                + " zeros\", so null and empty both become new byte[32] before they key the HMAC"
                + " (SecretKeySpec refuses an empty key)",
            e);
      }
      assertThat(HEX.formatHex(prk))
          .as("%s: the PRK of RFC 5869 A.3, whose salt is empty, i.e. 32 zero bytes", call)
          .isEqualTo(expected);
    }
  }

  @Test
  @Tag("task:1")
  @DisplayName(
      "extract agrees with the JDK's HKDF-SHA256 on 200 random salts and IKMs of 0-100 bytes")
  void extractMatchesTheJdk() throws GeneralSecurityException {
    KDF kdf = KDF.getInstance("HKDF-SHA256");
    var random = new Random(5869);
    for (int i = 0; i < 200; i++) {
      byte[] salt = bytes(random, random.nextInt(101));
      byte[] ikm = bytes(random, random.nextInt(101));
      byte[] saltCopy = salt.clone();
      byte[] ikmCopy = ikm.clone();
      var spec = HKDFParameterSpec.ofExtract().addIKM(ikm);
      byte[] expected =
          kdf.deriveData((salt.length == 0 ? spec : spec.addSalt(salt)).extractOnly());
      byte[] prk = Hkdf.extract(salt, ikm);
      assertThat(HEX.formatHex(prk))
          .as(
              "extract(salt = %s, ikm = %s) against KDF HKDF-SHA256 extractOnly().%s",
              shortHex(salt), shortHex(ikm), Wrong.extract(salt, ikm, prk))
          .isEqualTo(HEX.formatHex(expected));
      assertThat(salt)
          .as("the salt after extract: inputs must not be modified")
          .isEqualTo(saltCopy);
      assertThat(ikm).as("the ikm after extract: inputs must not be modified").isEqualTo(ikmCopy);
    }
  }

  // ---- task 2: expand ----

  @ParameterizedTest(name = "RFC 5869 {0}")
  @MethodSource("rfcCases")
  @Tag("task:2")
  @DisplayName("expand(prk, info, L) gives the OKM of RFC 5869 Appendix A")
  void expandMatchesTheRfc(RfcCase c) {
    byte[] prk = HEX.parseHex(c.prk());
    byte[] info = HEX.parseHex(c.info());
    byte[] okm = Hkdf.expand(prk, info, c.length());
    assertOkm(
        "expand(PRK, info = " + shortHex(info) + ", L = " + c.length() + "), RFC 5869 " + c.name(),
        prk,
        info,
        HEX.parseHex(c.okm()),
        okm);
  }

  @ParameterizedTest(name = "L = {0}")
  @ValueSource(ints = {1, 31, 32, 33, 64, 65, 100, 8159, 8160})
  @Tag("task:2")
  @DisplayName("expand gives exactly L bytes, the JDK's bytes, at block edges and at the maximum")
  void expandLengths(int length) throws GeneralSecurityException {
    var random = new Random(length);
    byte[] prk = bytes(random, 32);
    byte[] info = bytes(random, 10);
    byte[] okm;
    try {
      okm = Hkdf.expand(prk, info, length);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          "expand(prk, info, "
              + length
              + ") threw "
              + e
              + ". Every L from 1 to 255 * 32 = 8160 is allowed (RFC 5869 §2.3: L <= 255*HashLen);"
              + " refuse only length <= 0 or length > MAX_LENGTH",
          e);
    }
    assertOkm(
        "expand(random PRK, 10-byte info, L = " + length + ")",
        prk,
        info,
        jdkExpand(prk, info, length),
        okm);
  }

  @ParameterizedTest(name = "L = {0}")
  @ValueSource(ints = {8161, 8192, 0, -1, Integer.MIN_VALUE})
  @Tag("task:2")
  @DisplayName("expand refuses L = 0, negative L and L > 255 * 32 = 8160 (RFC 5869 §2.3)")
  void expandRejectsBadLengths(int length) {
    byte[] prk = new byte[32];
    assertThatThrownBy(() -> Hkdf.expand(prk, new byte[0], length))
        .as(
            "expand(prk, info, %d) must throw IllegalArgumentException before any work: RFC 5869"
                + " §2.3 caps L at 255 * HashLen = 8160 because the counter i is one octet, and"
                + " this class refuses L <= 0 as the JDK's KDF does",
            length)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("task:2")
  @DisplayName("expand agrees with the JDK on 200 random PRKs, infos of 0-80 bytes and L of 1-300")
  void expandMatchesTheJdk() throws GeneralSecurityException {
    var random = new Random(8446);
    for (int i = 0; i < 200; i++) {
      byte[] prk = bytes(random, 32 + random.nextInt(33));
      byte[] info = bytes(random, random.nextInt(81));
      int length = 1 + random.nextInt(300);
      byte[] prkCopy = prk.clone();
      byte[] infoCopy = info.clone();
      byte[] okm = Hkdf.expand(prk, info, length);
      assertOkm(
          "expand(%d-byte PRK %s, info = %s, L = %d)"
              .formatted(prk.length, shortHex(prk), shortHex(info), length),
          prk,
          info,
          jdkExpand(prk, info, length),
          okm);
      assertThat(prk).as("the prk after expand: inputs must not be modified").isEqualTo(prkCopy);
      assertThat(info).as("the info after expand: inputs must not be modified").isEqualTo(infoCopy);
    }
  }

  // ---- task 3: extract then expand ----

  @Test
  @Tag("task:3")
  @DisplayName(
      "extract then expand agrees with the JDK's extract-then-expand (how TLS 1.3 uses it)")
  void extractThenExpandMatchesTheJdk() throws GeneralSecurityException {
    KDF kdf = KDF.getInstance("HKDF-SHA256");
    var random = new Random(7748);
    for (int i = 0; i < 50; i++) {
      byte[] salt = bytes(random, 1 + random.nextInt(64));
      byte[] sharedSecret = bytes(random, 32);
      byte[] info = bytes(random, random.nextInt(50));
      int length = 1 + random.nextInt(96);
      byte[] expected =
          kdf.deriveData(
              HKDFParameterSpec.ofExtract()
                  .addIKM(sharedSecret)
                  .addSalt(salt)
                  .thenExpand(info, length));
      byte[] prk = Hkdf.extract(salt, sharedSecret);
      assertOkm(
          "expand(extract(salt = %s, ikm = %s), info = %s, L = %d) against KDF HKDF-SHA256"
              .formatted(shortHex(salt), shortHex(sharedSecret), shortHex(info), length),
          prk,
          info,
          expected,
          Hkdf.expand(prk, info, length));
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("different info strings give unrelated keys from one PRK; equal inputs, equal keys")
  void infoSeparatesKeys() {
    byte[] prk = Hkdf.extract(null, HEX.parseHex("0b".repeat(22)));
    byte[] client = Hkdf.expand(prk, "c hs traffic".getBytes(StandardCharsets.US_ASCII), 32);
    byte[] server = Hkdf.expand(prk, "s hs traffic".getBytes(StandardCharsets.US_ASCII), 32);
    assertThat(HEX.formatHex(client))
        .as("the keys for info \"c hs traffic\" and \"s hs traffic\" from one PRK must differ")
        .isNotEqualTo(HEX.formatHex(server));
    assertThat(
            HEX.formatHex(Hkdf.expand(prk, "c hs traffic".getBytes(StandardCharsets.US_ASCII), 32)))
        .as("expand is a function: the same PRK, info and L must give the same bytes again")
        .isEqualTo(HEX.formatHex(client));
  }

  // ---- helpers ----

  /** Compares an OKM, naming the classic mistake that explains a wrong one. */
  private static void assertOkm(
      String call, byte[] prk, byte[] info, byte[] expected, byte[] actual) {
    assertThat(actual.length)
        .as(
            "%s returned %d bytes, expected exactly L = %d. Keep adding blocks T(1), T(2), ..."
                + " while fewer than L bytes are done, then copy only what is still missing of the"
                + " last block",
            call, actual.length, expected.length)
        .isEqualTo(expected.length);
    if (!Arrays.equals(expected, actual)) {
      int first = Arrays.mismatch(expected, actual);
      assertThat(HEX.formatHex(actual))
          .as(
              "%s: the first wrong byte is byte %d, in block T(%d).%s",
              call, first, first / 32 + 1, Wrong.expand(prk, info, actual))
          .isEqualTo(HEX.formatHex(expected));
    }
  }

  private static byte[] jdkExpand(byte[] prk, byte[] info, int length)
      throws GeneralSecurityException {
    return KDF.getInstance("HKDF-SHA256")
        .deriveData(HKDFParameterSpec.expandOnly(new SecretKeySpec(prk, "HKDF-PRK"), info, length));
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String range(int from, int to) {
    byte[] bytes = new byte[to - from + 1];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (from + i);
    }
    return HEX.formatHex(bytes);
  }

  private static String shortHex(byte[] bytes) {
    if (bytes.length == 0) {
      return "(empty)";
    }
    String hex = HEX.formatHex(bytes);
    return hex.length() <= 24 ? hex : hex.substring(0, 20) + "... (" + bytes.length + " bytes)";
  }

  /** The usual wrong versions of HKDF, recomputed to explain a wrong answer. */
  static final class Wrong {
    private Wrong() {}

    static String extract(byte[] salt, byte[] ikm, byte[] actual) {
      if (ikm.length > 0 && Arrays.equals(actual, hmac(ikm, salt))) {
        return " Yours is HMAC(key = ikm, message = salt): the two are swapped. In HKDF-Extract the"
            + " salt is the HMAC key and the IKM the message: PRK = HMAC-Hash(salt, IKM).";
      }
      return " Extract is one HMAC-SHA256 with the salt as key (32 zero bytes if there is none)"
          + " and the IKM as message.";
    }

    static String expand(byte[] prk, byte[] info, byte[] actual) {
      byte[] correct = okm(prk, info, actual.length, false, 0);
      int first = Arrays.mismatch(correct, actual);
      if (first > 0
          && Arrays.equals(
              actual,
              first,
              actual.length,
              new byte[actual.length - first],
              0,
              actual.length - first)) {
        return " Yours is right up to byte "
            + first
            + " and all zeros from there: the loop stopped"
            + " early. With L = "
            + actual.length
            + " you need ceil(L / 32) = "
            + (actual.length + 31) / 32
            + " blocks; the last one may be used only in part.";
      }
      if (Arrays.equals(actual, okm(prk, info, actual.length, true, 0))) {
        return " Yours equals T(i) = HMAC(PRK, info | i) without T(i-1): each block must start with"
            + " the previous block, T(i) = HMAC(PRK, T(i-1) | info | i), T(0) empty.";
      }
      if (Arrays.equals(actual, okm(prk, info, actual.length, false, -1))) {
        return " Yours equals the output with the counter starting at 0: the first block is"
            + " HMAC(PRK, info | 0x01), the counter octets are 0x01, 0x02, ...";
      }
      return " T(1) = HMAC(PRK, info | 0x01), T(i) = HMAC(PRK, T(i-1) | info | i) with i as one"
          + " octet; the output is the first L bytes of T(1) | T(2) | ...";
    }

    /** HKDF-Expand with an optional mistake: no chaining, or a counter shifted by {@code shift}. */
    private static byte[] okm(
        byte[] prk, byte[] info, int length, boolean dropPrevious, int shift) {
      byte[] out = new byte[length];
      byte[] previous = new byte[0];
      for (int i = 1, done = 0; done < length; i++) {
        byte[] message = concat(dropPrevious ? new byte[0] : previous, info, (byte) (i + shift));
        previous = hmac(prk, message);
        int n = Math.min(32, length - done);
        System.arraycopy(previous, 0, out, done, n);
        done += n;
      }
      return out;
    }

    private static byte[] concat(byte[] a, byte[] b, byte last) {
      byte[] out = Arrays.copyOf(a, a.length + b.length + 1);
      System.arraycopy(b, 0, out, a.length, b.length);
      out[out.length - 1] = last;
      return out;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
        return mac.doFinal(message);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
