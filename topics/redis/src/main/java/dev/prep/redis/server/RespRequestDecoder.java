package dev.prep.redis.server;

import dev.prep.redis.resp.RespProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference request decoder: what Redis 7's {@code processInputBuffer}, {@code
 * processMultibulkBuffer}, {@code processInlineBuffer} and {@code sdssplitargs} do (redis/redis
 * {@code src/networking.c}, {@code src/sds.c}), with the same limits and error strings, checked
 * byte for byte against redis-server 7.0.15 by the differential test.
 *
 * <ul>
 *   <li>A request starting with {@code *} is multibulk: a count ({@code *3}), then that many bulk
 *       strings ({@code $3\r\nSET}). Anything else is an inline command: one line, split on blanks
 *       with double quotes (escapes {@code \n \r \t \b \a \xHH}) and single quotes ({@code \'}).
 *   <li>Lines are found the way Redis's {@code strchr} finds them: multibulk header lines end at
 *       the first {@code \r} (the byte after it is skipped unchecked), inline lines at the first
 *       {@code \n} (a {@code \r} before it is dropped), and a NUL byte hides everything after it,
 *       so a line with a NUL in it never ends.
 *   <li>Sizes come from headers but memory never does: a {@code $536870912} header is accepted and
 *       only the bytes that arrive are buffered. The {@link ServerConfig#queryBufferLimit} the
 *       server applies to {@link #buffered()} bounds what a client can make it hold.
 * </ul>
 *
 * <p>Arguments are consumed as they complete, so a request arriving in many pieces is parsed once.
 */
public final class RespRequestDecoder implements RequestDecoder {

  /** {@code PROTO_INLINE_MAX_SIZE}: the longest inline request or header line, 64 KiB. */
  public static final int INLINE_MAX_SIZE = 64 * 1024;

  /** {@code proto-max-bulk-len}: the longest bulk string, 512 MiB. */
  public static final long MAX_BULK_LENGTH = 512L * 1024 * 1024;

  /** Before AUTH, when a password is set: at most this many arguments... */
  public static final int UNAUTHENTICATED_MAX_ARGS = 10;

  /** ...and arguments of at most this many bytes ({@code networking.c}). */
  public static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;

  private static final int MAX_BUFFER = Integer.MAX_VALUE - 16;

  private final Client client;
  private byte[] buf = new byte[512];
  private int pos; // first byte not yet consumed
  private int end; // one past the last byte received
  private int scanned; // the line being looked for has no terminator in [pos, scanned)

  private int argsLeft; // bulk strings still to read for the current multibulk; 0 between requests
  private long bulkLength = -1; // of the bulk being read; -1 while its $ line is still to come
  private List<String> args;
  private long consumedOfRequest; // bytes of the current request already turned into args
  private long number; // what string2ll parsed

  /** A decoder for one connection; {@code client} says whether it has authenticated yet. */
  public RespRequestDecoder(Client client) {
    this.client = client;
  }

  @Override
  public void feed(byte[] bytes, int offset, int length) {
    if (pos == end) { // everything consumed: start over at the front, and drop a huge buffer
      pos = end = scanned = 0;
      if (buf.length > 256 * 1024 && length < buf.length / 4) buf = new byte[16 * 1024];
    }
    if (buf.length - end < length) makeRoom(length);
    System.arraycopy(bytes, offset, buf, end, length);
    end += length;
  }

  private void makeRoom(int length) {
    int live = end - pos;
    if ((long) live + length > MAX_BUFFER) {
      throw new RespProtocolException("ERR Protocol error: query buffer too big");
    }
    byte[] target = buf;
    if (buf.length - live < length) { // grow by doubling, but only to hold what arrived
      target = new byte[(int) Math.min(MAX_BUFFER, Math.max(live + length, 2L * buf.length))];
    }
    System.arraycopy(buf, pos, target, 0, live);
    scanned -= pos;
    buf = target;
    end = live;
    pos = 0;
    if (scanned < 0) scanned = 0;
  }

  @Override
  public long buffered() {
    return end - pos + consumedOfRequest;
  }

  @Override
  public List<String> next() {
    while (true) {
      if (argsLeft > 0) return bulks();
      if (pos == end) return null;
      if (buf[pos] == '*') {
        if (!multibulkCount()) return null;
      } else {
        List<String> inline = inline();
        if (inline == null || !inline.isEmpty()) return inline;
      }
    }
  }

  // ---- multibulk ----------------------------------------------------------------------------

  /** Reads {@code *N\r\n}; false if the line is incomplete. {@code N <= 0} is an empty request. */
  private boolean multibulkCount() {
    int cr = find((byte) '\r');
    if (cr < 0) {
      if (end - pos > INLINE_MAX_SIZE) throw error("too big mbulk count string");
      return false;
    }
    if (cr + 1 >= end) return false; // the byte after \r (not checked to be \n) has not arrived
    if (!string2ll(pos + 1, cr) || number > Integer.MAX_VALUE) {
      throw error("invalid multibulk length");
    }
    long n = number;
    if (n > UNAUTHENTICATED_MAX_ARGS && !client.authenticated()) {
      throw error("unauthenticated multibulk length");
    }
    if (n > 0) consumedOfRequest = cr + 2 - pos;
    consume(cr + 2);
    if (n > 0) {
      argsLeft = (int) n;
      args = new ArrayList<>((int) Math.min(n, 64)); // grows with what arrives, not with N
    }
    return true;
  }

  /** Reads bulk strings until the request is complete (returns it) or the bytes run out (null). */
  private List<String> bulks() {
    while (argsLeft > 0) {
      if (bulkLength < 0) {
        int cr = find((byte) '\r');
        if (cr < 0) {
          if (end - pos > INLINE_MAX_SIZE) throw error("too big bulk count string");
          return null;
        }
        if (cr + 1 >= end) return null;
        if (buf[pos] != '$') {
          char got = (char) (buf[pos] & 0xff);
          // Redis's addReplyErrorFormat turns CR and LF into spaces so the reply stays one line
          throw error("expected '$', got '" + (got == '\r' || got == '\n' ? ' ' : got) + "'");
        }
        if (!string2ll(pos + 1, cr) || number < 0 || number > MAX_BULK_LENGTH) {
          throw error("invalid bulk length");
        }
        if (number > UNAUTHENTICATED_MAX_BULK && !client.authenticated()) {
          throw error("unauthenticated bulk length");
        }
        consumedOfRequest += cr + 2 - pos;
        consume(cr + 2);
        bulkLength = number;
      }
      if (end - pos < bulkLength + 2) return null; // wait for the data and its CRLF
      args.add(new String(buf, pos, (int) bulkLength, StandardCharsets.ISO_8859_1));
      consumedOfRequest += bulkLength + 2;
      consume(
          pos + (int) bulkLength + 2); // like Redis, the two bytes after the data are not checked
      bulkLength = -1;
      argsLeft--;
    }
    List<String> request = args;
    args = null;
    consumedOfRequest = 0;
    return request;
  }

  // ---- inline -------------------------------------------------------------------------------

  /** One inline line split into arguments (maybe none); null if the line is incomplete. */
  private List<String> inline() {
    int lf = find((byte) '\n');
    if (lf < 0) {
      if (end - pos > INLINE_MAX_SIZE) throw error("too big inline request");
      return null;
    }
    int lineEnd = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
    List<String> argv = splitArgs(buf, pos, lineEnd);
    consume(lf + 1);
    return argv;
  }

  /**
   * Splits one line as Redis splits an inline command, and as {@code redis-cli} splits what is
   * typed into it: {@code SET k "a b"} is three arguments.
   *
   * @throws RespProtocolException unbalanced quotes
   */
  public static List<String> splitArgs(String latin1Line) {
    int nul = latin1Line.indexOf('\0');
    String line = nul < 0 ? latin1Line : latin1Line.substring(0, nul); // where C's string ends
    byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
    return splitArgs(bytes, 0, bytes.length);
  }

  /**
   * Redis's {@code sdssplitargs} over {@code bytes[from, to)}, which holds no NUL byte: null, not a
   * list, would be its answer for unbalanced quotes; here that is the protocol error.
   */
  private static List<String> splitArgs(byte[] bytes, int from, int to) {
    List<String> argv = new ArrayList<>();
    var line = new Line(bytes, from, to);
    int p = from;
    while (true) {
      while (p < to && isSpace(line.at(p))) p++;
      if (p >= to) return argv;
      StringBuilder current = new StringBuilder();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        int c = line.at(p);
        if (inDouble) {
          if (c == '\\'
              && line.at(p + 1) == 'x'
              && isHex(line.at(p + 2))
              && isHex(line.at(p + 3))) {
            current.append(
                (char)
                    (Character.digit(line.at(p + 2), 16) * 16
                        + Character.digit(line.at(p + 3), 16)));
            p += 3;
          } else if (c == '\\' && line.at(p + 1) != 0) {
            p++;
            current.append(
                switch (line.at(p)) {
                  case 'n' -> '\n';
                  case 'r' -> '\r';
                  case 't' -> '\t';
                  case 'b' -> '\b';
                  case 'a' -> (char) 7;
                  default -> (char) line.at(p);
                });
          } else if (c == '"') {
            // the closing quote must be followed by a blank or the end of the line
            if (line.at(p + 1) != 0 && !isSpace(line.at(p + 1))) throw unbalanced();
            done = true;
          } else if (c == 0) {
            throw unbalanced();
          } else {
            current.append((char) c);
          }
        } else if (inSingle) {
          if (c == '\\' && line.at(p + 1) == '\'') {
            p++;
            current.append('\'');
          } else if (c == '\'') {
            if (line.at(p + 1) != 0 && !isSpace(line.at(p + 1))) throw unbalanced();
            done = true;
          } else if (c == 0) {
            throw unbalanced();
          } else {
            current.append((char) c);
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', 0 -> done = true; // not \v or \f: those stay in the word
            case '"' -> inDouble = true;
            case '\'' -> inSingle = true;
            default -> current.append((char) c);
          }
        }
        if (c != 0) p++;
      }
      argv.add(current.toString());
    }
  }

  /** The bytes of one line as a C string: 0 past its end. */
  private record Line(byte[] bytes, int from, int to) {
    int at(int i) {
      return i < to ? bytes[i] & 0xff : 0;
    }
  }

  /** C's {@code isspace} in the C locale. */
  private static boolean isSpace(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static RespProtocolException unbalanced() {
    return error("unbalanced quotes in request");
  }

  // ---- bytes --------------------------------------------------------------------------------

  /**
   * The index of the first {@code terminator} at or after {@code pos}, or -1 if there is none yet
   * or a NUL byte comes first ({@code strchr} on a NUL-terminated buffer).
   */
  private int find(byte terminator) {
    int i = Math.max(scanned, pos);
    for (; i < end; i++) {
      byte b = buf[i];
      if (b == terminator) {
        scanned = i; // found again at once if the line is not complete yet
        return i;
      }
      if (b == 0) {
        scanned = i;
        return -1;
      }
    }
    scanned = end;
    return -1;
  }

  private void consume(int newPos) {
    pos = newPos;
    scanned = newPos;
  }

  /**
   * Redis's {@code string2ll} over {@code buf[from, to)}: an optional minus, no plus, no leading
   * zeros, no blanks, fewer than 21 characters, within a {@code long}. The value goes to {@link
   * #number}.
   */
  private boolean string2ll(int from, int to) {
    int len = to - from;
    if (len == 0 || len >= 21) return false;
    int p = from;
    boolean negative = buf[p] == '-';
    if (negative && ++p == to) return false;
    if (len == 1 && buf[p] == '0') {
      number = 0;
      return true;
    }
    if (buf[p] < '1' || buf[p] > '9') return false; // "0" alone, else no leading zero (nor "-0")
    long v = 0; // unsigned, like Redis's unsigned long long
    for (; p < to; p++) {
      int d = buf[p] - '0';
      if (d < 0 || d > 9) return false;
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) return false;
      v *= 10;
      if (Long.compareUnsigned(v, -1L - d) > 0) return false;
      v += d;
    }
    if (negative) {
      if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) return false; // beyond 2^63
      number = -v;
    } else {
      if (v < 0) return false; // beyond 2^63 - 1
      number = v;
    }
    return true;
  }

  private static RespProtocolException error(String what) {
    return new RespProtocolException("ERR Protocol error: " + what);
  }
}
