package dev.prep.redis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RespRequestDecoder} against Redis 7's {@code networking.c}: every case decodes the same
 * whether the bytes arrive at once, split at any one byte, one byte at a time, or in random pieces.
 * Inputs and outputs are written with {@code \r \n \t \\ \xHH} escapes; an outcome lists the
 * requests, then {@code !} and the error if the input is malformed; {@code []} means "waits".
 */
@DisplayName("RespRequestDecoder decodes requests as Redis 7 does, however the bytes are split")
class RespRequestDecoderTest {

  @ParameterizedTest(name = "{0}  =>  {1}")
  @DisplayName("multibulk and inline requests, and Redis's protocol errors")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          *1\\r\\n$4\\r\\nPING\\r\\n                           | [[PING]]
          *2\\r\\n$4\\r\\nECHO\\r\\n$2\\r\\nhi\\r\\n           | [[ECHO, hi]]
          *3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nk\\r\\n$0\\r\\n\\r\\n | [[SET, k, ]]
          *2\\r\\n$4\\r\\nECHO\\r\\n$4\\r\\n\\x00\\r\\n\\xff\\r\\n | [[ECHO, \\x00\\r\\n\\xff]]
          \\r\\n*0\\r\\n*-1\\r\\n*-10\\r\\nPING\\r\\n          | [[PING]]
          *-9223372036854775808\\r\\nPING\\r\\n              | [[PING]]
          PING\\n                                           | [[PING]]
          PING\\r\\r\\n                                     | [[PING]]
          \\x20 \\r\\n\\n\\r\\nPING\\n                       | [[PING]]
          SET k \\x22a b\\x22\\r\\n                         | [[SET, k, a b]]
          ECHO \\x22\\\\x41\\\\x4g\\\\n\\\\q\\x22\\r\\n         | [[ECHO, Ax4g\\nq]]
          ECHO 'it\\\\'s'\\r\\n                             | [[ECHO, it's]]
          ECHO \\x22\\x22 ''\\r\\n                          | [[ECHO, , ]]
          ECHO a\\rb\\r\\n                                  | [[ECHO, a, b]]
          \\x0bECHO\\x0c a\\r\\n                            | [[ECHO\\x0c, a]]
          ECHO x\\x22a b\\x22y z\\r\\n                      | !ERR Protocol error: unbalanced quotes in request
          ECHO x\\x22a b\\x22 z\\r\\n                       | [[ECHO, xa b, z]]
          SET k \\x22a b\\r\\n                              | !ERR Protocol error: unbalanced quotes in request
          ECHO \\x22a\\\\\\x22\\r\\n                        | !ERR Protocol error: unbalanced quotes in request
          PING\\x00\\r\\nPING\\r\\n                         | []
          *x\\r\\n                                          | !ERR Protocol error: invalid multibulk length
          *\\r\\n                                           | !ERR Protocol error: invalid multibulk length
          *01\\r\\n                                         | !ERR Protocol error: invalid multibulk length
          *-0\\r\\n                                         | !ERR Protocol error: invalid multibulk length
          *+1\\r\\n                                         | !ERR Protocol error: invalid multibulk length
          *2147483648\\r\\n                                 | !ERR Protocol error: invalid multibulk length
          *-9223372036854775809\\r\\n                       | !ERR Protocol error: invalid multibulk length
          *2147483647\\r\\n                                 | []
          *1\\r\\n:4\\r\\n                                  | !ERR Protocol error: expected '$', got ':'
          *1\\r\\nfoo\\r\\n                                 | !ERR Protocol error: expected '$', got 'f'
          *1\\r\\n\\r\\n                                    | !ERR Protocol error: expected '$', got ' '
          *1\\r\\n$x\\r\\n                                  | !ERR Protocol error: invalid bulk length
          *1\\r\\n$\\r\\n                                   | !ERR Protocol error: invalid bulk length
          *1\\r\\n$-1\\r\\n                                 | !ERR Protocol error: invalid bulk length
          *1\\r\\n$-0\\r\\n                                 | !ERR Protocol error: invalid bulk length
          *1\\r\\n$536870913\\r\\n                          | !ERR Protocol error: invalid bulk length
          *1\\r\\n$2000000000\\r\\n                         | !ERR Protocol error: invalid bulk length
          *1\\r\\n$536870912\\r\\nabc                       | []
          *1\\r\\n$4\\r\\nPINGxx                            | [[PING]]
          *1\\rX$4\\rXPING\\r\\n                            | [[PING]]
          PING\\r\\n*x\\r\\nPING\\r\\n                      | [[PING]] !ERR Protocol error: invalid multibulk length
          """)
  void decodes(String input, String outcome) {
    byte[] bytes = unescape(input);
    assertThat(decodeAtOnce(bytes, true)).as("all at once").isEqualTo(outcome);
    for (int cut = 1; cut < bytes.length; cut++) {
      assertThat(decode(bytes, List.of(cut), true)).as("split at byte %d", cut).isEqualTo(outcome);
    }
    assertThat(decodeByteByByte(bytes, true)).as("one byte at a time").isEqualTo(outcome);
    var random = new SplittableRandom(input.hashCode());
    for (int round = 0; round < 20; round++) {
      List<Integer> cuts = randomCuts(random, bytes.length);
      assertThat(decode(bytes, cuts, true)).as("split at %s", cuts).isEqualTo(outcome);
    }
  }

  @ParameterizedTest(name = "{0}  =>  {1}")
  @DisplayName("before AUTH (a password is set): at most 10 arguments of at most 16384 bytes")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          *11\\r\\n                    | !ERR Protocol error: unauthenticated multibulk length
          *-5\\r\\n*11\\r\\n           | !ERR Protocol error: unauthenticated multibulk length
          *10\\r\\n$16385\\r\\n        | !ERR Protocol error: unauthenticated bulk length
          *1\\r\\n$16384\\r\\n         | []
          *1\\r\\n$1\\r\\nx\\r\\n      | [[x]]
          PING a b c d e f g h i j k\\n | [[PING, a, b, c, d, e, f, g, h, i, j, k]]
          """)
  void unauthenticatedLimits(String input, String outcome) {
    byte[] bytes = unescape(input);
    assertThat(decodeAtOnce(bytes, false)).isEqualTo(outcome);
    assertThat(decodeByteByByte(bytes, false)).as("one byte at a time").isEqualTo(outcome);
  }

  @Test
  @DisplayName("the limits lift as soon as the client authenticates, mid-stream")
  void authenticationLiftsTheLimits() {
    var client = new Client(1, "127.0.0.1:1", false, 0);
    var decoder = new RespRequestDecoder(client);
    feed(decoder, "*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*11\r\n");
    assertThat(decoder.next()).containsExactly("AUTH", "pw");
    client.authenticated(true); // what the server's AUTH does before the next request is parsed
    assertThat(decoder.next()).as("*11 is only a count now").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a line over 64 KiB without its terminator is refused, with Redis's words")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''        | a | ERR Protocol error: too big inline request
          *         | 1 | ERR Protocol error: too big mbulk count string
          *1\\r\\n$ | 1 | ERR Protocol error: too big bulk count string
          """)
  void tooBigLines(String prefix, String filler, String error) {
    byte[] bytes = (prefix.replace("\\r\\n", "\r\n") + filler.repeat(70_000)).getBytes();
    var random = new SplittableRandom(7);
    for (int round = 0; round < 5; round++) {
      var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", true, 0));
      int at = 0;
      RespProtocolException thrown = null;
      while (at < bytes.length && thrown == null) {
        int n = Math.min(bytes.length - at, 1 + random.nextInt(16 * 1024));
        decoder.feed(bytes, at, n);
        at += n;
        try {
          assertThat(decoder.next()).isNull();
        } catch (RespProtocolException e) {
          thrown = e;
        }
      }
      assertThat(thrown).as("an error once more than 64 KiB are buffered").isNotNull();
      assertThat(thrown.getMessage()).isEqualTo(error);
      assertThat(at).as("not before 64 KiB").isGreaterThan(RespRequestDecoder.INLINE_MAX_SIZE);
    }
  }

  @Test
  @DisplayName("a 64 KiB inline line that ends in time is a request")
  void longestInlineLine() {
    String arg = "x".repeat(RespRequestDecoder.INLINE_MAX_SIZE - 6);
    var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", true, 0));
    feed(decoder, "ECHO " + arg + "\n");
    assertThat(decoder.next()).containsExactly("ECHO", arg);
  }

  @Test
  @DisplayName("a declared 512 MiB bulk allocates for the bytes that came, not for the header")
  void declaredSizeIsNotAllocated() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", true, 0));
    byte[] chunk = new byte[16 * 1024];
    long before = threads.getThreadAllocatedBytes(thread);
    String header = "*2\r\n$3\r\nSET\r\n$536870912\r\n";
    feed(decoder, header);
    for (int i = 0; i < 64; i++) { // 1 MiB of the 512 declared
      decoder.feed(chunk, 0, chunk.length);
      assertThat(decoder.next()).isNull();
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(decoder.buffered()).isEqualTo(1024 * 1024 + header.length());
    assertThat(allocated)
        .as("bytes allocated while 1 MiB of a 512 MiB bulk arrived")
        .isLessThan(8L * 1024 * 1024);
  }

  @Test
  @DisplayName("buffered() counts what arrived and is not yet a request, parsed arguments included")
  void buffered() {
    var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", true, 0));
    String start = "*2\r\n$4\r\nECHO\r\n$5\r\nhel";
    feed(decoder, start);
    assertThat(decoder.next()).isNull();
    assertThat(decoder.buffered()).isEqualTo(start.length());
    feed(decoder, "lo\r\nPI");
    assertThat(decoder.next()).containsExactly("ECHO", "hello");
    assertThat(decoder.buffered()).isEqualTo(2);
    assertThat(decoder.next()).isNull();
  }

  @Test
  @DisplayName("10,000 pipelined requests in random pieces come out whole and in order")
  void pipelinedStream() {
    var random = new SplittableRandom(42);
    var wire = new ByteArrayOutputStream();
    List<List<String>> sent = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      List<String> request = List.of("SET", "key:" + i, randomValue(random));
      sent.add(request);
      wire.writeBytes(RespValue.bulkArray(request).encode());
    }
    byte[] bytes = wire.toByteArray();
    var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", true, 0));
    List<List<String>> received = new ArrayList<>();
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(3000));
      decoder.feed(bytes, at, n);
      at += n;
      for (List<String> r; (r = decoder.next()) != null; ) received.add(r);
    }
    assertThat(received).isEqualTo(sent);
    assertThat(decoder.buffered()).isZero();
  }

  @Test
  @DisplayName("malformed input throws RespProtocolException with Redis's message")
  void throwsTheProtocolException() {
    var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", true, 0));
    feed(decoder, "*1\r\n$-1\r\n");
    assertThatThrownBy(decoder::next)
        .isInstanceOf(RespProtocolException.class)
        .hasMessage("ERR Protocol error: invalid bulk length");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String randomValue(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(0, 200)];
    random.nextBytes(bytes); // every byte value, CR, LF and NUL included
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static List<Integer> randomCuts(SplittableRandom random, int length) {
    List<Integer> cuts = new ArrayList<>();
    for (int at = random.nextInt(1, 8); at < length; at += random.nextInt(1, 8)) cuts.add(at);
    return cuts;
  }

  private static String decodeAtOnce(byte[] bytes, boolean authenticated) {
    return decode(bytes, List.of(), authenticated);
  }

  private static String decodeByteByByte(byte[] bytes, boolean authenticated) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = 1; i < bytes.length; i++) cuts.add(i);
    return decode(bytes, cuts, authenticated);
  }

  /** Feeds the bytes in pieces ending at {@code cuts}, draining requests after each. */
  private static String decode(byte[] bytes, List<Integer> cuts, boolean authenticated) {
    var decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:1", authenticated, 0));
    List<String> requests = new ArrayList<>();
    int from = 0;
    List<Integer> ends = new ArrayList<>(cuts);
    ends.add(bytes.length);
    try {
      for (int end : ends) {
        decoder.feed(bytes, from, end - from);
        from = end;
        for (List<String> r; (r = decoder.next()) != null; ) requests.add(show(r));
      }
    } catch (RespProtocolException e) {
      return (requests.isEmpty() ? "" : requests + " ") + "!" + e.getMessage();
    }
    return requests.toString();
  }

  private static String show(List<String> request) {
    return request.stream()
        .map(a -> RespValue.Printable.of(a.getBytes(StandardCharsets.ISO_8859_1)))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static void feed(RequestDecoder decoder, String latin1) {
    byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
    decoder.feed(bytes, 0, bytes.length);
  }

  /** {@code \r \n \t \\ \xHH} to bytes; everything else as Latin-1. */
  static byte[] unescape(String s) {
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.write(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case '\\' -> out.write('\\');
        case 'x' -> {
          out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
          i += 2;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
      }
    }
    return out.toByteArray();
  }
}
