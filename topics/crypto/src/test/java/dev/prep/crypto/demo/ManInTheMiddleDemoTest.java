package dev.prep.crypto.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.crypto.demo.ManInTheMiddleDemo.Attack;
import dev.prep.crypto.demo.ManInTheMiddleDemo.Authenticated;
import dev.prep.crypto.demo.ManInTheMiddleDemo.Unauthenticated;
import dev.prep.support.DemoOutput;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName(
    "man-in-the-middle: Mallory reads and rewrites an unauthenticated exchange, not a signed one")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ManInTheMiddleDemoTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  @DisplayName("unauthenticated: Mallory holds each victim's key, reads and rewrites, both succeed")
  void unauthenticated() throws GeneralSecurityException {
    Unauthenticated run = ManInTheMiddleDemo.unauthenticated(QUIET);
    assertThat(run.aliceKey()).as("Alice's key against Bob's").isNotEqualTo(run.bobKey());
    assertThat(run.aliceKey())
        .as("Alice's key against Mallory's key with Alice")
        .isEqualTo(run.malloryWithAlice());
    assertThat(run.bobKey())
        .as("Bob's key against Mallory's key with Bob")
        .isEqualTo(run.malloryWithBob());
    assertThat(run.malloryRead()).as("what Mallory read").isEqualTo(ManInTheMiddleDemo.ORDER);
    assertThat(run.bobReceived())
        .as("what Bob decrypted, with a valid tag: Mallory's version")
        .isEqualTo(ManInTheMiddleDemo.ALTERED)
        .isNotEqualTo(ManInTheMiddleDemo.ORDER);
    assertThat(run.aliceReceived())
        .as("Bob's reply as Alice decrypted it")
        .isEqualTo(ManInTheMiddleDemo.REPLY);
  }

  @Test
  @DisplayName(
      "signed shares: verification succeeds without Mallory and fails on each substitution")
  void authenticated() throws GeneralSecurityException {
    KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
    KeyPair aliceId = ed25519.generateKeyPair();
    KeyPair bobId = ed25519.generateKeyPair();
    KeyPair malloryId = ed25519.generateKeyPair();

    Authenticated honest =
        ManInTheMiddleDemo.authenticated(Attack.NONE, aliceId, bobId, malloryId, QUIET);
    assertThat(honest.bobVerified()).as("Bob verifies Alice's signed share").isTrue();
    assertThat(honest.aliceVerified()).as("Alice verifies Bob's signed share").isTrue();
    assertThat(honest.completed()).as("the handshake without Mallory completes").isTrue();
    assertThat(honest.aliceKey()).as("Alice's key against Bob's").isEqualTo(honest.bobKey());
    assertThat(honest.bobReceived()).isEqualTo(ManInTheMiddleDemo.ORDER);
    assertThat(honest.malloryCouldOpen())
        .as("whether a passive Mallory opened the message with her own key")
        .isFalse();

    for (Attack attack : new Attack[] {Attack.SWAP_SHARE, Attack.SIGN_OWN_SHARE}) {
      Authenticated attacked =
          ManInTheMiddleDemo.authenticated(attack, aliceId, bobId, malloryId, QUIET);
      assertThat(attacked.bobVerified())
          .as("Bob's verification of the substituted share under %s", attack)
          .isFalse();
      assertThat(attacked.completed()).as("the handshake under %s", attack).isFalse();
      assertThat(attacked.bobReceived()).as("what Bob decrypted under %s", attack).isEmpty();
    }
  }

  @Test
  @DisplayName("the demo prints a title, what to watch, both parts and a closing line")
  void output() throws Throwable {
    String out = DemoOutput.of(ManInTheMiddleDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue(
            "== A man in the middle of an X25519 key exchange, and signed shares that stop it ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    assertThat(out)
        .contains(
            "Alice's key = Bob's? no. Alice's = Mallory's first? yes. Bob's = Mallory's second? yes.")
        .contains("Mallory opens it:    \"" + ManInTheMiddleDemo.ORDER + "\"")
        .contains("Bob opens it (tag valid): \"" + ManInTheMiddleDemo.ALTERED + "\"")
        .contains("(that signature verifies under Mallory's own key: yes)")
        .contains("tag mismatch, she reads nothing");
    assertThat(out.split("Bob verifies the signature with Alice's known public key: valid", -1))
        .as("valid verifications by Bob: only the run without Mallory")
        .hasSize(2);
    assertThat(out.split("INVALID -> Bob aborts the handshake", -1))
        .as("aborted handshakes: the two runs with Mallory")
        .hasSize(3);
    List<String> lines = out.lines().toList();
    assertThat(lines.get(lines.size() - 2))
        .as("the closing sentence, on the last two lines")
        .startsWith("You just saw: ");
    assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
  }
}
