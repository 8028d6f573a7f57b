package dev.prep.crypto.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;
import java.security.SignatureException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("InMemoryPki: a root CA and a server certificate, made with the JDK's keys")
class InMemoryPkiTest {

  @ParameterizedTest
  @EnumSource(InMemoryPki.KeyKind.class)
  @DisplayName("the leaf names localhost in its SAN and verifies under the root's key only")
  void chain(InMemoryPki.KeyKind kind) throws Exception {
    InMemoryPki pki = InMemoryPki.generate("Test Root", "localhost", kind);
    pki.root().verify(pki.root().getPublicKey()); // self-signed
    pki.leaf().verify(pki.root().getPublicKey());
    assertThatThrownBy(() -> pki.leaf().verify(pki.leaf().getPublicKey()))
        .isInstanceOf(SignatureException.class);
    assertThat(pki.root().getBasicConstraints())
        .as("the root is a CA")
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(pki.leaf().getBasicConstraints()).as("the leaf is not").isEqualTo(-1);
    assertThat(pki.leaf().getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
    assertThat(pki.leaf().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(pki.leaf().getIssuerX500Principal()).isEqualTo(pki.root().getSubjectX500Principal());
  }

  @ParameterizedTest
  @EnumSource(InMemoryPki.KeyKind.class)
  @DisplayName("BouncyCastle is no JCA provider here: the certificates are the JDK's classes")
  void jdkOnly(InMemoryPki.KeyKind kind) throws Exception {
    InMemoryPki pki = InMemoryPki.generate("Test Root", "localhost", kind);
    assertThat(Security.getProvider("BC")).isNull();
    assertThat(pki.leaf().getClass().getName()).startsWith("sun.security.x509.");
    assertThat(pki.leafKey().getClass().getName()).startsWith("sun.security.");
  }
}
