package dev.prep.crypto.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A two-level PKI made in memory for one run: a root CA (数字证书 issuer, self-signed, {@code CA:true})
 * and a server certificate for one host name (SAN {@code dNSName}, key usage digitalSignature,
 * extended key usage serverAuth), valid for one day. BouncyCastle's bcpkix only assembles and
 * DER-encodes the certificates; the keys come from the JDK's {@code KeyPairGenerator}, the
 * signatures from the JDK's {@code Signature} (its default providers), and BouncyCastle is never
 * registered as a JCA provider, so the TLS engine that uses them is the JDK's own. The server sends
 * only its own certificate; the client must already hold the root (a trust store 信任库), which is
 * what {@link #clientContext(X509Certificate)} builds.
 *
 * @param kind the key type of both certificates
 * @param root the root CA's self-signed certificate: what a client trusts
 * @param leaf the server's certificate, issued by {@code root}
 * @param leafKey the server's private key: it signs CertificateVerify in every handshake
 */
public record InMemoryPki(
    KeyKind kind, X509Certificate root, X509Certificate leaf, PrivateKey leafKey) {

  /** The key types JDK 25's TLS 1.3 accepts for a server certificate, with their JCA names. */
  public enum KeyKind {
    /** ECDSA over NIST P-256 (secp256r1): signature scheme ecdsa_secp256r1_sha256. */
    EC_P256("EC", "SHA256withECDSA"),
    /** EdDSA over edwards25519 (RFC 8032): signature scheme ed25519, fixed-size signatures. */
    ED25519("Ed25519", "Ed25519");

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    KeyKind(String keyAlgorithm, String signatureAlgorithm) {
      this.keyAlgorithm = keyAlgorithm;
      this.signatureAlgorithm = signatureAlgorithm;
    }

    KeyPair generate() throws GeneralSecurityException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
      if (this == EC_P256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] IN_MEMORY_PASSWORD = "in-memory only".toCharArray();

  /**
   * A root CA named {@code CN=<rootName>} and a leaf for {@code hostName}, both of {@code kind}.
   */
  public static InMemoryPki generate(String rootName, String hostName, KeyKind kind)
      throws GeneralSecurityException {
    KeyPair rootKeys = kind.generate();
    KeyPair leafKeys = kind.generate();
    Instant now = Instant.now();
    X500Name rootSubject = new X500Name("CN=" + rootName);
    try {
      X509v3CertificateBuilder rootBuilder =
          builder(rootSubject, now, rootSubject, rootKeys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509v3CertificateBuilder leafBuilder =
          builder(rootSubject, now, new X500Name("CN=" + hostName), leafKeys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
      return new InMemoryPki(
          kind,
          sign(rootBuilder, kind, rootKeys.getPrivate()),
          sign(leafBuilder, kind, rootKeys.getPrivate()),
          leafKeys.getPrivate());
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("could not build a certificate: " + e.getMessage(), e);
    }
  }

  /** A server-side context whose key manager offers {@link #leaf} and {@link #leafKey}. */
  public SSLContext serverContext() throws GeneralSecurityException {
    KeyStore keys = emptyKeyStore();
    keys.setKeyEntry("server", leafKey, IN_MEMORY_PASSWORD, new X509Certificate[] {leaf});
    KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
    factory.init(keys, IN_MEMORY_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  /**
   * A client-side context that trusts {@code trustedRoot} and nothing else (not the JDK's cacerts).
   */
  public static SSLContext clientContext(X509Certificate trustedRoot)
      throws GeneralSecurityException {
    KeyStore trusted = emptyKeyStore();
    trusted.setCertificateEntry("root", trustedRoot);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, Instant now, X500Name subject, KeyPair keys) {
    // 63 random bits with bit 62 set: always an 8-byte positive DER INTEGER, so sizes are stable
    BigInteger serial = new BigInteger(63, RANDOM).setBit(62);
    return new JcaX509v3CertificateBuilder(
        issuer,
        serial,
        Date.from(now.minus(Duration.ofMinutes(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, KeyKind kind, PrivateKey issuerKey)
      throws OperatorCreationException, GeneralSecurityException {
    // JcaContentSignerBuilder without setProvider: Signature.getInstance from the JDK's providers
    var signer = new JcaContentSignerBuilder(kind.signatureAlgorithm).build(issuerKey);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
  }
}
