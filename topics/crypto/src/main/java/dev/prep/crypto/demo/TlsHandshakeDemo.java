package dev.prep.crypto.demo;

import dev.prep.crypto.tls.HandshakeTranscript;
import dev.prep.crypto.tls.HandshakeTranscript.Established;
import dev.prep.crypto.tls.HandshakeTranscript.Failed;
import dev.prep.crypto.tls.InMemoryHandshake;
import dev.prep.crypto.tls.InMemoryPki;
import dev.prep.crypto.tls.InMemoryPki.KeyKind;
import dev.prep.support.Machine;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/*
 * The TLS 1.3 handshake (HTTPS 握手), message by message, between two SSLEngines in one JVM.
 *
 * An HTTPS client and server agree on keys in the open. In TLS 1.3 (RFC 8446 §2) the client's
 * first flight already carries its ephemeral (EC)DH public key ("key_share", 密钥交换) for the
 * groups it guesses the server accepts; the server answers with ServerHello and its own share,
 * and from then on both sides hold the same secret and the rest of the server's flight is
 * encrypted: EncryptedExtensions, Certificate (its chain, 数字证书), CertificateVerify (a
 * signature with the certificate's PRIVATE key over the transcript so far, proving it holds that
 * key, 数字签名) and Finished (an HMAC over the transcript). The client checks the chain up to a
 * root it already trusts, checks the host name against the certificate's SAN, checks the
 * signature with the certificate's PUBLIC key, and sends its own Finished: one round trip. The
 * private key never encrypts anything: it only signs, and the ephemeral shares are thrown away
 * after the handshake, which is forward secrecy (前向安全).
 *
 * The set-up. A root CA and a server certificate for "localhost" are made in memory (InMemoryPki:
 * BouncyCastle builds the DER, the JDK makes the keys and signatures). The client trusts only
 * that root, sends SNI "localhost" and checks the host name ("HTTPS" endpoint identification).
 * InMemoryHandshake moves every byte between the two engines and records it.
 *
 * What is observed, and how. Records and the plaintext messages (ClientHello, ServerHello, the
 * dummy change_cipher_spec) are parsed from the bytes on the wire. The encrypted records cannot
 * be decrypted here (the JDK exposes no traffic secrets), but started with -Djavax.net.debug=
 * (EMPTY value) the JDK hands its TLS log to System.Logger "javax.net.ssl", including a hex dump
 * of every record right after it decrypted it (sun.security.ssl.SSLLogger, SSLCipher); JdkTlsLog
 * reads those dumps back into bytes, and the same parser names the messages. main() sets the
 * property when it is unset, which works only before any TLS class is loaded; `prep demo` also
 * passes it on the command line (topic.toml). When the log is off, the transcript says so and
 * labels encrypted records with what RFC 8446 §2 says they carry.
 *
 * Then the same handshake fails twice: the client trusts a different root (the chain does not
 * lead to a trust anchor), and the client expects "example.com" (the SAN says localhost). Then a
 * TLS 1.2 handshake with ECDHE for contrast: two round trips, and the certificate and the
 * server's signed ECDHE share (ServerKeyExchange) cross the wire in the clear.
 *
 * What you should see: TLSv1.3 with TLS_AES_256_GCM_SHA384 (the JDK 25 client lists it first),
 * x25519 as the key exchange, 8 handshake messages in 4 flights, 1 round trip; both failures
 * noticed by the client, which sends an alert; 2 round trips for TLS 1.2. Times depend on the
 * machine; the first handshake in a JVM pays for class loading.
 *
 * Run: prep demo crypto tls-handshake            (EC P-256 certificates)
 *      prep demo crypto tls-handshake -- --ed25519
 */
public final class TlsHandshakeDemo {

  static final String HOST = "localhost";
  static final String WRONG_HOST = "example.com";
  static final int WARM_UPS = 5;
  static final int TIMED = 15;

  private TlsHandshakeDemo() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("javax.net.debug") == null) {
      System.setProperty("javax.net.debug", ""); // effective only before TLS classes load
    }
    KeyKind kind = List.of(args).contains("--ed25519") ? KeyKind.ED25519 : KeyKind.EC_P256;
    System.out.println("== The TLS 1.3 handshake between two in-memory SSLEngines ==");
    System.out.println(
        "Watch: one round trip; all after ServerHello encrypted; the server signs the transcript"
            + " with its private key.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println();

    long start = System.nanoTime();
    InMemoryPki pki = InMemoryPki.generate("Prep Root CA", HOST, kind);
    long pkiMillis = (System.nanoTime() - start) / 1_000_000;
    SSLContext server = pki.serverContext();
    SSLContext client = InMemoryPki.clientContext(pki.root());
    // timed first, before anything else in this JVM has run a handshake, with the log off
    long firstMillis =
        InMemoryHandshake.run(server, client, HOST, "TLSv1.3", false).wall().toMillis();

    printCertificates(pki, pkiMillis);
    HandshakeTranscript tls13 = InMemoryHandshake.run(server, client, HOST, "TLSv1.3", true);
    System.out.println("1. TLS 1.3, the client connects to \"" + HOST + "\"");
    tls13.render().forEach(System.out::println);
    printEstablished(tls13);
    System.out.println();

    System.out.println("2. The same handshake, refused");
    InMemoryPki stranger = InMemoryPki.generate("Some Other Root CA", HOST, kind);
    printFailure(
        "untrusted root",
        InMemoryHandshake.run(
            server, InMemoryPki.clientContext(stranger.root()), HOST, "TLSv1.3", false));
    printFailure(
        "wrong host name", InMemoryHandshake.run(server, client, WRONG_HOST, "TLSv1.3", false));
    System.out.println();

    System.out.println("3. TLS 1.2 with ECDHE, for contrast");
    HandshakeTranscript tls12 = InMemoryHandshake.run(server, client, HOST, "TLSv1.2", true);
    tls12.render().forEach(System.out::println);
    printEstablished(tls12);
    System.out.println();

    printTimes(server, client, firstMillis);
    System.out.println();
    System.out.println(conclusion(tls13, tls12));
  }

  private static void printCertificates(InMemoryPki pki, long millis) {
    System.out.printf(
        "Certificates, made in memory in %d ms (%s keys; BouncyCastle builds, the JDK signs):%n",
        millis, pki.kind() == KeyKind.ED25519 ? "Ed25519" : "EC P-256");
    System.out.println(describe("root", pki.root(), "self-signed, CA:true"));
    System.out.println(describe("leaf", pki.leaf(), "SAN dNSName=" + HOST + ", serverAuth"));
    System.out.println(
        "  The client trusts the root alone; the server sends the leaf alone"
            + " and signs with the leaf's private key.");
    System.out.println();
  }

  private static String describe(String role, X509Certificate certificate, String what) {
    try {
      return "  %-5s %-24s issued by %-18s %4d B  %s"
          .formatted(
              role,
              certificate.getSubjectX500Principal().getName(),
              certificate.getIssuerX500Principal().getName(),
              certificate.getEncoded().length,
              what);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void printEstablished(HandshakeTranscript transcript) {
    if (!(transcript.outcome() instanceof Established done)) {
      System.out.println("Not established: " + transcript.outcome());
      return;
    }
    System.out.printf("Negotiated: %s, %s%n", done.protocol(), done.cipherSuite());
    System.out.printf(
        "  key exchange: %s (ephemeral ECDHE); server signature: %s%n",
        done.namedGroup(), done.signatureScheme());
    System.out.printf(
        "  %d handshake messages in %d flights; round trips before the client may send data: %d%n",
        transcript.messageNames().size(), transcript.flights().size(), done.roundTrips());
    if (!transcript.encryptedContentObserved()) {
      System.out.println(
          "  (encrypted records not observed: this JVM's TLS log is off; start it with"
              + " -Djavax.net.debug= to see inside them)");
    }
  }

  static void printFailure(String label, HandshakeTranscript transcript) {
    if (!(transcript.outcome() instanceof Failed failed)) {
      System.out.printf("  %-16s unexpectedly succeeded: %s%n", label, transcript.outcome());
      return;
    }
    String side = failed.noticedBy().name().toLowerCase(Locale.ROOT);
    String peer = failed.noticedBy().peer().name().toLowerCase(Locale.ROOT);
    System.out.printf("  %-16s noticed by the %s: %s%n", label, side, failed.reason());
    System.out.printf(
        "  %-16s %s threw %s; the %s received alert: %s%n",
        "", side, failed.exception(), peer, failed.alert());
  }

  private static void printTimes(SSLContext server, SSLContext client, long firstMillis)
      throws Exception {
    for (int i = 0; i < WARM_UPS; i++) {
      InMemoryHandshake.run(server, client, HOST, "TLSv1.3", false);
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < TIMED; i++) {
      micros.add(
          InMemoryHandshake.run(server, client, HOST, "TLSv1.3", false).wall().toNanos() / 1000);
    }
    micros.sort(null);
    System.out.println("4. Time per full TLS 1.3 handshake (new session each time, log off):");
    System.out.printf(
        "  first in this JVM      %6d ms   (class loading, nothing compiled yet)%n", firstMillis);
    System.out.printf(
        Locale.ROOT,
        "  warm, median of %-2d     %6.1f ms   (after %d warm-ups; min %.1f, max %.1f)%n",
        TIMED,
        micros.get(TIMED / 2) / 1000.0,
        WARM_UPS,
        micros.getFirst() / 1000.0,
        micros.getLast() / 1000.0);
  }

  static String conclusion(HandshakeTranscript tls13, HandshakeTranscript tls12) {
    int rt13 = tls13.outcome() instanceof Established e ? e.roundTrips() : -1;
    int rt12 = tls12.outcome() instanceof Established e ? e.roundTrips() : -1;
    return ("You saw: TLS 1.3 keyed in %d round trip and hid the certificate, TLS 1.2 took %d;"
            + " a wrong root or host name stops the client.")
        .formatted(rt13, rt12);
  }
}
