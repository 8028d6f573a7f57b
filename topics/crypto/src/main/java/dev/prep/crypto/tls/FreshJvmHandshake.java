package dev.prep.crypto.tls;

import dev.prep.crypto.tls.HandshakeTranscript.Established;
import dev.prep.support.ProbeJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * One in-memory handshake in a child JVM started with {@code -Djavax.net.debug=}, so that the JDK's
 * TLS log is on from the start and the encrypted records can be read ({@link JdkTlsLog}). A JVM
 * that already ran TLS code without that property (a notebook that touched a trust manager earlier,
 * a test suite) can never turn the log on, so a notebook that must print the same transcript every
 * time asks a fresh JVM. The child's class path is this topic's classes and BouncyCastle's jars,
 * found from the classes themselves.
 */
public final class FreshJvmHandshake {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private FreshJvmHandshake() {}

  /**
   * The child: {@code args} are the protocol ({@code TLSv1.3} or {@code TLSv1.2}) and a {@link
   * InMemoryPki.KeyKind} name; prints the transcript, then one line with what was negotiated.
   */
  public static void main(String[] args) throws Exception {
    InMemoryPki pki =
        InMemoryPki.generate("Prep Root CA", "localhost", InMemoryPki.KeyKind.valueOf(args[1]));
    HandshakeTranscript transcript =
        InMemoryHandshake.run(
            pki.serverContext(), InMemoryPki.clientContext(pki.root()), "localhost", args[0], true);
    transcript.render().forEach(System.out::println);
    if (transcript.outcome() instanceof Established done) {
      System.out.printf(
          "negotiated: %s, %s, key exchange %s, signature %s, %d round trip%s%n",
          done.protocol(),
          done.cipherSuite(),
          done.namedGroup(),
          done.signatureScheme(),
          done.roundTrips(),
          done.roundTrips() == 1 ? "" : "s");
    } else {
      System.out.println("not established: " + transcript.outcome());
    }
  }

  /** Runs {@link #main} in a fresh JVM and returns what it printed. */
  public static List<String> transcript(String protocol, InMemoryPki.KeyKind kind)
      throws IOException, InterruptedException {
    ProbeJvm.Result child =
        ProbeJvm.run(
            FreshJvmHandshake.class,
            List.of(
                JcaX509v3CertificateBuilder.class, // bcpkix
                MiscObjectIdentifiers.class, // bcutil, which bcpkix's signer lookup needs
                X500Name.class), // bcprov
            List.of(
                "-Djavax.net.debug=", // empty: the JDK's TLS log goes to System.Logger
                "-XX:TieredStopAtLevel=1"), // a short run: C1 alone starts faster
            List.of(protocol, kind.name()),
            DEADLINE);
    if (child.timedOut()) {
      throw new IOException("the handshake JVM did not finish in " + DEADLINE.toSeconds() + " s");
    }
    if (child.exitCode() != 0) {
      throw new IOException(
          "the handshake JVM exited with " + child.exitCode() + ": " + child.lines());
    }
    return child.lines();
  }
}
