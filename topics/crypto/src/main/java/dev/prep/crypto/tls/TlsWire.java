package dev.prep.crypto.tls;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.IntFunction;

/**
 * Reads TLS bytes: records (RFC 8446 §5.1: type, legacy version, 16-bit length, fragment),
 * handshake messages (§4: msg_type, 24-bit length, body) and the fields of the messages worth
 * printing. It only reads what it is given; encrypted records stay opaque unless someone hands it
 * their decrypted content.
 */
public final class TlsWire {

  private TlsWire() {}

  /** One record as it crossed the wire; {@code fragment} is what follows the 5-byte header. */
  public record TlsRecord(int contentType, int version, byte[] fragment) {

    /** {@code "handshake"}, {@code "application_data"}, ... */
    public String typeName() {
      return TlsCodePoints.contentType(contentType);
    }

    /** Bytes on the wire: the 5-byte header plus the fragment. */
    public int wireLength() {
      return 5 + fragment.length;
    }
  }

  /** One handshake message; {@code length()} counts its 4-byte header too. */
  public record Handshake(int type, byte[] body) {

    /** {@code "ClientHello"}, {@code "Finished"}, ... */
    public String name() {
      return TlsCodePoints.handshakeType(type);
    }

    public int length() {
      return 4 + body.length;
    }
  }

  /** Splits bytes read off the wire into records; throws if the last one is cut short. */
  public static List<TlsRecord> records(byte[] wire) {
    ByteBuffer in = ByteBuffer.wrap(wire);
    List<TlsRecord> records = new ArrayList<>();
    while (in.hasRemaining()) {
      records.add(read(() -> new TlsRecord(u8(in), u16(in), bytes(in, u16(in)))));
    }
    return records;
  }

  /** Splits handshake bytes (a record's fragment, or decrypted content) into messages. */
  public static List<Handshake> handshakes(byte[] content) {
    ByteBuffer in = ByteBuffer.wrap(content);
    List<Handshake> messages = new ArrayList<>();
    while (in.hasRemaining()) {
      messages.add(read(() -> new Handshake(u8(in), bytes(in, u24(in)))));
    }
    return messages;
  }

  /**
   * The fields of {@code message} worth printing, in order: the hellos' versions, suites, groups,
   * key shares and signature schemes; the server's signature scheme; sizes elsewhere. {@code tls13}
   * tells the Certificate layouts of TLS 1.2 (RFC 5246 §7.4.2) and 1.3 (RFC 8446 §4.4.2) apart.
   */
  public static SequencedMap<String, String> fields(Handshake message, boolean tls13) {
    ByteBuffer in = ByteBuffer.wrap(message.body());
    SequencedMap<String, String> fields = new LinkedHashMap<>();
    try {
      switch (message.name()) {
        case "ClientHello" -> hello(in, fields, true);
        case "ServerHello" -> hello(in, fields, false);
        case "Certificate" -> certificates(in, fields, tls13);
        case "CertificateVerify" -> {
          fields.put("signature_scheme", TlsCodePoints.signatureScheme(u16(in)));
          fields.put("signature", u16(in) + " B");
        }
        case "ServerKeyExchange" -> {
          int curveType = u8(in); // 3 = named_curve (RFC 8422 §5.4)
          fields.put("ecdhe_group", curveType == 3 ? TlsCodePoints.namedGroup(u16(in)) : "?");
          fields.put("ecdhe_share", bytes(in, u8(in)).length + " B");
          fields.put("signature_scheme", TlsCodePoints.signatureScheme(u16(in)));
          fields.put("signature", u16(in) + " B");
        }
        case "ClientKeyExchange" -> fields.put("ecdhe_share", bytes(in, u8(in)).length + " B");
        case "Finished" -> fields.put("verify_data", message.body().length + " B");
        case "NewSessionTicket" -> fields.put("ticket_lifetime", (u32(in)) + " s");
        default -> {}
      }
    } catch (BufferUnderflowException e) {
      fields.put("truncated", "the message ended early");
    }
    return fields;
  }

  private static void hello(ByteBuffer in, SequencedMap<String, String> fields, boolean client) {
    fields.put("legacy_version", TlsCodePoints.version(u16(in)));
    in.position(in.position() + 32); // random
    bytes(in, u8(in)); // legacy_session_id
    if (client) {
      fields.put("cipher_suites", list(bytes(in, u16(in)), 2, TlsCodePoints::cipherSuite));
      bytes(in, u8(in)); // legacy_compression_methods
    } else {
      fields.put("cipher_suite", TlsCodePoints.cipherSuite(u16(in)));
      u8(in); // legacy_compression_method
    }
    if (!in.hasRemaining()) {
      return;
    }
    ByteBuffer extensions = ByteBuffer.wrap(bytes(in, u16(in)));
    List<String> others = new ArrayList<>();
    while (extensions.hasRemaining()) {
      int type = u16(extensions);
      ByteBuffer data = ByteBuffer.wrap(bytes(extensions, u16(extensions)));
      String name = TlsCodePoints.extension(type);
      switch (name) {
        case "supported_versions" ->
            fields.put(
                name,
                client
                    ? list(bytes(data, u8(data)), 2, TlsCodePoints::version)
                    : TlsCodePoints.version(u16(data)));
        case "supported_groups" ->
            fields.put(name, list(bytes(data, u16(data)), 2, TlsCodePoints::namedGroup));
        case "signature_algorithms" ->
            fields.put(name, list(bytes(data, u16(data)), 2, TlsCodePoints::signatureScheme));
        case "key_share" ->
            fields.put(name, keyShares(client ? bytes(data, u16(data)) : rest(data)));
        case "server_name" -> {
          ByteBuffer names = ByteBuffer.wrap(bytes(data, u16(data)));
          u8(names); // name_type 0 = host_name (RFC 6066 §3)
          fields.put(name, new String(bytes(names, u16(names)), StandardCharsets.US_ASCII));
        }
        default -> others.add(name);
      }
    }
    if (!others.isEmpty()) {
      fields.put("other extensions", String.join(", ", others));
    }
  }

  /** KeyShareEntry list (RFC 8446 §4.2.8): group and share size, e.g. "x25519 (32 B)". */
  private static String keyShares(byte[] entries) {
    ByteBuffer in = ByteBuffer.wrap(entries);
    List<String> shares = new ArrayList<>();
    while (in.hasRemaining()) {
      String group = TlsCodePoints.namedGroup(u16(in));
      shares.add(group + " (" + bytes(in, u16(in)).length + " B)");
    }
    return String.join(", ", shares);
  }

  private static void certificates(
      ByteBuffer in, SequencedMap<String, String> fields, boolean tls13) {
    if (tls13) {
      bytes(in, u8(in)); // certificate_request_context
    }
    ByteBuffer list = ByteBuffer.wrap(bytes(in, u24(in)));
    List<String> sizes = new ArrayList<>();
    while (list.hasRemaining()) {
      sizes.add(bytes(list, u24(list)).length + " B");
      if (tls13) {
        bytes(list, u16(list)); // per-certificate extensions
      }
    }
    fields.put("certificates", sizes.size() + " (" + String.join(", ", sizes) + ")");
  }

  private static String list(byte[] codes, int width, IntFunction<String> name) {
    List<String> names = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(codes);
    while (in.remaining() >= width) {
      names.add(name.apply(width == 2 ? u16(in) : u8(in)));
    }
    return String.join(", ", names);
  }

  private interface Read<T> {
    T read();
  }

  private static <T> T read(Read<T> read) {
    try {
      return read.read();
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("TLS bytes end in the middle of a record or message", e);
    }
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xff;
  }

  private static int u16(ByteBuffer in) {
    return in.getShort() & 0xffff;
  }

  private static int u24(ByteBuffer in) {
    return u8(in) << 16 | u16(in);
  }

  private static long u32(ByteBuffer in) {
    return in.getInt() & 0xffff_ffffL;
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static byte[] rest(ByteBuffer in) {
    return Arrays.copyOfRange(in.array(), in.position(), in.limit());
  }
}
