package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.server.RequestDecoder;
import java.util.List;

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

  // TODO: your state: the bytes received and not consumed yet (a byte[] that grows only by what
  // arrives), where you are in a multibulk request, and counters for buffered()

  @Override
  public void feed(byte[] bytes, int offset, int length) {
    // TODO: append bytes[offset, offset + length) to your buffer
    throw new UnsupportedOperationException("TODO: feed");
  }

  @Override
  public List<String> next() {
    // TODO: '*' starts a multibulk request, anything else an inline one; null until one is whole
    throw new UnsupportedOperationException("TODO: next");
  }

  @Override
  public long buffered() {
    // TODO: bytes fed and not yet part of a request that next() returned (or skipped)
    throw new UnsupportedOperationException("TODO: buffered");
  }
}
