package dev.prep.crypto.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TlsWire and JdkTlsLog: reading TLS bytes")
class TlsWireTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  @DisplayName("a record header is type, version, 16-bit length; the fragment follows")
  void records() {
    // change_cipher_spec (20), TLS 1.2 (0x0303), length 1, value 1; then an alert record
    byte[] wire = HEX.parseHex("140303000101" + "15030300020228");
    List<TlsWire.TlsRecord> records = TlsWire.records(wire);
    assertThat(records)
        .extracting(TlsWire.TlsRecord::typeName)
        .containsExactly("change_cipher_spec", "alert");
    assertThat(records).extracting(TlsWire.TlsRecord::wireLength).containsExactly(6, 7);
  }

  @Test
  @DisplayName("bytes cut in the middle of a record are refused, not misread")
  void truncated() {
    assertThatThrownBy(() -> TlsWire.records(HEX.parseHex("1603030010abcd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end in the middle");
  }

  @Test
  @DisplayName("a ServerHello's suite, supported_versions and key_share are read by name")
  void serverHello() {
    String body =
        "0303" // legacy_version TLS 1.2
            + "11".repeat(32) // random
            + "00" // empty legacy_session_id
            + "1301" // TLS_AES_128_GCM_SHA256
            + "00" // compression
            + "002e" // extensions: 46 bytes
            + "002b00020304" // supported_versions: TLS 1.3
            + "00330024001d0020"
            + "22".repeat(32); // key_share: x25519, 32 bytes
    byte[] message = HEX.parseHex("02" + "%06x".formatted(body.length() / 2) + body);
    List<TlsWire.Handshake> messages = TlsWire.handshakes(message);
    assertThat(messages).hasSize(1);
    assertThat(messages.getFirst().name()).isEqualTo("ServerHello");
    assertThat(messages.getFirst().length()).isEqualTo(message.length);
    assertThat(TlsWire.fields(messages.getFirst(), true))
        .containsExactly(
            java.util.Map.entry("legacy_version", "TLSv1.2"),
            java.util.Map.entry("cipher_suite", "TLS_AES_128_GCM_SHA256"),
            java.util.Map.entry("supported_versions", "TLSv1.3"),
            java.util.Map.entry("key_share", "x25519 (32 B)"));
  }

  @Test
  @DisplayName("CertificateVerify names its signature scheme (RFC 8446 §4.4.3)")
  void certificateVerify() {
    byte[] message = HEX.parseHex("0f000044" + "0807" + "0040" + "ab".repeat(64));
    var fields = TlsWire.fields(TlsWire.handshakes(message).getFirst(), true);
    assertThat(fields)
        .containsEntry("signature_scheme", "ed25519")
        .containsEntry("signature", "64 B");
  }

  @Test
  @DisplayName("the JDK's hex dump reads back into the bytes it shows, ASCII column ignored")
  void hexDump() {
    String dump =
        """
          0000: 14 00 00 30 D1 3B 3F CF   23 EB DF 8A B3 59 FD 67  ...0.;?.#....Y.g
          0010: FB C9 FA 8D 95 9A 0D EC   7F 3B 37 57 68 B1 C3 9A  .........;7Wh...
          0020: AA 67 17 24                                        .g.$
        """;
    byte[] bytes = JdkTlsLog.parseHexDump(dump);
    assertThat(HEX.formatHex(bytes))
        .isEqualTo("14000030d13b3fcf23ebdf8ab359fd67fbc9fa8d959a0dec7f3b375768b1c39aaa671724");
  }
}
