package dev.prep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grader for {@code crypto/mac-check}: HMAC-SHA256 against the RFC 4231 test vectors, a {@code
 * verify} that accepts exactly the right tag (every flipped bit, a truncated, empty, longer or
 * foreign tag is {@code false}), and, read from the learner's class file, the constant-time habit:
 * {@code verify} reaches {@code MessageDigest.isEqual} and no early-exit comparison.
 *
 * <p>Why the last part reads bytecode: a timing attack on a 32-byte comparison needs thousands of
 * careful measurements and is not reliable in a unit test on a shared machine, so the grader checks
 * the code instead of pretending to measure it.
 */
@DisplayName("mac-check: HMAC-SHA256 tags, and a verify that compares them in constant time")
class MacCheckTest {

  private static final HexFormat HEX = HexFormat.of();

  /** One RFC 4231 section 4 test case (HMAC-SHA-256 row only). */
  record Rfc4231(String name, byte[] key, byte[] data, String hmacSha256) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Rfc4231> rfc4231() {
    return List.of(
        new Rfc4231(
            "RFC 4231 test case 1: 20-byte key 0x0b.., \"Hi There\"",
            repeat(0x0b, 20),
            ascii("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        new Rfc4231(
            "RFC 4231 test case 2: key \"Jefe\", \"what do ya want for nothing?\"",
            ascii("Jefe"),
            ascii("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        new Rfc4231(
            "RFC 4231 test case 3: 20-byte key 0xaa.., 50 bytes 0xdd",
            repeat(0xaa, 20),
            repeat(0xdd, 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        new Rfc4231(
            "RFC 4231 test case 4: 25-byte key 0x0102..19, 50 bytes 0xcd",
            HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
            repeat(0xcd, 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        new Rfc4231(
            "RFC 4231 test case 6: 131-byte key 0xaa.. (longer than a block, hashed first)",
            repeat(0xaa, 131),
            ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        new Rfc4231(
            "RFC 4231 test case 7: 131-byte key 0xaa.., 152 bytes of data",
            repeat(0xaa, 131),
            ascii(
                "This is a test using a larger than block-size key and a larger than block-size"
                    + " data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @MethodSource("rfc4231")
  @Tag("task:1")
  @DisplayName("tag is HMAC-SHA256: the RFC 4231 test vectors, byte for byte")
  void tagMatchesRfc4231(Rfc4231 vector) throws GeneralSecurityException {
    byte[] tag = MacCheck.tag(vector.key().clone(), vector.data().clone());
    assertThat(tag)
        .as("tag(key, data) for %s: 32 bytes expected", vector.name())
        .isNotNull()
        .hasSize(32);
    assertThat(HEX.formatHex(tag))
        .as(
            "tag(key, data) for %s. Expected the RFC's HMAC-SHA-256 value; yours differs. Use"
                + " Mac.getInstance(\"HmacSHA256\") with new SecretKeySpec(key, \"HmacSHA256\") and"
                + " doFinal(message): HMAC is hash(key' ^ opad ‖ hash(key' ^ ipad ‖ message)), not"
                + " SHA-256(key ‖ message)",
            vector.name())
        .isEqualTo(vector.hmacSha256());
  }

  @Test
  @Tag("task:1")
  @DisplayName("tag depends on the key and on every message: same input, same tag; else another")
  void tagIsAFunctionOfKeyAndMessage() throws GeneralSecurityException {
    byte[] key = ascii("k3y");
    byte[] a = MacCheck.tag(key, ascii("pay 100 to bob"));
    assertThat(MacCheck.tag(key, ascii("pay 100 to bob")))
        .as("two tags of the same message under the same key (HMAC is deterministic)")
        .isEqualTo(a);
    assertThat(MacCheck.tag(key, ascii("pay 900 to bob")))
        .as("the tag of \"pay 900 to bob\" must differ from that of \"pay 100 to bob\"")
        .isNotEqualTo(a);
    assertThat(MacCheck.tag(ascii("k3Y"), ascii("pay 100 to bob")))
        .as("the tag under key \"k3Y\" must differ from the tag under \"k3y\"")
        .isNotEqualTo(a);
    assertThat(HEX.formatHex(MacCheck.tag(key, new byte[0])))
        .as("the tag of an empty message under key \"k3y\" (HMAC accepts empty messages)")
        .isEqualTo("6debfeadd8df80dd8b3762fd569962db0f3bfbbe252972c28341591bf823aa2c");
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @MethodSource("rfc4231")
  @Tag("task:2")
  @DisplayName("verify accepts the RFC 4231 tag for its key and data")
  void verifyAcceptsTheRightTag(Rfc4231 vector) throws GeneralSecurityException {
    assertThat(verify(vector.key(), vector.data(), HEX.parseHex(vector.hmacSha256())))
        .as("verify(key, data, the RFC's tag) for %s", vector.name())
        .isEqualTo("true");
  }

  @Test
  @Tag("task:2")
  @DisplayName("verify rejects the tag with any one of its 256 bits flipped")
  void verifyRejectsEveryFlippedBit() throws GeneralSecurityException {
    byte[] key = ascii("k3y");
    byte[] message = ascii("pay 100 to bob");
    byte[] right = MacCheck.tag(key, message);
    List<String> accepted = new ArrayList<>();
    for (int bit = 0; bit < right.length * 8; bit++) {
      byte[] forged = right.clone();
      forged[bit / 8] ^= (byte) (1 << (bit % 8));
      String result = verify(key, message, forged);
      if (!result.equals("false")) {
        accepted.add("byte " + bit / 8 + " bit " + bit % 8 + " -> " + result);
      }
    }
    assertThat(accepted.stream().limit(8).toList())
        .as(
            "verify must return false for every tag that differs from the right one in one bit;"
                + " yours did not for %d of the 256 (the first ones shown). A comparison of only"
                + " the first bytes?",
            accepted.size())
        .isEmpty();
  }

  @Test
  @Tag("task:2")
  @DisplayName("verify rejects truncated, empty and extended tags with false, not an exception")
  void verifyRejectsWrongLengths() throws GeneralSecurityException {
    byte[] key = ascii("k3y");
    byte[] message = ascii("pay 100 to bob");
    byte[] right = MacCheck.tag(key, message);
    for (int length : new int[] {0, 1, 16, 31, 33, 64}) {
      byte[] wrongLength = Arrays.copyOf(right, length); // a prefix, or the tag plus zero bytes
      assertThat(verify(key, message, wrongLength))
          .as(
              "verify with a %d-byte tag (%s) that %s the right 32-byte tag. A tag of the wrong"
                  + " length is wrong: return false. The classic bug loops over tag.length, so an"
                  + " empty tag compares nothing and verifies; MessageDigest.isEqual checks the"
                  + " length for you",
              length,
              length == 0 ? "empty" : HEX.formatHex(wrongLength),
              length < 32 ? "is a prefix of" : "starts with")
          .isEqualTo("false");
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("verify rejects a tag made for another message or under another key")
  void verifyRejectsForeignTags() throws GeneralSecurityException {
    byte[] key = ascii("k3y");
    byte[] otherMessage = MacCheck.tag(key, ascii("pay 900 to bob"));
    assertThat(verify(key, ascii("pay 100 to bob"), otherMessage))
        .as("verify(key, \"pay 100 to bob\", the tag of \"pay 900 to bob\")")
        .isEqualTo("false");
    byte[] otherKey = MacCheck.tag(ascii("k3Y"), ascii("pay 100 to bob"));
    assertThat(verify(key, ascii("pay 100 to bob"), otherKey))
        .as("verify under key \"k3y\" of a tag made under key \"k3Y\"")
        .isEqualTo("false");
    assertThat(verify(key, ascii("pay 100 to bob"), new byte[32]))
        .as("verify with 32 zero bytes as the tag")
        .isEqualTo("false");
  }

  /** Comparisons that stop at the first difference, by owner and method name. */
  private static final Set<String> EARLY_EXIT =
      Set.of(
          "java/util/Arrays.equals",
          "java/util/Arrays.mismatch",
          "java/util/Arrays.compare",
          "java/lang/String.equals",
          "java/lang/String.equalsIgnoreCase",
          "java/lang/String.contentEquals",
          "java/lang/String.compareTo",
          "java/nio/ByteBuffer.equals",
          "java/nio/ByteBuffer.mismatch",
          "java/math/BigInteger.equals",
          "java/util/Objects.equals");

  @Test
  @Tag("task:3")
  @DisplayName("verify compares with MessageDigest.isEqual and with no early-exit comparison")
  void verifyIsConstantTime() throws IOException {
    Set<String> calls = callsReachableFrom("verify");
    assertThat(calls)
        .as(
            "the methods your verify calls (directly or through methods of MacCheck). A unit test"
                + " cannot time a 32-byte comparison reliably, so this is a code check. Why it"
                + " matters: a comparison that returns at the first differing byte answers a"
                + " little sooner when the first byte is wrong than when it is right, so an"
                + " attacker who times many forged requests finds the tag for their own message"
                + " one byte at a time, about 32 x 256 tries instead of 2^256. Compare with"
                + " MessageDigest.isEqual(expected, tag), which reads every byte whatever it finds")
        .contains("java/security/MessageDigest.isEqual");
    List<String> early = calls.stream().filter(EARLY_EXIT::contains).toList();
    assertThat(early)
        .as(
            "comparisons your verify calls that stop at the first difference (or hex-encode the"
                + " tags to compare strings). Even beside isEqual they give the timing away:"
                + " compare the raw tag bytes with MessageDigest.isEqual only")
        .isEmpty();
  }

  /** verify's answer as text: "true", "false", or what it threw. */
  private static String verify(byte[] key, byte[] message, byte[] tag) {
    try {
      return String.valueOf(MacCheck.verify(key.clone(), message.clone(), tag.clone()));
    } catch (UnsupportedOperationException e) {
      throw e; // "not implemented yet" is reported by prep as such
    } catch (Exception e) {
      return "it threw " + e;
    }
  }

  /**
   * Every "owner.name" that {@code method} of the learner's MacCheck invokes, following calls to
   * MacCheck's own methods and into its lambdas (a private helper that compares counts as
   * verify's).
   */
  static Set<String> callsReachableFrom(String method) throws IOException {
    String self = "dev/prep/crypto/MacCheck";
    ClassModel model;
    try (InputStream in =
        MacCheck.class.getClassLoader().getResourceAsStream("dev/prep/crypto/MacCheck.class")) {
      if (in == null) {
        fail("could not read MacCheck.class to check how verify compares tags");
      }
      model = ClassFile.of().parse(in.readAllBytes());
    }
    Set<String> calls = new LinkedHashSet<>();
    Set<String> visited = new LinkedHashSet<>();
    var todo = new ArrayDeque<String>(List.of(method));
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!visited.add(name)) {
        continue;
      }
      for (MethodModel m : model.methods()) {
        String candidate = m.methodName().stringValue();
        boolean lambdaOfIt = candidate.startsWith("lambda$" + name + "$");
        if (lambdaOfIt) {
          todo.add(candidate); // a lambda's body is a synthetic method of the same class
        }
        if (!candidate.equals(name) || m.code().isEmpty()) {
          continue;
        }
        for (CodeElement element : m.code().get()) {
          if (element instanceof InvokeInstruction call) {
            String owner = call.owner().asInternalName();
            calls.add(owner + "." + call.name().stringValue());
            if (owner.equals(self)) {
              todo.add(call.name().stringValue());
            }
          }
        }
      }
    }
    return calls;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] repeat(int value, int count) {
    byte[] bytes = new byte[count];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
