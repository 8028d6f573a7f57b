package dev.prep.crypto.tls;

import java.util.Map;

/**
 * The TLS numbers this package prints by name: record content types (RFC 8446 §5.1), handshake
 * message types (§4), extension types (§4.2), named groups (§4.2.7), signature schemes (§4.2.3),
 * protocol versions (§4.2.1), alerts (§6) and the cipher suites a JDK 25 handshake shows (§B.4 for
 * TLS 1.3, RFC 8422 and RFC 5289 for the TLS 1.2 ECDHE ones). Codes missing here print as hex.
 */
public final class TlsCodePoints {

  private TlsCodePoints() {}

  private static final Map<Integer, String> CONTENT_TYPES =
      Map.of(20, "change_cipher_spec", 21, "alert", 22, "handshake", 23, "application_data");

  private static final Map<Integer, String> HANDSHAKE_TYPES =
      Map.ofEntries(
          Map.entry(1, "ClientHello"),
          Map.entry(2, "ServerHello"),
          Map.entry(4, "NewSessionTicket"),
          Map.entry(5, "EndOfEarlyData"),
          Map.entry(8, "EncryptedExtensions"),
          Map.entry(11, "Certificate"),
          Map.entry(12, "ServerKeyExchange"), // TLS 1.2 only (RFC 5246 §7.4.3)
          Map.entry(13, "CertificateRequest"),
          Map.entry(14, "ServerHelloDone"), // TLS 1.2 only (RFC 5246 §7.4.5)
          Map.entry(15, "CertificateVerify"),
          Map.entry(16, "ClientKeyExchange"), // TLS 1.2 only (RFC 5246 §7.4.7)
          Map.entry(20, "Finished"),
          Map.entry(22, "CertificateStatus"),
          Map.entry(24, "KeyUpdate"));

  private static final Map<Integer, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry(0, "server_name"),
          Map.entry(5, "status_request"),
          Map.entry(10, "supported_groups"),
          Map.entry(11, "ec_point_formats"),
          Map.entry(13, "signature_algorithms"),
          Map.entry(16, "application_layer_protocol_negotiation"),
          Map.entry(17, "status_request_v2"),
          Map.entry(23, "extended_master_secret"),
          Map.entry(35, "session_ticket"),
          Map.entry(41, "pre_shared_key"),
          Map.entry(42, "early_data"),
          Map.entry(43, "supported_versions"),
          Map.entry(44, "cookie"),
          Map.entry(45, "psk_key_exchange_modes"),
          Map.entry(47, "certificate_authorities"),
          Map.entry(50, "signature_algorithms_cert"),
          Map.entry(51, "key_share"),
          Map.entry(0xff01, "renegotiation_info"));

  private static final Map<Integer, String> NAMED_GROUPS =
      Map.ofEntries(
          Map.entry(0x0017, "secp256r1"),
          Map.entry(0x0018, "secp384r1"),
          Map.entry(0x0019, "secp521r1"),
          Map.entry(0x001d, "x25519"),
          Map.entry(0x001e, "x448"),
          Map.entry(0x0100, "ffdhe2048"),
          Map.entry(0x0101, "ffdhe3072"),
          Map.entry(0x0102, "ffdhe4096"),
          Map.entry(0x0103, "ffdhe6144"),
          Map.entry(0x0104, "ffdhe8192"),
          Map.entry(0x11ec, "X25519MLKEM768")); // draft-ietf-tls-ecdhe-mlkem; not in JDK 25 TLS

  private static final Map<Integer, String> SIGNATURE_SCHEMES =
      Map.ofEntries(
          Map.entry(0x0201, "rsa_pkcs1_sha1"),
          Map.entry(0x0203, "ecdsa_sha1"),
          Map.entry(0x0401, "rsa_pkcs1_sha256"),
          Map.entry(0x0501, "rsa_pkcs1_sha384"),
          Map.entry(0x0601, "rsa_pkcs1_sha512"),
          Map.entry(0x0403, "ecdsa_secp256r1_sha256"),
          Map.entry(0x0503, "ecdsa_secp384r1_sha384"),
          Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
          Map.entry(0x0804, "rsa_pss_rsae_sha256"),
          Map.entry(0x0805, "rsa_pss_rsae_sha384"),
          Map.entry(0x0806, "rsa_pss_rsae_sha512"),
          Map.entry(0x0807, "ed25519"),
          Map.entry(0x0808, "ed448"),
          Map.entry(0x0809, "rsa_pss_pss_sha256"),
          Map.entry(0x080a, "rsa_pss_pss_sha384"),
          Map.entry(0x080b, "rsa_pss_pss_sha512"));

  private static final Map<Integer, String> VERSIONS =
      Map.of(0x0301, "TLSv1", 0x0302, "TLSv1.1", 0x0303, "TLSv1.2", 0x0304, "TLSv1.3");

  private static final Map<Integer, String> CIPHER_SUITES =
      Map.ofEntries(
          Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
          Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
          Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"),
          Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
          Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
          Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));

  private static final Map<Integer, String> ALERTS =
      Map.ofEntries(
          Map.entry(0, "close_notify"),
          Map.entry(10, "unexpected_message"),
          Map.entry(20, "bad_record_mac"),
          Map.entry(40, "handshake_failure"),
          Map.entry(42, "bad_certificate"),
          Map.entry(43, "unsupported_certificate"),
          Map.entry(46, "certificate_unknown"),
          Map.entry(48, "unknown_ca"),
          Map.entry(50, "decode_error"),
          Map.entry(51, "decrypt_error"),
          Map.entry(70, "protocol_version"),
          Map.entry(80, "internal_error"),
          Map.entry(109, "missing_extension"),
          Map.entry(112, "unrecognized_name"));

  /** A record's content type: {@code 22} is {@code "handshake"}. */
  public static String contentType(int code) {
    return CONTENT_TYPES.getOrDefault(code, unknown(code));
  }

  /** A handshake message type: {@code 1} is {@code "ClientHello"}. */
  public static String handshakeType(int code) {
    return HANDSHAKE_TYPES.getOrDefault(code, unknown(code));
  }

  /** An extension type: {@code 51} is {@code "key_share"}. */
  public static String extension(int code) {
    return EXTENSIONS.getOrDefault(code, unknown(code));
  }

  /** A named group: {@code 0x001d} is {@code "x25519"}. */
  public static String namedGroup(int code) {
    return NAMED_GROUPS.getOrDefault(code, unknown(code));
  }

  /** A signature scheme: {@code 0x0403} is {@code "ecdsa_secp256r1_sha256"}. */
  public static String signatureScheme(int code) {
    return SIGNATURE_SCHEMES.getOrDefault(code, unknown(code));
  }

  /** A protocol version: {@code 0x0304} is {@code "TLSv1.3"}. */
  public static String version(int code) {
    return VERSIONS.getOrDefault(code, unknown(code));
  }

  /** A cipher suite: {@code 0x1302} is {@code "TLS_AES_256_GCM_SHA384"}. */
  public static String cipherSuite(int code) {
    return CIPHER_SUITES.getOrDefault(code, unknown(code));
  }

  /** An alert description: {@code 46} is {@code "certificate_unknown"}. */
  public static String alert(int code) {
    return ALERTS.getOrDefault(code, unknown(code));
  }

  private static String unknown(int code) {
    return "0x%04x".formatted(code);
  }
}
