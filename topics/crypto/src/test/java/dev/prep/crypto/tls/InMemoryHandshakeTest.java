package dev.prep.crypto.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.crypto.tls.HandshakeTranscript.Established;
import dev.prep.crypto.tls.HandshakeTranscript.Failed;
import dev.prep.crypto.tls.HandshakeTranscript.Side;
import dev.prep.crypto.tls.HandshakeTranscript.Source;
import dev.prep.crypto.tls.HandshakeTranscript.WireRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("InMemoryHandshake: two SSLEngines, every record recorded")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemoryHandshakeTest {

  static {
    // like the demo: the JDK's TLS log on for this JVM, if no TLS class has been loaded yet
    if (System.getProperty("javax.net.debug") == null) {
      System.setProperty("javax.net.debug", "");
    }
  }

  private static InMemoryPki pki;
  private static SSLContext server;
  private static SSLContext client;

  @BeforeAll
  static void pki() throws Exception {
    pki = InMemoryPki.generate("Test Root", "localhost", InMemoryPki.KeyKind.EC_P256);
    server = pki.serverContext();
    client = InMemoryPki.clientContext(pki.root());
  }

  @Test
  @DisplayName("TLS 1.3: ClientHello, then ServerHello, then the encrypted flight; 1 round trip")
  void tls13() throws Exception {
    HandshakeTranscript t = InMemoryHandshake.run(server, client, "localhost", "TLSv1.3", false);

    assertThat(t.outcome()).isInstanceOf(Established.class);
    Established done = (Established) t.outcome();
    assertThat(done.protocol()).isEqualTo("TLSv1.3");
    assertThat(done.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(done.namedGroup()).as("from the ServerHello's key_share").isEqualTo("x25519");
    assertThat(done.roundTrips()).isEqualTo(1);
    // without the JDK's log the encrypted records are labelled from RFC 8446 §2, and say so
    assertThat(done.signatureScheme()).isEqualTo(TranscriptBuilder.NOT_OBSERVED);
    assertThat(t.messageNames())
        .containsExactly(
            "client ClientHello",
            "server ServerHello",
            "server EncryptedExtensions",
            "server Certificate",
            "server CertificateVerify",
            "server Finished",
            "client Finished",
            "server NewSessionTicket");
    assertThat(t.flights())
        .extracting(f -> f.from())
        .containsExactly(Side.CLIENT, Side.SERVER, Side.CLIENT, Side.SERVER);
    WireRecord serverHello = t.flights().get(1).records().getFirst();
    assertThat(serverHello.type()).isEqualTo("handshake");
    assertThat(serverHello.encrypted()).isFalse();
    assertThat(serverHello.messages().getFirst().source()).isEqualTo(Source.WIRE);
    assertThat(serverHello.messages().getFirst().fields())
        .containsEntry("supported_versions", "TLSv1.3")
        .containsEntry("legacy_version", "TLSv1.2")
        .containsEntry("key_share", "x25519 (32 B)");
    List<WireRecord> afterHello = t.flights().get(1).records().subList(1, 3);
    assertThat(afterHello)
        .extracting(WireRecord::type)
        .containsExactly("change_cipher_spec", "application_data");
    assertThat(afterHello.get(1).encrypted()).isTrue();
    assertThat(afterHello.get(1).note()).contains("RFC 8446 §2");
    assertThat(t.encryptedContentObserved()).isFalse();
  }

  @Test
  @DisplayName("ClientHello offers TLS 1.3 only, SNI localhost, and x25519 and P-256 key shares")
  void clientHello() throws Exception {
    HandshakeTranscript t = InMemoryHandshake.run(server, client, "localhost", "TLSv1.3", false);
    var hello = t.flights().getFirst().records().getFirst().messages().getFirst();
    assertThat(hello.name()).isEqualTo("ClientHello");
    assertThat(hello.fields())
        .containsEntry("supported_versions", "TLSv1.3")
        .containsEntry("server_name", "localhost")
        .containsEntry("key_share", "x25519 (32 B), secp256r1 (65 B)");
    assertThat(hello.fields().get("cipher_suites")).startsWith("TLS_AES_256_GCM_SHA384, ");
  }

  @Test
  @DisplayName("an untrusted root: the client refuses, the server receives certificate_unknown")
  void untrustedRoot() throws Exception {
    var stranger = InMemoryPki.generate("Other Root", "localhost", InMemoryPki.KeyKind.EC_P256);
    HandshakeTranscript t =
        InMemoryHandshake.run(
            server, InMemoryPki.clientContext(stranger.root()), "localhost", "TLSv1.3", false);
    assertThat(t.outcome())
        .isEqualTo(
            new Failed(
                Side.CLIENT,
                "SSLHandshakeException",
                "unable to find valid certification path to requested target",
                "certificate_unknown"));
    assertThat(t.flights().getLast().records().getLast().note()).isEqualTo("encrypted alert");
  }

  @Test
  @DisplayName("a wrong host name: the client finds no matching SAN and refuses")
  void wrongHost() throws Exception {
    HandshakeTranscript t = InMemoryHandshake.run(server, client, "example.com", "TLSv1.3", false);
    assertThat(t.outcome())
        .isEqualTo(
            new Failed(
                Side.CLIENT,
                "SSLHandshakeException",
                "No subject alternative DNS name matching example.com found.",
                "certificate_unknown"));
  }

  @Test
  @DisplayName("TLS 1.2 with ECDHE: 2 round trips; certificate and signed share in the clear")
  void tls12() throws Exception {
    HandshakeTranscript t = InMemoryHandshake.run(server, client, "localhost", "TLSv1.2", false);
    Established done = (Established) t.outcome();
    assertThat(done.protocol()).isEqualTo("TLSv1.2");
    assertThat(done.cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
    assertThat(done.roundTrips()).isEqualTo(2);
    assertThat(done.namedGroup()).isEqualTo("x25519");
    assertThat(done.signatureScheme()).isEqualTo("ecdsa_secp256r1_sha256");
    assertThat(t.messageNames())
        .startsWith(
            "client ClientHello",
            "server ServerHello",
            "server Certificate",
            "server ServerKeyExchange",
            "server ServerHelloDone",
            "client ClientKeyExchange");
    var certificate = t.flights().get(1).records().getFirst().messages().get(1);
    assertThat(certificate.source())
        .as("TLS 1.2 sends the certificate unencrypted")
        .isEqualTo(Source.WIRE);
  }

  @Test
  @DisplayName("in a JVM started with -Djavax.net.debug= the encrypted messages are observed")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void observedInFreshJvm() throws Exception {
    List<String> lines = FreshJvmHandshake.transcript("TLSv1.3", InMemoryPki.KeyKind.ED25519);
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain("not observed");
    assertThat(lines)
        .filteredOn(l -> l.startsWith("    ") && !l.startsWith("      "))
        .extracting(l -> l.strip().split(" ")[0])
        .containsExactly(
            "ClientHello",
            "ServerHello",
            "EncryptedExtensions",
            "Certificate",
            "CertificateVerify",
            "Finished",
            "Finished",
            "NewSessionTicket");
    assertThat(all)
        .contains("signature_scheme: ed25519; signature: 64 B")
        .contains("encrypted; content from the JDK's log");
    assertThat(lines.getLast())
        .isEqualTo(
            "negotiated: TLSv1.3, TLS_AES_256_GCM_SHA384, key exchange x25519, signature ed25519,"
                + " 1 round trip");
  }
}
