package dev.prep.crypto.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("tls-handshake: a TLS 1.3 transcript, two refusals, TLS 1.2 beside it")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsHandshakeDemoTest {

  static {
    // what topic.toml's jvm-options do for `prep demo`: the JDK's TLS log on from the start
    if (System.getProperty("javax.net.debug") == null) {
      System.setProperty("javax.net.debug", "");
    }
  }

  private static String out;
  private static List<String> lines;

  @BeforeAll
  static void run() throws Throwable {
    out = DemoOutput.of(TlsHandshakeDemo::main);
    lines = out.lines().toList();
  }

  @Test
  @DisplayName("a title, what to watch, the machine, and a closing line")
  void frame() {
    assertThat(lines.getFirst())
        .isEqualTo("== The TLS 1.3 handshake between two in-memory SSLEngines ==");
    assertThat(lines.get(1)).startsWith("Watch: ");
    assertThat(lines.get(2)).startsWith("Machine: JDK ");
    assertThat(lines.getLast())
        .isEqualTo(
            "You saw: TLS 1.3 keyed in 1 round trip and hid the certificate, TLS 1.2 took 2;"
                + " a wrong root or host name stops the client.");
    assertThat(out).doesNotContain("Exception in", "\tat ");
  }

  @Test
  @DisplayName("TLS 1.3: the messages in RFC 8446 order, the encrypted ones read from the JDK log")
  void tls13() {
    List<String> section = section("1. TLS 1.3", "2. ");
    assertThat(messages(section))
        .as("the JDK's TLS log was off in this JVM: did a TLS class load before this test?")
        .containsExactly(
            "ClientHello",
            "ServerHello",
            "EncryptedExtensions",
            "Certificate",
            "CertificateVerify",
            "Finished",
            "Finished",
            "NewSessionTicket");
    assertThat(section)
        .contains("Negotiated: TLSv1.3, TLS_AES_256_GCM_SHA384")
        .contains(
            "  key exchange: x25519 (ephemeral ECDHE); server signature: ecdsa_secp256r1_sha256")
        .contains(
            "  8 handshake messages in 4 flights; round trips before the client may send data: 1");
    assertThat(section.stream().filter(l -> l.startsWith("flight ")))
        .extracting(l -> l.substring(0, 26))
        .containsExactly(
            "flight 1  client → server ",
            "flight 2  server → client ",
            "flight 3  client → server ",
            "flight 4  server → client ");
  }

  @Test
  @DisplayName("refusals: the client notices, names the reason, the server receives the alert")
  void refusals() {
    List<String> section = section("2. The same handshake, refused", "3. ");
    assertThat(section)
        .contains(
            "  untrusted root   noticed by the client: unable to find valid certification path"
                + " to requested target",
            "  wrong host name  noticed by the client: No subject alternative DNS name matching"
                + " example.com found.");
    assertThat(section.stream().filter(l -> l.contains("the server received alert: ")))
        .hasSize(2)
        .allMatch(
            l ->
                l.endsWith(
                    "client threw SSLHandshakeException; the server received alert:"
                        + " certificate_unknown"));
  }

  @Test
  @DisplayName("TLS 1.2: ServerKeyExchange signs the ECDHE share; two round trips")
  void tls12() {
    List<String> section = section("3. TLS 1.2", "4. ");
    assertThat(messages(section))
        .containsExactly(
            "ClientHello",
            "ServerHello",
            "Certificate",
            "ServerKeyExchange",
            "ServerHelloDone",
            "ClientKeyExchange",
            "Finished",
            "NewSessionTicket",
            "Finished");
    assertThat(section)
        .contains("      signature_scheme: ecdsa_secp256r1_sha256")
        .anyMatch(l -> l.endsWith("round trips before the client may send data: 2"));
  }

  @Test
  @DisplayName("times: the first handshake and a warm median, labelled")
  void times() {
    List<String> section = section("4. Time", "You saw");
    assertThat(section).anyMatch(l -> l.matches("  first in this JVM +\\d+ ms .*"));
    assertThat(section).anyMatch(l -> l.matches("  warm, median of 15 +\\d+\\.\\d ms .*"));
  }

  /** The lines from the one starting with {@code from} up to the one starting with {@code to}. */
  private static List<String> section(String from, String to) {
    int start = indexOf(from, 0);
    return lines.subList(start, indexOf(to, start + 1));
  }

  private static int indexOf(String prefix, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with '" + prefix + "' in:\n" + out);
  }

  /** Handshake message names: the lines indented by exactly four spaces. */
  private static List<String> messages(List<String> section) {
    return section.stream()
        .filter(l -> l.startsWith("    ") && !l.startsWith("     "))
        .map(l -> l.strip().split(" ")[0])
        .toList();
  }
}
