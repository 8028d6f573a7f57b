package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Stage 1 of the mini Redis: an incremental RESP2 decoder. TCP is a byte stream without message
 * boundaries, so a server gets bytes in whatever pieces the network likes: half a header, three
 * commands and a bit, one byte (the "sticky and half packets" question, 粘包/半包, of many interviews).
 * This class takes those pieces through {@link #feed} and hands back whole {@link RespValue}s
 * through {@link #next}, in order, as soon as each one is complete.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>Every RESP2 type: {@code +simple}, {@code -error}, {@code :integer}, {@code $bulk} (binary:
 *       its length says where it ends, so CR and LF inside it are data), {@code *array} (nested to
 *       any depth, {@code *0} is an empty array), and the two nulls {@code $-1} ({@link
 *       RespValue#NULL}) and {@code *-1} ({@link RespValue#NULL_ARRAY}). Simple strings and errors
 *       are Latin-1 (one char per byte), like every string on the server side.
 *   <li>{@link #feed} copies the bytes: the caller reuses its array as soon as the call returns.
 *   <li>{@link #next} never blocks: it returns the next complete value, or null when more bytes are
 *       needed, and an incomplete value stays buffered until the rest arrives. Several values fed
 *       at once come out one per call, in order.
 *   <li>Linear work and bounded memory: bytes already decoded are released, so a stream of any
 *       length fed in small pieces costs time in proportion to its length; a value arriving in
 *       pieces is not decoded again from its first byte each time (an array of 200,000 items fed 64
 *       bytes at a time must not be rescanned some 22,000 times); and a header that declares a huge
 *       length ({@code $2000000000}, {@code *2000000000}) allocates nothing in advance: the memory
 *       follows the bytes that actually arrive.
 *   <li>Malformed input throws {@link RespProtocolException} whose message starts with {@code ERR
 *       Protocol error}, as Redis words it ({@code "ERR Protocol error: invalid bulk length"}).
 *       After that the parser is unusable: a server replies with the message and closes the
 *       connection.
 * </ul>
 *
 * <p>The stages after this one (the blocking server, the event loop) read their requests through
 * this class.
 */
public final class RespParser {

  /** Redis's {@code proto-max-bulk-len} default, 512 MB (redis.conf): a longer bulk is refused. */
  static final int MAX_BULK_LENGTH = 512 * 1024 * 1024;

  /** What {@link #decodeOne} returns for an array header that opened a new {@link Frame}. */
  private static final RespValue ARRAY_STARTED = new RespValue.SimpleString("<array started>");

  /** An array whose header has been read and whose items are still arriving. */
  private static final class Frame {
    final int size;
    final List<RespValue> items;

    Frame(int size) {
      this.size = size;
      this.items = new ArrayList<>(Math.min(size, 1024));
    }
  }

  private byte[] buf = new byte[4096];
  private int start; // first byte not yet decoded
  private int end; // one past the last byte fed
  private int scanned; // bytes after start already searched for CR LF without success
  private final ArrayDeque<Frame> open = new ArrayDeque<>();

  /** Appends {@code length} bytes of {@code bytes} from {@code offset}; copies them. */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    makeRoom(length);
    System.arraycopy(bytes, offset, buf, end, length);
    end += length;
  }

  /**
   * The next complete value, or null if more bytes are needed.
   *
   * @throws RespProtocolException on malformed input, message starting {@code ERR Protocol error}
   */
  public RespValue next() {
    while (true) {
      RespValue value = decodeOne();
      if (value == null) return null;
      if (value == ARRAY_STARTED) continue;
      // a finished value fills its parent array, which may finish the grandparent, and so on
      while (true) {
        Frame parent = open.peek();
        if (parent == null) return value;
        parent.items.add(value);
        if (parent.items.size() < parent.size) break;
        open.pop();
        value = new RespValue.Array(parent.items);
      }
    }
  }

  /** One scalar, a null, an empty array or {@link #ARRAY_STARTED}; null if incomplete. */
  private RespValue decodeOne() {
    int lineEnd = findCrlf();
    if (lineEnd < 0) return null;
    byte type = buf[start];
    int afterLine = lineEnd + 2;
    switch (type) {
      case '+', '-' -> {
        String text = new String(buf, start + 1, lineEnd - start - 1, StandardCharsets.ISO_8859_1);
        consume(afterLine);
        return type == '+' ? new RespValue.SimpleString(text) : new RespValue.ErrorReply(text);
      }
      case ':' -> {
        long n = parseLong(lineEnd, "invalid integer");
        consume(afterLine);
        return RespValue.integer(n);
      }
      case '$' -> {
        long len = parseLong(lineEnd, "invalid bulk length");
        if (len == -1) {
          consume(afterLine);
          return RespValue.NULL;
        }
        if (len < 0 || len > MAX_BULK_LENGTH) throw protocolError("invalid bulk length");
        // the header stays unconsumed until the data arrives: re-reading one short line is cheap
        if ((long) end - afterLine < len + 2) return null;
        int dataEnd = afterLine + (int) len;
        if (buf[dataEnd] != '\r' || buf[dataEnd + 1] != '\n')
          throw protocolError("bulk data is not followed by CRLF");
        byte[] data = Arrays.copyOfRange(buf, afterLine, dataEnd);
        consume(dataEnd + 2);
        return RespValue.bulk(data);
      }
      case '*' -> {
        long size = parseLong(lineEnd, "invalid multibulk length");
        consume(afterLine);
        if (size == -1) return RespValue.NULL_ARRAY;
        if (size < 0 || size > Integer.MAX_VALUE) throw protocolError("invalid multibulk length");
        if (size == 0) return new RespValue.Array(List.of());
        // the frame keeps the items decoded so far, so they are never decoded twice
        open.push(new Frame((int) size));
        return ARRAY_STARTED;
      }
      default ->
          throw protocolError(
              "unknown type byte '" + RespValue.Printable.of(new byte[] {type}) + "'");
    }
  }

  /** Index of the CR of the first CR LF at or after {@link #start}, or -1. */
  private int findCrlf() {
    for (int i = start + scanned; i + 1 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n') return i;
    }
    // remember how far we looked, so a long line arriving in pieces is scanned once
    scanned = Math.max(0, end - start - 1);
    return -1;
  }

  /** The number between the type byte and {@code lineEnd}. */
  private long parseLong(int lineEnd, String what) {
    try {
      return Long.parseLong(
          new String(buf, start + 1, lineEnd - start - 1, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw protocolError(what);
    }
  }

  private void consume(int newStart) {
    start = newStart;
    scanned = 0;
    if (start == end) start = end = 0;
  }

  /** Makes room for {@code extra} more bytes, first by dropping decoded ones, then by growing. */
  private void makeRoom(int extra) {
    if (buf.length - end >= extra) return;
    int unread = end - start;
    if (start > 0) {
      // release what was decoded: the buffer then holds only the value in progress
      System.arraycopy(buf, start, buf, 0, unread);
      start = 0;
      end = unread;
    }
    if (buf.length - end < extra) {
      long needed = (long) unread + extra;
      if (needed > Integer.MAX_VALUE - 8) throw protocolError("value too large to buffer");
      buf =
          Arrays.copyOf(
              buf, (int) Math.max(needed, Math.min(2L * buf.length, Integer.MAX_VALUE - 8)));
    }
  }

  private static RespProtocolException protocolError(String detail) {
    return new RespProtocolException("ERR Protocol error: " + detail);
  }
}
