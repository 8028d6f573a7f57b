package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespReader;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grader for {@code redis/robust-decoder}: the learner's {@link RequestParser} fed bytes directly,
 * then plugged into the reference event loop. Every expected request and error below was checked
 * against redis-server 7.0.15 (inline words through {@code ECHO}, errors by their reply and the
 * connection closing); the limits are {@code src/networking.c}'s.
 */
@DisplayName("robust-decoder: Redis's request parsing, its limits and its protocol errors")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestParserTest {

  // ---- task 1: multibulk ------------------------------------------------------------------------

  @Test
  @Tag("task:1")
  @DisplayName("a multibulk request comes out as its arguments, then next() returns null")
  void oneMultibulkRequest() {
    expectRequests("*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n", List.of(List.of("ECHO", "hi")));
    expectRequests("*1\r\n$4\r\nPING\r\n", List.of(List.of("PING")));
  }

  @Test
  @Tag("task:1")
  @DisplayName("a request cut short gives null, and comes out whole once the rest arrives")
  void incompleteThenComplete() {
    var parser = new RequestParser();
    String first = "*2\r\n$4\r\nEC";
    parser.feed(b(first), 0, first.length());
    assertThat(parser.next())
        .as(
            "next() after only \"%s\" arrived: the request is not whole, so return null (and keep"
                + " the bytes for later)",
            show(first))
        .isNull();
    String rest = "HO\r\n$2\r\nhi\r\n";
    parser.feed(b(rest), 0, rest.length());
    assertThat(parser.next())
        .as("next() after the rest, \"%s\", arrived too", show(rest))
        .isEqualTo(List.of("ECHO", "hi"));
    assertThat(parser.next()).as("next() once the only request was returned").isNull();
  }

  @Test
  @Tag("task:1")
  @DisplayName("pipelined requests come out one per next() call, in order")
  void pipelined() {
    expectRequests(
        "*1\r\n"
            + "$4\r\n"
            + "PING\r\n"
            + "*3\r\n"
            + "$3\r\n"
            + "SET\r\n"
            + "$1\r\n"
            + "k\r\n"
            + "$1\r\n"
            + "v\r\n"
            + "*2\r\n"
            + "$3\r\n"
            + "GET\r\n"
            + "$1\r\n"
            + "k\r\n",
        List.of(List.of("PING"), List.of("SET", "k", "v"), List.of("GET", "k")));
  }

  @Test
  @Tag("task:1")
  @DisplayName("arguments are binary-safe: every byte 0..255, CR and LF inside, an empty one")
  void binarySafe() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) all[i] = (byte) i;
    String bytes = new String(all, StandardCharsets.ISO_8859_1);
    expectRequests(
        "*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$256\r\n" + bytes + "\r\n$0\r\n\r\n",
        List.of(List.of("SET", "k", bytes, "")));
    expectRequests(
        "*2\r\n$4\r\nECHO\r\n$6\r\n\r\n*1\r\n\r\n", List.of(List.of("ECHO", "\r\n*1\r\n")));
  }

  @Test
  @Tag("task:1")
  @DisplayName("*0 and negative counts such as *-1 are empty requests: skipped, never returned")
  void emptyMultibulk() {
    expectRequests("*0\r\n*-1\r\n*-10\r\n*1\r\n$4\r\nPING\r\n*0\r\n", List.of(List.of("PING")));
  }

  @Test
  @Tag("task:1")
  @DisplayName("buffered() counts the bytes received and not yet returned in a request")
  void buffered() {
    var parser = new RequestParser();
    assertThat(parser.buffered()).as("buffered() of a new parser").isZero();
    String ping = "*1\r\n$4\r\nPING\r\n"; // 14 bytes
    String half = "*2\r\n$3\r\nGET\r\n$1"; // 15 bytes of a 20-byte request
    String both = ping + half;
    parser.feed(b(both), 0, both.length());
    assertThat(parser.buffered())
        .as("buffered() after \"%s\" arrived, before any next()", show(both))
        .isEqualTo(29);
    assertThat(parser.next()).as("next(): the PING").isEqualTo(List.of("PING"));
    assertThat(parser.buffered())
        .as(
            "buffered() once PING (14 bytes) was returned: only the 15 bytes of the GET that has"
                + " not come out yet are left (this is what the server's query buffer limit"
                + " applies to)")
        .isEqualTo(15);
    assertThat(parser.next()).as("next() with the GET still incomplete").isNull();
    assertThat(parser.buffered())
        .as("buffered() after next() returned null: a half-read request still counts in full")
        .isEqualTo(15);
    String rest = "\r\nk\r\n";
    parser.feed(b(rest), 0, rest.length());
    assertThat(parser.next()).as("next(): the GET").isEqualTo(List.of("GET", "k"));
    assertThat(parser.buffered()).as("buffered() once every request came out").isZero();
  }

  // ---- task 2: inline commands ------------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("an inline command is a line of words: CRLF or a bare LF ends it, blank lines skip")
  void inlineBasics() {
    expectRequests("PING\r\n", List.of(List.of("PING")));
    expectRequests("PING\n", List.of(List.of("PING")));
    expectRequests("ECHO hi\r\nPING\n", List.of(List.of("ECHO", "hi"), List.of("PING")));
    expectRequests("\r\n\n\r\nPING\r\n\r\n", List.of(List.of("PING")));
    expectRequests("  SET \t k  v \r\n", List.of(List.of("SET", "k", "v")));
  }

  /** An inline line (without its CRLF) and the words Redis 7.0.15 made of it. */
  static Stream<Arguments> inlineWords() {
    return Stream.of(
        words("SET k \"a b\"", List.of("SET", "k", "a b")),
        words("ECHO \"\"", List.of("ECHO", "")),
        words("ECHO \"x\\x41\\n\\r\\t\\\"\\q\\b\\a\"", List.of("ECHO", "xA\n\r\t\"q\b\u0007")),
        words("ECHO \"\\x4a\\x4A\"", List.of("ECHO", "JJ")),
        words("ECHO \"\\x4g\"", List.of("ECHO", "x4g")),
        words("ECHO \"a\\\\b\"", List.of("ECHO", "a\\b")),
        words("ECHO 'it\\'s \\n'", List.of("ECHO", "it's \\n")),
        words("ECHO '\"' \"'\"", List.of("ECHO", "\"", "'")),
        words("ECHO a\"b c\"", List.of("ECHO", "ab c")),
        words("ECHO a\tb", List.of("ECHO", "a", "b")),
        words("ECHO a\u000bb", List.of("ECHO", "a\u000bb")),
        words("\fPING", List.of("PING")),
        words("PING\r", List.of("PING")));
  }

  private static Arguments words(String line, List<String> words) {
    return Arguments.of(Named.of(show(line), line), words);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inlineWords")
  @Tag("task:2")
  @DisplayName("inline words split as Redis's sdssplitargs splits them: quotes and escapes")
  void inlineQuotes(String line, List<String> words) {
    expectRequests(line + "\r\n", List.of(words));
  }

  static Stream<Arguments> unbalanced() {
    return Stream.of(
        Arguments.of("SET k \"a b\r\n", "a double quote never closed"),
        Arguments.of("SET k 'a b\r\n", "a single quote never closed"),
        Arguments.of("ECHO \"a\\\"\r\n", "the only closing quote is escaped"),
        Arguments.of("ECHO \"a\"b\r\n", "a closing quote followed by a letter, not a blank"),
        Arguments.of("ECHO 'a'b\r\n", "the same with single quotes"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unbalanced")
  @Tag("task:2")
  @DisplayName("a quote that is not closed, or closed mid-word, is a protocol error")
  void unbalancedQuotes(String input, String why) {
    expectError(input, "ERR Protocol error: unbalanced quotes in request", why);
  }

  // ---- task 3: Redis's protocol errors ----------------------------------------------------------

  static Stream<Arguments> protocolErrors() {
    return Stream.of(
        Arguments.of("*x\r\n", "invalid multibulk length", "a count that is not a number"),
        Arguments.of("*\r\n", "invalid multibulk length", "an empty count"),
        Arguments.of("*01\r\n", "invalid multibulk length", "a leading zero (string2ll)"),
        Arguments.of("*+1\r\n", "invalid multibulk length", "a plus sign (string2ll)"),
        Arguments.of("* 1\r\n", "invalid multibulk length", "a space (string2ll)"),
        Arguments.of("*-0\r\n", "invalid multibulk length", "minus zero (string2ll)"),
        Arguments.of("*2147483648\r\n", "invalid multibulk length", "one above INT_MAX"),
        Arguments.of(
            "*99999999999999999999\r\n", "invalid multibulk length", "beyond a long (overflow)"),
        Arguments.of("*1\r\n:4\r\n", "expected '$', got ':'", "an integer where a bulk goes"),
        Arguments.of("*1\r\nfoo\r\n", "expected '$', got 'f'", "a bare word where a bulk goes"),
        Arguments.of(
            "*2\r\n$4\r\nECHO\r\n+hi\r\n",
            "expected '$', got '+'",
            "the second argument is not a bulk"),
        Arguments.of("*1\r\n$x\r\n", "invalid bulk length", "a length that is not a number"),
        Arguments.of("*1\r\n$\r\n", "invalid bulk length", "an empty length"),
        Arguments.of("*1\r\n$01\r\n", "invalid bulk length", "a leading zero"),
        Arguments.of("*1\r\n$-1\r\n", "invalid bulk length", "-1 (a null bulk is a reply only)"),
        Arguments.of("*1\r\n$-10\r\n", "invalid bulk length", "a negative length"),
        Arguments.of("*1\r\n$536870913\r\n", "invalid bulk length", "one byte over 512 MiB"),
        Arguments.of("*1\r\n$2000000000\r\n", "invalid bulk length", "2 GB, far over 512 MiB"));
  }

  @ParameterizedTest(name = "{2}: {1}")
  @MethodSource("protocolErrors")
  @Tag("task:3")
  @DisplayName("malformed multibulk input throws RespProtocolException with Redis's exact words")
  void protocolError(String input, String error, String why) {
    expectError(input, "ERR Protocol error: " + error, why);
  }

  @Test
  @Tag("task:3")
  @DisplayName("requests before the garbage still come out; the error comes where it starts")
  void goodThenBad() {
    String input = "*1\r\n$4\r\nPING\r\nECHO hi\r\n*1\r\n:4\r\n*1\r\n$4\r\nPING\r\n";
    Outcome outcome = decode(b(input), new int[] {input.length()});
    assertThat(outcome)
        .as(
            "fed \"%s\" at once and called next() until it returned null or threw: the PING and"
                + " the ECHO are whole and valid, so they come out first; then the ':' throws,"
                + " and the PING after it is never returned (the server closes the connection)",
            show(input))
        .isEqualTo(
            new Outcome(
                List.of(List.of("PING"), List.of("ECHO", "hi")),
                "ERR Protocol error: expected '$', got ':'"));
  }

  @Test
  @Tag("task:3")
  @DisplayName("input that is valid so far waits for more: no error before the line ends")
  void validSoFarWaits() {
    for (String input :
        List.of(
            "*2147483647\r\n", "*1\r\nfoo", "*1\r\n$4\r\nPING\r", "*1\r\n$4\r\nPIN", "ECHO \"a")) {
      assertThat(decode(b(input), new int[] {input.length()}))
          .as(
              "fed only \"%s\": nothing is wrong yet (Redis reads a header line only once its"
                  + " \\r and one byte after it arrived, an inline line once its \\n did, and"
                  + " *2147483647 is INT_MAX, the largest count allowed), so next() returns null",
              show(input))
          .isEqualTo(new Outcome(List.of(), null));
    }
  }

  // ---- task 4: limits and memory ----------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("over 64 KiB with no line end: too big inline / mbulk count / bulk count string")
  void tooBig() {
    String a = "A".repeat(70_000);
    String digits = "1".repeat(70_000);
    expectChunkedError(a, "ERR Protocol error: too big inline request", "70,000 bytes, no LF");
    expectChunkedError(
        "*" + digits, "ERR Protocol error: too big mbulk count string", "'*' and 70,000 digits");
    expectChunkedError(
        "*1\r\n$" + digits,
        "ERR Protocol error: too big bulk count string",
        "'$' and 70,000 digits");
  }

  @Test
  @Tag("task:4")
  @DisplayName("exactly 64 KiB (65,536 bytes) without a line end is still allowed to wait")
  void sixtyFourKibWaits() {
    var parser = new RequestParser();
    String line = "ECHO " + "a".repeat(65_530) + "\r"; // 65,536 bytes, the \n not here yet
    parser.feed(b(line), 0, line.length());
    assertThat(next(parser, line))
        .as(
            "next() with 65,536 bytes of an inline line buffered and no \\n yet: Redis errs only"
                + " when MORE than 64 KiB (PROTO_INLINE_MAX_SIZE, 65,536) wait, so return null")
        .isNull();
    parser.feed(new byte[] {'\n'}, 0, 1);
    List<String> request = next(parser, line + "\n");
    assertThat(request).as("next() once the \\n arrived").isNotNull();
    assertThat(request.size()).as("words in ECHO a...a").isEqualTo(2);
    assertThat(request.get(1).length()).as("length of the argument of ECHO").isEqualTo(65_530);
  }

  @Test
  @Tag("task:4")
  @DisplayName("a header only declares a size: *2000000000 and $536870912 allocate nothing big")
  void declaredSizesAllocateNothing() {
    expectSmallAllocation("*2000000000\r\n", "a count of 2 billion arguments (valid: <= INT_MAX)");
    expectSmallAllocation(
        "*1\r\n$536870912\r\nabc", "a bulk of exactly 512 MiB (valid), 3 bytes of it here");
    expectSmallAllocation(
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$400000000\r\n", "SET k with a 400 MB value announced");
  }

  // ---- task 5: any split ------------------------------------------------------------------------

  @Test
  @Tag("task:5")
  @DisplayName("every input above, cut in two at every byte, gives the same requests and error")
  void everySplit() {
    for (String input : corpus()) {
      byte[] bytes = b(input);
      Outcome whole = decode(bytes, new int[] {bytes.length});
      for (int cut = 1; cut < bytes.length; cut++) {
        assertThat(decode(bytes, new int[] {cut, bytes.length}))
            .as(
                "\"%s\" fed in two pieces, cut after byte %d (\"%s\" then \"%s\"), calling next()"
                    + " after each piece: it must decode exactly as when fed at once. A read can"
                    + " end anywhere: keep what is incomplete and parse it again when more comes",
                show(input), cut, show(input.substring(0, cut)), show(input.substring(cut)))
            .isEqualTo(whole);
      }
      int[] everyByte = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) everyByte[i] = i + 1;
      assertThat(decode(bytes, everyByte))
          .as("\"%s\" fed one byte at a time, next() after each byte", show(input))
          .isEqualTo(whole);
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("1,600 random requests, multibulk and inline, cut at random points, 8 seeds")
  void randomSplits() {
    for (int seed = 1; seed <= 8; seed++) {
      var random = new SplittableRandom(seed);
      List<List<String>> requests = new ArrayList<>();
      var text = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        List<String> request = randomRequest(random);
        requests.add(request);
        text.append(random.nextInt(3) == 0 ? inline(request, random) : multibulk(request));
      }
      byte[] bytes = b(text.toString());
      int[] cuts = randomCuts(bytes.length, random);
      Outcome outcome = decode(bytes, cuts);
      List<List<String>> got = outcome.requests();
      int firstDifference = 0;
      while (firstDifference < Math.min(got.size(), requests.size())
          && got.get(firstDifference).equals(requests.get(firstDifference))) {
        firstDifference++;
      }
      String sent =
          firstDifference < requests.size()
              ? "request #" + firstDifference + " was " + showAll(requests.get(firstDifference))
              : "";
      assertThat(outcome.error()).as("seed %d: 200 valid requests (%s) threw", seed, sent).isNull();
      assertThat(got)
          .as(
              "seed %d: 200 random requests (multibulk with any bytes, inline with plain, quoted"
                  + " and escaped words) fed in %d random pieces: the requests that came out"
                  + " differ first at #%d (%s)",
              seed, cuts.length, firstDifference, sent)
          .isEqualTo(requests);
    }
  }

  // ---- task 6: in the server --------------------------------------------------------------------

  private static ReferenceServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server =
        ReferenceServer.start(
            ServerConfig.defaults(client -> new RequestParser()),
            ReferenceCommands.all(),
            new Db());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  @Test
  @Tag("task:6")
  @DisplayName("in the server: inline SET k \"a b\" then GET k, and a multibulk pipeline")
  void serverInline() throws IOException {
    try (var c = new Connection()) {
      c.send("SET k \"a b\"\r\nGET k\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nPING\n");
      c.expect("+OK\r\n", "inline SET k \"a b\"");
      c.expect("$3\r\na b\r\n", "inline GET k after it: the quotes made \"a b\" one word");
      c.expect("$2\r\nhi\r\n", "the multibulk ECHO hi pipelined after them");
      c.expect("+PONG\r\n", "PING ended by a bare LF");
    }
  }

  static Stream<Arguments> garbage() {
    return Stream.of(
        garbage("*1\r\n:4\r\n", "-ERR Protocol error: expected '$', got ':'\r\n"),
        garbage("*x\r\n", "-ERR Protocol error: invalid multibulk length\r\n"),
        garbage("*1\r\n$2000000000\r\n", "-ERR Protocol error: invalid bulk length\r\n"),
        garbage("ECHO \"a b\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"));
  }

  private static Arguments garbage(String bad, String error) {
    return Arguments.of(Named.of(show(bad), bad), error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  @Tag("task:6")
  @DisplayName("in the server: garbage gets Redis's error, then the connection closes")
  void serverGarbage(String bad, String error) throws IOException {
    try (var c = new Connection()) {
      String pipeline = "PING\r\n" + bad + "*2\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\n1\r\n";
      c.send(pipeline);
      c.expect("+PONG\r\n", "the PING before the garbage in \"" + show(pipeline) + "\"");
      c.expect(error, "the garbage \"" + show(bad) + "\"");
      c.expectClosed("after the error");
    }
    try (var c = new Connection()) {
      c.send("*2\r\n$6\r\nEXISTS\r\n$5\r\nafter\r\n");
      c.expect(
          ":0\r\n",
          "EXISTS after, on a new connection: the SET after the garbage must never have run."
              + " Throw at the garbage; a decoder that skips what it cannot parse and reads on"
              + " would run whatever bytes come next, as a command");
    }
  }

  @Test
  @Tag("task:6")
  @DisplayName("in the server: Jedis, a real client, works through your decoder")
  void jedis() {
    try (var jedis = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
      byte[] value = new byte[100_000];
      new SplittableRandom(6).nextBytes(value);
      assertThat(jedis.set("big".getBytes(StandardCharsets.ISO_8859_1), value))
          .as("Jedis SET big <100,000 random bytes>")
          .isEqualTo("OK");
      assertThat(jedis.get("big".getBytes(StandardCharsets.ISO_8859_1)))
          .as("Jedis GET big: the same 100,000 bytes (they arrive over several reads)")
          .isEqualTo(value);
      var pipeline = jedis.pipelined();
      List<redis.clients.jedis.Response<Long>> counts = new ArrayList<>();
      for (int i = 0; i < 500; i++) counts.add(pipeline.incr("counter"));
      pipeline.sync();
      for (int i = 0; i < 500; i += 99) {
        assertThat(counts.get(i).get())
            .as("reply %d of 500 pipelined INCR counter (sent in one write)", i)
            .isEqualTo(i + 1L);
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /**
   * What a parser made of some input: the requests it returned, then the error it threw, if any.
   */
  record Outcome(List<List<String>> requests, String error) {
    @Override
    public String toString() {
      return requests.stream().map(RequestParserTest::showAll).toList()
          + (error == null ? ", no error" : ", then \"" + error + "\"");
    }
  }

  /** Feeds {@code bytes} in pieces ending at {@code cuts}, draining next() after each piece. */
  static Outcome decode(byte[] bytes, int[] cuts) {
    var parser = new RequestParser();
    List<List<String>> requests = new ArrayList<>();
    int from = 0;
    try {
      for (int cut : cuts) {
        parser.feed(bytes, from, cut - from);
        from = cut;
        for (List<String> r = parser.next(); r != null; r = parser.next()) {
          requests.add(List.copyOf(r));
        }
      }
    } catch (RespProtocolException e) {
      return new Outcome(requests, e.getMessage());
    } catch (OutOfMemoryError e) {
      fail(
          "decoding \"%s\" ran out of memory: a header only announces a size; allocate for the"
              + " bytes that arrived, never for what the header claims",
          show(new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.ISO_8859_1)));
    }
    return new Outcome(requests, null);
  }

  private static void expectRequests(String input, List<List<String>> expected) {
    assertThat(decode(b(input), new int[] {input.length()}))
        .as(
            "fed \"%s\" at once, then next() until it returned null: the requests, and no"
                + " exception",
            show(input))
        .isEqualTo(new Outcome(expected, null));
  }

  private static void expectError(String input, String message, String why) {
    Outcome outcome = decode(b(input), new int[] {input.length()});
    assertThat(outcome.error())
        .as(
            "fed \"%s\" (%s), next() must throw RespProtocolException with Redis's message,"
                + " which the server sends before closing the connection%s",
            show(input),
            why,
            outcome.error() != null
                ? ""
                : outcome.requests().isEmpty()
                    ? "; instead next() returned null, as if the input were fine so far"
                    : "; instead next() returned " + outcome.requests())
        .isEqualTo(message);
    assertThat(outcome.requests()).as("requests returned before the error").isEmpty();
  }

  /** The error must come whether the input arrives at once or in 1 KiB reads. */
  private static void expectChunkedError(String input, String message, String what) {
    byte[] bytes = b(input);
    int[] kib = new int[(bytes.length + 1023) / 1024];
    for (int i = 0; i < kib.length; i++) kib[i] = Math.min(bytes.length, (i + 1) * 1024);
    for (int[] cuts : List.of(new int[] {bytes.length}, kib)) {
      assertThat(decode(bytes, cuts))
          .as(
              "%s fed %s, next() after each piece: Redis gives up once more than 64 KiB"
                  + " (PROTO_INLINE_MAX_SIZE, 65,536 bytes) wait with no line end, else a client"
                  + " could grow the buffer forever one line at a time",
              what, cuts.length == 1 ? "at once" : "in 1 KiB pieces")
          .isEqualTo(new Outcome(List.of(), message));
    }
  }

  private static void expectSmallAllocation(String input, String what) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(thread);
    Outcome outcome = decode(b(input), new int[] {input.length()});
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(outcome)
        .as("fed \"%s\" (%s): valid so far, so next() returns null", show(input), what)
        .isEqualTo(new Outcome(List.of(), null));
    assertThat(allocated)
        .as(
            "bytes allocated while decoding \"%s\" (%s): a header is only a claim, and a client"
                + " can send a small one for free. Size buffers by the bytes that arrived (and"
                + " an argument list by at most a small bound), never by the declared length",
            show(input), what)
        .isLessThan(4L << 20);
  }

  private static List<String> next(RequestParser parser, String fed) {
    try {
      return parser.next();
    } catch (RespProtocolException e) {
      fail("next() threw \"%s\" after %d bytes were fed", e.getMessage(), fed.length());
      return null;
    }
  }

  /** Every input of the tables above, good and bad. */
  private static List<String> corpus() {
    List<String> all = new ArrayList<>();
    all.add("*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n");
    all.add("*2\r\n$4\r\nECHO\r\n$6\r\n\r\n*1\r\n\r\n*3\r\n$3\r\nSET\r\n$0\r\n\r\n$1\r\nv\r\n");
    all.add("\r\n\n\r\nPING\r\nECHO hi\n  SET \t k  v \r\n");
    inlineWords().forEach(a -> all.add(((Named<?>) a.get()[0]).getPayload() + "\r\n"));
    unbalanced().forEach(a -> all.add((String) a.get()[0]));
    protocolErrors().forEach(a -> all.add((String) a.get()[0]));
    all.add("*1\r\n$4\r\nPING\r\nECHO hi\r\n*1\r\n:4\r\n*1\r\n$4\r\nPING\r\n");
    return all;
  }

  /** What random words are mostly made of: letters, digits, blanks, quotes, a backslash. */
  private static final String ALPHABET = "abcdefgxyz019 \"'\\\r\n\t";

  private static List<String> randomRequest(SplittableRandom random) {
    int words = 1 + random.nextInt(4);
    List<String> request = new ArrayList<>();
    for (int i = 0; i < words; i++) {
      int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(12);
      char[] chars = new char[length];
      for (int j = 0; j < length; j++) {
        chars[j] =
            random.nextInt(4) == 0
                ? (char) random.nextInt(256)
                : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      }
      request.add(i == 0 && length == 0 ? "PING" : new String(chars));
    }
    return request;
  }

  private static String multibulk(List<String> request) {
    var sb = new StringBuilder("*").append(request.size()).append("\r\n");
    for (String arg : request)
      sb.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
    return sb.toString();
  }

  /** The request as an inline line, every word written in one of the ways Redis reads. */
  private static String inline(List<String> request, SplittableRandom random) {
    var sb = new StringBuilder();
    if (random.nextInt(4) == 0) sb.append(random.nextBoolean() ? "\r\n" : "\n"); // a blank line
    for (String word : request) {
      sb.append(random.nextBoolean() ? " " : " \t ");
      if (!word.isEmpty()
          && word.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\'')
          && random.nextBoolean()) {
        sb.append(word); // a plain word
      } else if (word.indexOf('\'') < 0
          && !word.endsWith("\\") // \' would escape the closing quote
          && word.chars().allMatch(c -> c != '\r' && c != '\n' && c != 0)
          && random.nextBoolean()) {
        sb.append('\'').append(word).append('\''); // single quotes keep everything else as it is
      } else {
        sb.append('"');
        for (char c : word.toCharArray()) {
          switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append(random.nextBoolean() ? "\\t" : "\t");
            default -> {
              if (c < ' ' || c >= 0x7f || random.nextInt(8) == 0) {
                sb.append("\\x")
                    .append(String.format(random.nextBoolean() ? "%02x" : "%02X", (int) c));
              } else {
                sb.append(c);
              }
            }
          }
        }
        sb.append('"');
      }
    }
    return sb.append(random.nextInt(4) == 0 ? "\n" : "\r\n").toString();
  }

  /** Random piece ends: mostly small reads, some large, ending at {@code length}. */
  private static int[] randomCuts(int length, SplittableRandom random) {
    List<Integer> cuts = new ArrayList<>();
    int at = 0;
    while (at < length) {
      at =
          Math.min(
              length,
              at + (random.nextInt(8) == 0 ? 1 + random.nextInt(4000) : 1 + random.nextInt(9)));
      cuts.add(at);
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static byte[] b(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String show(String latin1) {
    String shown = RespValue.Printable.of(b(latin1));
    return shown.length() > 160 ? shown.substring(0, 160) + "..." : shown;
  }

  private static String showAll(List<String> words) {
    return words.stream().map(w -> "\"" + show(w) + "\"").toList().toString();
  }

  /** A raw connection to the server, with a 2 s read timeout. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    Connection() throws IOException {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2000);
      socket.setSoTimeout(2000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    void send(String latin1) throws IOException {
      out.write(b(latin1));
      out.flush();
    }

    void expect(String reply, String what) throws IOException {
      byte[] got;
      try {
        got = RespReader.readRaw(in);
      } catch (IOException e) {
        throw new AssertionError(
            "waiting for the reply to "
                + what
                + ", expected \""
                + show(reply)
                + "\": "
                + e.getMessage()
                + failure(),
            e);
      }
      assertThat(show(new String(got, StandardCharsets.ISO_8859_1)))
          .as("the reply to %s%s", what, failure())
          .isEqualTo(show(reply));
    }

    void expectClosed(String when) throws IOException {
      int read;
      try {
        read = in.read();
      } catch (SocketTimeoutException e) {
        read = -2;
      }
      assertThat(read)
          .as(
              "reading %s: Redis closes the connection after a protocol error (read returns"
                  + " -1), since it cannot know where the next request starts. %s",
              when,
              read == -2 ? "Nothing came for 2 s and the connection stayed open" : "More came")
          .isEqualTo(-1);
    }

    private static String failure() {
      Throwable t = server.firstCommandFailure();
      return t == null ? "" : " (the server caught from your code: " + t + ")";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
