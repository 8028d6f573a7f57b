package dev.prep.crypto.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("gcm-tamper: GCM rejects a flipped bit, CTR changes the text, ECB repeats blocks")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GcmTamperDemoTest {

  @Test
  @DisplayName("prints a title, what to watch, the three parts and a closing line")
  void output() throws Throwable {
    String out = DemoOutput.of(GcmTamperDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== AES modes under attack: GCM notices a flipped bit, CTR and ECB do not ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");

    // part 1: CTR is malleable, GCM authenticates
    assertThat(out).containsPattern("(?m)^   AES-CTR  \"pay 900 EUR to bob\"  accepted, no error$");
    assertThat(out).containsPattern("(?m)^   AES-GCM  AEADBadTagException: Tag mismatch$");
    assertThat(out).doesNotContain("this must never happen");

    // part 2: "AES" is ECB; ECB repeats the six equal blocks, GCM repeats none
    assertThat(out)
        .contains("Cipher.getInstance(\"AES\") gives the same bytes as AES/ECB/PKCS5Padding: true")
        .contains("its IV: none");
    assertThat(blocks(out, "AES-ECB")).containsExactly(8, 3, 5);
    assertThat(blocks(out, "AES-GCM")).containsExactly(8, 8, 0);

    // part 3: nonce reuse
    assertThat(out)
        .contains("the same Cipher object refuses: Cannot reuse iv for GCM encryption")
        .contains("c1 XOR c2 == p1 XOR p2 (first 24 bytes): true")
        .contains("the attacker reads p2: \"the PIN for card 7: 4711\"");
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("You just saw: ");
  }

  /** blocks, distinct, repeats of one row of part 2. */
  private static int[] blocks(String out, String mode) {
    Matcher m = Pattern.compile("(?m)^   " + mode + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$").matcher(out);
    assertThat(m.find()).as("a row for %s in:%n%s", mode, out).isTrue();
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }
}
