package dev.prep.redis.resp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes {@link RespValue}s. RESP2 and RESP3 differ here only in nulls ({@code $-1}/{@code *-1}
 * against {@code _}) and maps (a flat array against {@code %}).
 */
public final class RespWriter {
  private static final byte[] CRLF = {'\r', '\n'};

  private RespWriter() {}

  public static byte[] encode(RespValue value, int protocol) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32);
    write(value, protocol, out);
    return out.toByteArray();
  }

  /** Appends the encoding of {@code value} to {@code out}. */
  public static void write(RespValue value, int protocol, ByteArrayOutputStream out) {
    switch (value) {
      case RespValue.SimpleString s -> line(out, '+', s.value());
      case RespValue.ErrorReply e -> line(out, '-', e.message());
      case RespValue.Int i -> line(out, ':', Long.toString(i.value()));
      case RespValue.Bulk b -> {
        line(out, '$', Integer.toString(b.length()));
        out.writeBytes(b.bytes());
        out.writeBytes(CRLF);
      }
      case RespValue.Null n ->
          out.writeBytes(protocol >= 3 ? "_\r\n".getBytes() : "$-1\r\n".getBytes());
      case RespValue.NullArray n ->
          out.writeBytes(protocol >= 3 ? "_\r\n".getBytes() : "*-1\r\n".getBytes());
      case RespValue.Array a -> {
        line(out, '*', Integer.toString(a.items().size()));
        for (RespValue item : a.items()) write(item, protocol, out);
      }
      case RespValue.MapReply m -> {
        if (protocol >= 3) line(out, '%', Integer.toString(m.entries().size()));
        else line(out, '*', Integer.toString(2 * m.entries().size()));
        for (Map.Entry<RespValue, RespValue> e : m.entries().entrySet()) {
          write(e.getKey(), protocol, out);
          write(e.getValue(), protocol, out);
        }
      }
    }
  }

  private static void line(ByteArrayOutputStream out, char type, String text) {
    out.write(type);
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(CRLF);
  }
}
