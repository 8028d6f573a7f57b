package dev.prep.crypto.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.security.KeyPairGenerator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("ml-kem: one shared 32-byte secret, implicit rejection, FIPS 203 and 204 sizes")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MlKemDemoTest {

  @Test
  @DisplayName(
      "prints sizes equal to FIPS 203/204, equal secrets, a silent tamper, both KEMs timed")
  void output() throws Throwable {
    String out = DemoOutput.of(MlKemDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== ML-KEM-768 with the JDK's KEM API, beside X25519 ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    assertThat(out)
        .containsPattern("(?m)^   encapsulation key, X.509 getEncoded\\(\\)\\s+1206\\s+-$")
        .containsPattern("(?m)^   encapsulation key, raw \\(in the DER\\)\\s+1184\\s+1184$")
        .containsPattern("(?m)^   ciphertext \\(encapsulation\\)\\s+1088\\s+1088$")
        .containsPattern("(?m)^   shared secret\\s+32\\s+32$")
        .contains("sender's secret equals receiver's: true")
        .contains(
            "one bit of the ciphertext flipped: no exception; secret differs: true (implicit"
                + " rejection)");
    assertThat(out)
        .containsPattern("(?m)^   ML-KEM-768\\s+\\d+\\s+\\d+\\s+\\d+\\s+1184\\s+1088$")
        .containsPattern("(?m)^   DHKEM\\(X25519\\)\\s+\\d+\\s+\\d+\\s+\\d+\\s+32\\s+32$")
        .containsPattern("(?m)^   ML-DSA-65\\s+1952\\s+3309\\s+1952\\s+3309\\s+true$")
        .containsPattern("(?m)^   Ed25519\\s+32\\s+64\\s+\\(32\\)\\s+\\(64\\)\\s+true$")
        .contains("JDK 25's TLS lacks it.");
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("You just saw: ");
  }

  @Test
  @DisplayName("rawKeyBytes takes the 32 raw bytes out of an X25519 key's 44-byte X.509 encoding")
  void rawKeyBytes() throws Exception {
    byte[] encoded =
        KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
    assertThat(encoded).hasSize(44);
    assertThat(MlKemDemo.rawKeyBytes(encoded))
        .hasSize(32)
        .isEqualTo(java.util.Arrays.copyOfRange(encoded, 12, 44));
  }
}
