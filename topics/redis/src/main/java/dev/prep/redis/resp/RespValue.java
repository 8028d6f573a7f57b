package dev.prep.redis.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One RESP value. RESP2 has five types (simple string, error, integer, bulk string, array) and two
 * nulls ({@code $-1}, {@code *-1}); RESP3 adds, among others, a real null ({@code _}) and maps
 * ({@code %}). Sources: the RESP specification (redis.io, "Redis serialization protocol
 * specification") and redis/redis-specifications {@code protocol/RESP3.md}.
 *
 * <p>Server-side strings are Latin-1: every byte maps to one {@code char} and back, so a key or
 * value holding arbitrary bytes survives a trip through {@code String} unchanged. {@link
 * #bulk(String)} and {@link Bulk#latin1()} use that mapping; {@link #bulk(byte[])} takes raw bytes.
 */
public sealed interface RespValue {

  /** {@code +OK\r\n}: a short status line; never contains CR or LF. */
  record SimpleString(String value) implements RespValue {}

  /** {@code -ERR message\r\n}: {@code message} starts with the error code (ERR, WRONGTYPE, ...). */
  record ErrorReply(String message) implements RespValue {
    /** The first word: {@code ERR}, {@code WRONGTYPE}, {@code NOAUTH} ... */
    public String code() {
      int space = message.indexOf(' ');
      return space < 0 ? message : message.substring(0, space);
    }
  }

  /** {@code :42\r\n}. */
  record Int(long value) implements RespValue {}

  /** {@code $5\r\nhello\r\n}: binary-safe; equality compares the bytes. */
  record Bulk(byte[] bytes) implements RespValue {
    public Bulk {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The bytes as a Latin-1 string (one char per byte, lossless). */
    public String latin1() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public int length() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bulk b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Bulk[" + Printable.of(bytes) + "]";
    }
  }

  /** A null: {@code $-1\r\n} in RESP2 (the "null bulk string"), {@code _\r\n} in RESP3. */
  record Null() implements RespValue {}

  /**
   * The RESP2 null array {@code *-1\r\n} (a timed-out BLPOP, an aborted EXEC); {@code _} in RESP3.
   */
  record NullArray() implements RespValue {}

  /** {@code *2\r\n...}: any values, nested arrays included. */
  record Array(List<RespValue> items) implements RespValue {
    public Array {
      items = List.copyOf(items);
    }
  }

  /**
   * A RESP3 map ({@code %2\r\n...}); in RESP2 it is sent as a flat array of keys and values, which
   * is what Redis does (HELLO's reply, CONFIG GET). Keys keep their insertion order.
   */
  record MapReply(Map<RespValue, RespValue> entries) implements RespValue {
    public MapReply {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }
  }

  // ---- factories used by commands -------------------------------------------------------------

  RespValue OK = new SimpleString("OK");
  RespValue PONG = new SimpleString("PONG");
  RespValue NULL = new Null();
  RespValue NULL_ARRAY = new NullArray();
  RespValue ZERO = new Int(0);
  RespValue ONE = new Int(1);

  static RespValue simple(String s) {
    return new SimpleString(s);
  }

  /** An error reply; {@code message} starts with its code, e.g. {@code "ERR syntax error"}. */
  static RespValue error(String message) {
    return new ErrorReply(message);
  }

  static RespValue integer(long n) {
    return n == 0 ? ZERO : n == 1 ? ONE : new Int(n);
  }

  /** A bulk string from a Latin-1 string (one byte per char); {@code null} gives {@link #NULL}. */
  static RespValue bulk(String latin1) {
    return latin1 == null ? NULL : new Bulk(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  static RespValue bulk(byte[] bytes) {
    return bytes == null ? NULL : new Bulk(bytes);
  }

  static RespValue array(List<? extends RespValue> items) {
    return new Array(List.copyOf(items));
  }

  static RespValue array(RespValue... items) {
    return new Array(List.of(items));
  }

  /** An array of bulk strings from Latin-1 strings (a null element becomes a null bulk). */
  static RespValue bulkArray(List<String> latin1) {
    return new Array(latin1.stream().map(RespValue::bulk).toList());
  }

  /** The RESP2 bytes of this value. */
  default byte[] encode() {
    return RespWriter.encode(this, 2);
  }

  /** The bytes of this value in protocol 2 or 3. */
  default byte[] encode(int protocol) {
    return RespWriter.encode(this, protocol);
  }

  /** Bytes shown with {@code \r}, {@code \n} and non-printable bytes escaped, for messages. */
  final class Printable {
    private Printable() {}

    public static String of(byte[] bytes) {
      StringBuilder sb = new StringBuilder(bytes.length + 8);
      for (byte b : bytes) {
        int c = b & 0xff;
        switch (c) {
          case '\r' -> sb.append("\\r");
          case '\n' -> sb.append("\\n");
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          default -> {
            if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
          }
        }
      }
      return sb.toString();
    }
  }
}
