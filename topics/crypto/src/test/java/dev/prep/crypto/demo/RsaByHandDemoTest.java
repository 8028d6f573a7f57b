package dev.prep.crypto.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prep.crypto.rsa.RawRsa;
import dev.prep.support.DemoOutput;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("rsa-by-hand: raw RSA equals NoPadding, CRT agrees, textbook RSA is deterministic")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RsaByHandDemoTest {

  private static String out;

  @BeforeAll
  static void runDemo() throws Throwable {
    out = DemoOutput.of(RsaByHandDemo::main, "--decryptions", "5"); // timings are not asserted
  }

  @Test
  @DisplayName("prints a title, what to watch, the machine, and a closing line")
  void frame() {
    List<String> lines = out.lines().toList();
    assertThat(lines.getFirst())
        .isEqualTo("== RSA by hand beside the JCA: the same bytes, then why raw RSA is unsafe ==");
    assertThat(lines.get(1)).startsWith("Watch: ");
    assertThat(out).contains("Machine: JDK ");
    assertThat(lines.getLast()).startsWith("You just saw: ");
    assertThat(out).doesNotContain("\u001b[");
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
  }

  @Test
  @DisplayName("part 1: e = 65537, n 2048 bits, p and q 1024 bits, d = e⁻¹ mod lcm(p-1, q-1)")
  void key() {
    assertThat(out)
        .contains("   e   = 65537 = 0x10001 = 2^16 + 1: true")
        .containsPattern("(?m)^   n    2048 bits")
        .containsPattern("(?m)^   p    1024 bits")
        .containsPattern("(?m)^   q    1024 bits")
        .containsPattern(
            "λ\\(n\\) = lcm\\(p - 1, q - 1\\) = φ\\(n\\) / gcd\\(p - 1, q - 1\\) = φ\\(n\\) / \\d+")
        .contains("d == e^-1 mod λ(n): yes");
  }

  @Test
  @DisplayName("part 2: modPow by hand and Cipher RSA/ECB/NoPadding are byte-identical")
  void byteIdentical() {
    Matcher hand =
        Pattern.compile("by hand: m.modPow\\(e, n\\)\\s+(\\S+) \\(256 bytes\\)").matcher(out);
    Matcher jca =
        Pattern.compile("Cipher RSA/ECB/NoPadding\\s+(\\S+) \\(256 bytes\\)").matcher(out);
    assertThat(hand.find()).as("the by-hand row").isTrue();
    assertThat(jca.find()).as("the JCA row").isTrue();
    assertThat(hand.group(1)).isEqualTo(jca.group(1));
    assertThat(out)
        .contains("byte-identical: yes")
        .contains("by hand back: c.modPow(d, n) = \"attack at dawn\"");
  }

  @Test
  @DisplayName("part 3: three timed decryption rows with positive times (ratios not asserted)")
  void timings() {
    assertThat(out).contains("3. Decryption, 5 times each after 10 warm-up rounds");
    for (String method :
        List.of(
            "c.modPow(d, n)",
            "CRT: c^dP mod p, c^dQ mod q, Garner",
            "JDK Cipher NoPadding (CRT + blinding)")) {
      Matcher row =
          Pattern.compile(Pattern.quote(method) + "\\s+(\\d+\\.\\d\\d) ms\\s+(\\d+\\.\\d)x")
              .matcher(out);
      assertThat(row.find()).as("a timing row for %s", method).isTrue();
      assertThat(Double.parseDouble(row.group(1))).as("ms per call, %s", method).isPositive();
    }
  }

  @Test
  @DisplayName("part 4: textbook RSA gives one ciphertext twice, OAEP two that both decrypt")
  void determinismVersusOaep() {
    assertThat(out)
        .containsPattern("(?m)^   textbook  (\\S+)  \\1  same: yes$")
        .containsPattern("(?m)^   OAEP      \\S+  \\S+  same: no$")
        .contains("both OAEP ciphertexts decrypt to \"attack at dawn\": yes");
  }

  @Test
  @DisplayName("part 5: Enc(1000) * 2^e mod n decrypts to 2000")
  void malleability() {
    assertThat(out).contains("the owner decrypts c': 2000 = 2 x 1000: yes");
  }

  @Test
  @DisplayName("part 6: PSS signatures differ, both verify, a changed message does not")
  void pss() {
    assertThat(out)
        .containsPattern("(?m)^   \\S+  \\S+  same: no  \\(256 bytes each\\)$")
        .contains("both verify: yes, yes")
        .contains("the first one against \"attack at dusk\": no");
  }

  @Test
  @DisplayName("RawRsa on a 512-bit JDK key: CRT = plain = Cipher NoPadding, encrypt undoes it")
  void rawRsaAgreesWithTheJdk() throws GeneralSecurityException {
    SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG"); // deterministic: a test key only
    seeded.setSeed(8017);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(512, seeded); // the JDK's minimum: fast, and enough to test arithmetic
    KeyPair pair = generator.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();
    int k = RawRsa.length(pub);
    assertThat(k).isEqualTo(64);
    Cipher jdk = Cipher.getInstance("RSA/ECB/NoPadding");
    jdk.init(Cipher.DECRYPT_MODE, priv);
    Random random = new Random(42); // test data, not key material
    for (int i = 0; i < 200; i++) {
      BigInteger c = new BigInteger(511, random);
      BigInteger plain = RawRsa.decrypt(priv, c);
      assertThat(RawRsa.decryptCrt(priv, c)).as("CRT for c #%d", i).isEqualTo(plain);
      assertThat(RawRsa.os2ip(jdk.doFinal(RawRsa.i2osp(c, k))))
          .as("the JDK's private-key operation for c #%d", i)
          .isEqualTo(plain);
      assertThat(RawRsa.encrypt(pub, plain)).as("encrypt(decrypt(c #%d))", i).isEqualTo(c);
    }
    assertThatThrownBy(() -> RawRsa.encrypt(pub, pub.getModulus()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message representative out of range");
    assertThatThrownBy(() -> RawRsa.decryptCrt(priv, BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ciphertext representative out of range");
    assertThat(RawRsa.i2osp(BigInteger.valueOf(0x0102), 4)).containsExactly(0, 0, 1, 2);
    assertThat(RawRsa.i2osp(BigInteger.valueOf(0xff), 1)).containsExactly(0xff);
    assertThat(RawRsa.os2ip(new byte[] {(byte) 0xff})).isEqualTo(BigInteger.valueOf(255));
    assertThatThrownBy(() -> RawRsa.i2osp(BigInteger.valueOf(256), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("integer too large");
  }
}
