package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.server.RequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stage 6 of the mini Redis: a {@link RequestDecoder} that survives whatever a client sends, the
 * way Redis's {@code processInputBuffer} does (redis/redis {@code src/networking.c}: {@code
 * processMultibulkBuffer}, {@code processInlineBuffer}, and {@code sdssplitargs} in {@code
 * src/sds.c}). The grader plugs it into the reference event loop ({@code
 * ServerConfig.defaults(client -> new RequestParser())}), so the server around it is known to work:
 * what is graded is this class alone.
 *
 * <p><b>Which kind of request.</b> A request that starts with {@code *} is a multibulk one
 * ({@code *2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n}); anything else is an inline command, one line of
 * words as a person types it into telnet ({@code ECHO hi\r\n}).
 *
 * <p><b>Multibulk.</b> Each header line ({@code *N}, then {@code $LEN} per argument) ends at the
 * first {@code \r} and one more byte (Redis does not look at that byte, nor at the two bytes after
 * an argument's data). Numbers are Redis's {@code string2ll}: an optional {@code -}, digits, no
 * {@code +}, no spaces, no leading zeros, at most 20 characters. {@code *0} and any negative count
 * ({@code *-1}) are empty requests: skipped, never returned.
 *
 * <p><b>Inline.</b> The line ends at {@code \n}, with one {@code \r} before it removed. Words are
 * split as {@code sdssplitargs} splits them: a space, tab, CR or LF ends a word (and {@code \v} or
 * {@code \f} are skipped between words, like C's {@code isspace}); inside "double quotes", {@code
 * \xHH} is a byte, {@code \n \r \t \b \a} are what they are in C, and a backslash before any
 * other character stands for that character ({@code \"}, {@code \\}); inside 'single quotes' only
 * {@code \'} is special. A quote may start mid-word ({@code a"b c"} is {@code ab c}), but a closing
 * quote must be followed by a blank or the end of the line. An empty line is skipped.
 *
 * <p><b>Errors</b> ({@link RespProtocolException}, message exactly as Redis sends it after the
 * {@code -}; the server replies with it and closes the connection):
 *
 * <table>
 *   <caption>Redis's protocol errors</caption>
 *   <tr><th>input</th><th>message</th></tr>
 *   <tr><td>{@code *x}, {@code *01}, a count above 2,147,483,647</td>
 *       <td>{@code ERR Protocol error: invalid multibulk length}</td></tr>
 *   <tr><td>an argument header that does not start with {@code $}, e.g. {@code :4}</td>
 *       <td>{@code ERR Protocol error: expected '$', got ':'}</td></tr>
 *   <tr><td>{@code $x}, {@code $-1}, a length above 512 MiB (536,870,912)</td>
 *       <td>{@code ERR Protocol error: invalid bulk length}</td></tr>
 *   <tr><td>an inline line with an unclosed quote</td>
 *       <td>{@code ERR Protocol error: unbalanced quotes in request}</td></tr>
 *   <tr><td>more than 64 KiB (65,536 bytes) buffered with no newline (inline)</td>
 *       <td>{@code ERR Protocol error: too big inline request}</td></tr>
 *   <tr><td>the same for a {@code *} line or a {@code $} line with no {@code \r}</td>
 *       <td>{@code ERR Protocol error: too big mbulk count string} / {@code bulk count string}</td>
 *   </tr>
 * </table>
 *
 * <p><b>Memory.</b> A header only declares a size; the buffer grows with the bytes that actually
 * arrive. {@code *2000000000} or {@code $536870912} must not allocate anything near that much.
 */
public final class RequestParser implements RequestDecoder {

  /** Redis's {@code PROTO_INLINE_MAX_SIZE}: the longest line kept while waiting for its end. */
  static final int MAX_LINE = 64 * 1024;

  /** Redis's default {@code proto-max-bulk-len}: the longest argument, 512 MiB. */
  static final long MAX_BULK = 512L * 1024 * 1024;

  private static final String PROTOCOL_ERROR = "ERR Protocol error: ";

  /** Received bytes; {@code [start, end)} are not consumed yet. */
  private byte[] buf = new byte[4096];

  private int start;
  private int end;

  /** Bytes after {@code start} already searched for the line end, so no byte is searched twice. */
  private int scanned;

  /** Bytes fed in total, and those that belonged to requests already returned or skipped. */
  private long fed;

  private long finished;

  /** The multibulk request being read: arguments still expected (0 = between requests). */
  private int remaining;

  /** The declared length of the argument being read; -1 while its {@code $} line is awaited. */
  private long bulkLength = -1;

  private List<String> args;

  @Override
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (buf.length - end < length) makeRoom(length);
    System.arraycopy(bytes, offset, buf, end, length);
    end += length;
    fed += length;
  }

  @Override
  public List<String> next() {
    while (true) {
      if (remaining == 0) {
        if (start == end) return null;
        if (buf[start] != '*') {
          List<String> inline = readInline();
          if (inline == null) return null;
          requestDone();
          if (!inline.isEmpty()) return inline;
          continue;
        }
        if (!readCount()) return null;
        if (remaining == 0) {
          requestDone(); // *0 and *-1: nothing to run, read on
          continue;
        }
      }
      while (remaining > 0) {
        if (bulkLength < 0 && !readBulkLength()) return null;
        // the data and its 2 trailing bytes must all be here; until then, wait, allocating nothing
        if (end - start < bulkLength + 2) return null;
        args.add(new String(buf, start, (int) bulkLength, StandardCharsets.ISO_8859_1));
        consume(start + (int) bulkLength + 2);
        bulkLength = -1;
        remaining--;
      }
      List<String> request = args;
      args = null;
      requestDone();
      return request;
    }
  }

  @Override
  public long buffered() {
    return fed - finished;
  }

  /** The {@code *N} line; false if it is not complete yet. */
  private boolean readCount() {
    int cr = lineEnd((byte) '\r', "too big mbulk count string");
    if (cr < 0) return false;
    long count = parseNumber(start + 1, cr);
    if (count == INVALID || count > Integer.MAX_VALUE) throw error("invalid multibulk length");
    consume(cr + 2);
    if (count > 0) {
      remaining = (int) count;
      // the count is only a claim: size the list by it only up to a small bound, as Redis does
      args = new ArrayList<>((int) Math.min(count, 1024));
    }
    return true;
  }

  /** A {@code $LEN} line; false if it is not complete yet. */
  private boolean readBulkLength() {
    int cr = lineEnd((byte) '\r', "too big bulk count string");
    if (cr < 0) return false;
    if (buf[start] != '$') {
      throw error("expected '$', got '" + (char) (buf[start] & 0xff) + "'");
    }
    long length = parseNumber(start + 1, cr);
    if (length == INVALID || length < 0 || length > MAX_BULK) throw error("invalid bulk length");
    consume(cr + 2);
    bulkLength = length;
    return true;
  }

  /** One inline line split into words (empty for a blank line); null if its end has not come. */
  private List<String> readInline() {
    int lf = lineEnd((byte) '\n', "too big inline request");
    if (lf < 0) return null;
    int lineEnd = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
    List<String> words = splitArgs(buf, start, lineEnd);
    consume(lf + 1);
    return words;
  }

  /**
   * The index of the {@code \r} (with one byte after it) or {@code \n} that ends the line at
   * {@code start}, or -1 while it has not arrived; throws once more than 64 KiB wait without one.
   */
  private int lineEnd(byte terminator, String tooBig) {
    for (int i = start + scanned; i < end; i++) {
      if (buf[i] == terminator) {
        // after a \r, Redis waits for one more byte (the \n) before it reads the line
        return terminator == '\r' && i + 1 == end ? -1 : i;
      }
      scanned++;
    }
    if (end - start > MAX_LINE) throw error(tooBig);
    return -1;
  }

  /** What {@link #parseNumber} returns for text that is not a number. */
  private static final long INVALID = Long.MIN_VALUE;

  /**
   * Redis's {@code string2ll} over {@code buf[from, to)}: an optional '-', then "0" alone or a
   * digit 1-9 and more digits, at most 20 characters, within a {@code long}. A negative number
   * comes back as -1 (callers only need its sign); text that is not a number as {@link #INVALID}.
   */
  private long parseNumber(int from, int to) {
    if (to == from || to - from > 20) return INVALID;
    if (to - from == 1 && buf[from] == '0') return 0;
    boolean negative = buf[from] == '-';
    int i = negative ? from + 1 : from;
    if (i == to || buf[i] < '1' || buf[i] > '9') return INVALID;
    // accumulate downwards: Long.MIN_VALUE is a valid number and has no positive twin
    long value = 0;
    for (; i < to; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) return INVALID;
      value = value * 10 - digit;
    }
    if (negative) return -1;
    return value == Long.MIN_VALUE ? INVALID : -value;
  }

  /**
   * Redis's {@code sdssplitargs}: words separated by blanks, with double and single quotes.
   *
   * @throws RespProtocolException a quote that is not closed, or closed and not followed by a blank
   */
  static List<String> splitArgs(byte[] b, int from, int to) {
    List<String> words = new ArrayList<>();
    int p = from;
    while (true) {
      while (p < to && isBlank(b[p])) p++;
      if (p == to) return words;
      StringBuilder word = new StringBuilder();
      boolean inDouble = false;
      boolean inSingle = false;
      while (true) {
        if (inDouble) {
          if (p == to) throw error("unbalanced quotes in request");
          if (b[p] == '\\' && p + 3 < to && b[p + 1] == 'x' && isHex(b[p + 2]) && isHex(b[p + 3])) {
            word.append((char) (hex(b[p + 2]) * 16 + hex(b[p + 3])));
            p += 4;
          } else if (b[p] == '\\' && p + 1 < to) {
            word.append(unescape(b[p + 1]));
            p += 2;
          } else if (b[p] == '"') {
            // "a"b is an error, not the word ab: the closing quote must end the word
            if (p + 1 < to && !isBlank(b[p + 1])) throw error("unbalanced quotes in request");
            p++;
            break;
          } else {
            word.append((char) (b[p++] & 0xff));
          }
        } else if (inSingle) {
          if (p == to) throw error("unbalanced quotes in request");
          if (b[p] == '\\' && p + 1 < to && b[p + 1] == '\'') {
            word.append('\'');
            p += 2;
          } else if (b[p] == '\'') {
            if (p + 1 < to && !isBlank(b[p + 1])) throw error("unbalanced quotes in request");
            p++;
            break;
          } else {
            word.append((char) (b[p++] & 0xff));
          }
        } else {
          if (p == to) break;
          byte c = b[p++];
          if (c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
          if (c == '"') inDouble = true;
          else if (c == '\'') inSingle = true;
          else word.append((char) (c & 0xff));
        }
      }
      words.add(word.toString());
    }
  }

  /** C's {@code isspace}, which {@code sdssplitargs} skips between words. */
  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
  }

  private static boolean isHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hex(byte c) {
    return Character.digit(c, 16);
  }

  private static char unescape(byte c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'b' -> '\b';
      case 'a' -> (char) 7;
      default -> (char) (c & 0xff);
    };
  }

  private void consume(int newStart) {
    start = newStart;
    scanned = 0;
  }

  /** Everything before {@code start} belonged to the request just returned or skipped. */
  private void requestDone() {
    finished = fed - (end - start);
    if (start == end) {
      start = 0;
      end = 0;
      // give back a buffer that a big request grew, once it is empty
      if (buf.length > MAX_LINE) buf = new byte[4096];
    }
  }

  /** Compacts, and grows only by what was received: never by what a header declared. */
  private void makeRoom(int more) {
    int live = end - start;
    long needed = (long) live + more;
    byte[] target = buf;
    if (needed > buf.length) {
      target = new byte[Math.toIntExact(Math.max(needed, Math.min(2L * buf.length, 1L << 30)))];
    }
    System.arraycopy(buf, start, target, 0, live);
    buf = target;
    start = 0;
    end = live;
  }

  private static RespProtocolException error(String what) {
    return new RespProtocolException(PROTOCOL_ERROR + what);
  }
}
