package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;

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

  // TODO: state: the bytes fed and not yet decoded, and the arrays still being filled

  /** Appends {@code length} bytes of {@code bytes} from {@code offset}; copies them. */
  public void feed(byte[] bytes, int offset, int length) {
    // TODO: copy the bytes in; when full, first move undecoded bytes to the front, then grow
    throw new UnsupportedOperationException("TODO: feed");
  }

  /**
   * The next complete value, or null if more bytes are needed.
   *
   * @throws RespProtocolException on malformed input, message starting {@code ERR Protocol error}
   */
  public RespValue next() {
    // TODO: decode while a value's bytes are all here; an array header opens a frame to fill
    throw new UnsupportedOperationException("TODO: next");
  }
}
