package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grader for {@code redis/resp-codec}: the learner's {@link RespParser}. Task 1 feeds whole values
 * of every RESP2 type; task 2 feeds the same stream split at every byte, one byte at a time, and
 * 500 random values in random pieces; task 3 feeds malformed input; task 4 feeds big input (a 16
 * MiB bulk, an array of 200,000 items, 48 MiB of pipelined values, headers declaring 2 GB) and
 * checks time and memory stay in proportion to the bytes that actually arrive.
 *
 * <p>Expected values are built as {@link RespValue}s and encoded with the course's {@code
 * RespWriter}, so the wire bytes and the expected value cannot disagree.
 */
@DisplayName("resp-codec: an incremental RESP2 decoder that takes the stream in any pieces")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RespParserTest {

  private static final byte[] ALL_BYTES = new byte[256];

  static {
    for (int i = 0; i < 256; i++) ALL_BYTES[i] = (byte) i;
  }

  /** One of every kind of value, the awkward ones included. */
  private static final List<RespValue> CORPUS =
      List.of(
          RespValue.simple("OK"),
          RespValue.simple(""),
          RespValue.simple("caf\u00e9 au lait"),
          RespValue.error("ERR unknown command 'FOO', with args beginning with: "),
          RespValue.error("WRONGTYPE Operation against a key holding the wrong kind of value"),
          RespValue.integer(0),
          RespValue.integer(-1),
          RespValue.integer(Long.MAX_VALUE),
          RespValue.integer(Long.MIN_VALUE),
          RespValue.bulk("hello"),
          RespValue.bulk(""),
          RespValue.NULL,
          RespValue.bulk("\r\n$3\r\nfoo\r\n"),
          RespValue.bulk(ALL_BYTES),
          RespValue.array(),
          RespValue.NULL_ARRAY,
          RespValue.bulkArray(List.of("ECHO", "hello")),
          RespValue.array(RespValue.NULL, RespValue.NULL_ARRAY, RespValue.bulk("")),
          RespValue.array(
              RespValue.integer(1),
              RespValue.array(RespValue.simple("a"), RespValue.array()),
              RespValue.array(RespValue.array(RespValue.array(RespValue.bulk("deep")))),
              RespValue.error("ERR x")));

  static Stream<Arguments> corpus() {
    return CORPUS.stream().map(v -> Arguments.of(Named.of(wire(v), v)));
  }

  // ---------------------------------------------------------------------------------------------
  // Task 1: whole values
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @Tag("task:1")
  @DisplayName("each RESP2 value fed in one piece comes out equal, then next() returns null")
  void wholeValue(RespValue value) {
    RespParser parser = new RespParser();
    byte[] bytes = value.encode();
    parser.feed(bytes, 0, bytes.length);
    RespValue got = parser.next();
    assertThat(got)
        .as(
            "fed %s in one piece; next() returned %s, expected %s. The first byte says the type"
                + " (+ - : $ *); a bulk's length says how many bytes follow, CR and LF included;"
                + " $-1 is RespValue.NULL, *-1 is RespValue.NULL_ARRAY",
            wire(bytes), got, value)
        .isEqualTo(value);
    assertThat(parser.next())
        .as("next() again after the only value fed, %s: nothing is left, so null", wire(bytes))
        .isNull();
  }

  @Test
  @Tag("task:1")
  @DisplayName("next() returns null until a value is complete, and keeps what it has so far")
  void nullUntilComplete() {
    RespParser parser = new RespParser();
    assertThat(parser.next()).as("next() on a new parser, nothing fed").isNull();
    feed(parser, "$5\r\nhel");
    assertThat(parser.next())
        .as("next() after only \"$5\\r\\nhel\" (3 of 5 bytes): the value is not complete")
        .isNull();
    assertThat(parser.next())
        .as("next() a second time with nothing new fed: still incomplete, still null")
        .isNull();
    feed(parser, "lo\r\n");
    assertThat(parser.next())
        .as(
            "next() once \"lo\\r\\n\" completes \"$5\\r\\nhello\\r\\n\": the bytes fed before must"
                + " have been kept, not thrown away by the calls that returned null")
        .isEqualTo(RespValue.bulk("hello"));
  }

  @Test
  @Tag("task:1")
  @DisplayName("several values fed at once come out one per next(), in order")
  void severalInOneFeed() {
    RespParser parser = new RespParser();
    byte[] all = concat(CORPUS);
    parser.feed(all, 0, all.length);
    List<RespValue> got = drain(parser, CORPUS.size() + 1);
    assertThat(got)
        .as(
            "fed all %d corpus values in one piece (%s ...): next() must return them one per"
                + " call in order, then null",
            CORPUS.size(), wire(Arrays.copyOf(all, 40)))
        .containsExactlyElementsOf(CORPUS);
  }

  @Test
  @Tag("task:1")
  @DisplayName("feed(bytes, offset, length) reads only that range, and copies it")
  void feedRangeAndCopy() {
    RespParser parser = new RespParser();
    byte[] framed = "GARBAGE+OK\r\n:42\r\nGARBAGE".getBytes(StandardCharsets.ISO_8859_1);
    parser.feed(framed, 7, 10);
    Arrays.fill(framed, (byte) '?');
    List<RespValue> got = drain(parser, 3);
    assertThat(got)
        .as(
            "feed(\"GARBAGE+OK\\r\\n:42\\r\\nGARBAGE\", 7, 10) then the caller overwrote its"
                + " array: only bytes 7..16 count, and the parser must keep its own copy (a"
                + " server reuses its read buffer for the next read)")
        .containsExactly(RespValue.simple("OK"), RespValue.integer(42));
  }

  // ---------------------------------------------------------------------------------------------
  // Task 2: the stream in any pieces
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("the whole corpus split into two feeds at every byte position")
  void splitAtEveryByte() {
    byte[] all = concat(CORPUS);
    int[] ends = valueEnds(CORPUS);
    for (int split = 0; split <= all.length; split++) {
      RespParser parser = new RespParser();
      parser.feed(all, 0, split);
      List<RespValue> first = drain(parser, CORPUS.size() + 1);
      int complete = countUpTo(ends, split);
      assertThat(first)
          .as(
              "fed the first %d bytes of the corpus (ending %s): the %d values complete within"
                  + " them must come out now, no more and no fewer",
              split, tail(all, split), complete)
          .containsExactlyElementsOf(CORPUS.subList(0, complete));
      parser.feed(all, split, all.length - split);
      List<RespValue> rest = drain(parser, CORPUS.size() + 1);
      assertThat(rest)
          .as(
              "fed the remaining %d bytes after a split at byte %d (%s|%s): the other values, in"
                  + " order. A value cut in two must be finished from the bytes you kept",
              all.length - split, split, tail(all, split), head(all, split))
          .containsExactlyElementsOf(CORPUS.subList(complete, CORPUS.size()));
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("one byte at a time: each value comes out exactly when its last byte arrives")
  void byteAtATime() {
    byte[] all = concat(CORPUS);
    int[] ends = valueEnds(CORPUS);
    RespParser parser = new RespParser();
    List<RespValue> got = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      parser.feed(all, i, 1);
      got.addAll(drain(parser, 2));
      int complete = countUpTo(ends, i + 1);
      assertThat(got)
          .as(
              "after feeding bytes one at a time up to byte %d (%s): the values complete so far",
              i + 1, tail(all, i + 1))
          .containsExactlyElementsOf(CORPUS.subList(0, complete));
    }
  }

  /**
   * Property-style: random values encoded by the course's writer and fed in random pieces decode to
   * equal values. The issue asked for jqwik; the course uses seeded {@link SplittableRandom} inputs
   * in plain JUnit instead (jqwik's maintainer asks AI agents not to use it), generated smallest
   * first so the first failure reported is a small one.
   */
  @Test
  @Tag("task:2")
  @DisplayName("500 random values (seeded, smallest first) in random pieces decode to themselves")
  void randomValuesInRandomPieces() {
    long seed = 0x5EED_0006L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 500; trial++) {
      int budget = 1 + trial / 20;
      List<RespValue> values = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) values.add(randomValue(random, budget, 0));
      byte[] all = concat(values);
      List<Integer> pieces = new ArrayList<>();
      RespParser parser = new RespParser();
      List<RespValue> got = new ArrayList<>();
      for (int at = 0; at < all.length; ) {
        int n = Math.min(all.length - at, 1 + random.nextInt(Math.max(1, all.length / 3)));
        pieces.add(n);
        parser.feed(all, at, n);
        at += n;
        got.addAll(drain(parser, values.size() + 1));
      }
      assertThat(got)
          .as(
              "random trial %d (seed %#x): fed %s in pieces of %s bytes; expected %s",
              trial, seed, wire(all), pieces, values)
          .containsExactlyElementsOf(values);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 3: malformed input
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("?x\r\n", "'?' is no RESP2 type byte"),
        bad(":12a\r\n", "an integer with a letter in it"),
        bad(":\r\n", "an integer with no digits"),
        bad(":99999999999999999999\r\n", "an integer beyond a signed 64-bit long"),
        bad("$abc\r\n", "a bulk length that is not a number"),
        bad("$\r\n", "a bulk length with no digits"),
        bad("$-2\r\n", "a negative bulk length other than -1 (the null)"),
        bad("$9999999999\r\n", "a bulk length no Java array can hold (more than 2^31 - 1)"),
        bad("$3\r\nfooXY", "bulk data not followed by CR LF (its length must be a lie)"),
        bad("*x\r\n", "an array length that is not a number"),
        bad("*-2\r\n", "a negative array length other than -1 (the null array)"),
        bad("*2\r\n:1\r\n?\r\n", "a bad item inside an array, after a good one"),
        bad("*1\r\n*1\r\n$-5\r\n", "a bad bulk length inside a nested array"));
  }

  private static Arguments bad(String input, String why) {
    return Arguments.of(Named.of(printable(input), input), why);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @Tag("task:3")
  @DisplayName("malformed input throws RespProtocolException with an ERR Protocol error message")
  void malformedInput(String input, String why) {
    RespParser parser = new RespParser();
    feed(parser, input);
    Throwable thrown = thrownBy(() -> drain(parser, 4));
    assertThat(thrown)
        .as(
            "fed %s (%s): next() must throw RespProtocolException, not return a value, return"
                + " null forever or throw something else",
            printable(input), why)
        .isInstanceOf(RespProtocolException.class);
    assertThat(thrown.getMessage())
        .as(
            "the message of the RespProtocolException for %s: Redis's words start with \"ERR"
                + " Protocol error\" (e.g. \"ERR Protocol error: invalid bulk length\"), and a"
                + " server sends it to the client as is",
            printable(input))
        .startsWith("ERR Protocol error");
  }

  @Test
  @Tag("task:3")
  @DisplayName("a good value before a malformed one still comes out first")
  void goodValueBeforeBadOne() {
    RespParser parser = new RespParser();
    feed(parser, "+OK\r\n:x\r\n");
    assertThat(parser.next())
        .as("first next() after \"+OK\\r\\n:x\\r\\n\": +OK is complete and well formed")
        .isEqualTo(RespValue.simple("OK"));
    assertThat(thrownBy(parser::next))
        .as("second next(): \":x\" is not an integer")
        .isInstanceOf(RespProtocolException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Task 4: big input, bounded time and memory
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("a 16 MiB bulk fed 1 KiB at a time decodes in linear time")
  void bigBulkInSmallPieces() {
    int size = 16 << 20;
    byte[] header = ("$" + size + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[1024];
    for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) (i * 31);
    RespParser parser = new RespParser();
    parser.feed(header, 0, header.length);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    for (int fed = 0; fed < size; fed += chunk.length) {
      parser.feed(chunk, 0, chunk.length);
      assertThat(parser.next())
          .as("next() after %,d of the %,d bytes of a bulk: incomplete", fed + 1024, size)
          .isNull();
      if (System.nanoTime() > deadline) {
        fail(
            "a %,d-byte bulk fed 1 KiB at a time: only %,d bytes in after 6 s. Each feed must"
                + " cost about the bytes it adds: grow your buffer by doubling (not by the 1 KiB"
                + " fed each time), and let next() look at the header only, not copy or scan"
                + " the data, until all of it is there",
            size, fed);
      }
    }
    parser.feed(new byte[] {'\r', '\n'}, 0, 2);
    RespValue got = parser.next();
    assertThat(got)
        .as("next() after the last byte of a %,d-byte bulk", size)
        .isInstanceOf(RespValue.Bulk.class);
    byte[] data = ((RespValue.Bulk) got).bytes();
    assertThat(data.length).as("length of the decoded %,d-byte bulk", size).isEqualTo(size);
    for (int i = 0; i < size; i += 4099) {
      if (data[i] != chunk[i % 1024]) {
        fail("byte %,d of the decoded 16 MiB bulk differs from the byte fed there", i);
      }
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("an array of 200,000 items fed 64 bytes at a time is not rescanned from the start")
  void bigArrayInSmallPieces() {
    int items = 200_000;
    byte[] item = "$1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] header = ("*" + items + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[header.length + items * item.length];
    System.arraycopy(header, 0, all, 0, header.length);
    for (int i = 0; i < items; i++) {
      System.arraycopy(item, 0, all, header.length + i * item.length, item.length);
    }
    RespParser parser = new RespParser();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    RespValue got = null;
    for (int at = 0; at < all.length; at += 64) {
      int n = Math.min(64, all.length - at);
      parser.feed(all, at, n);
      got = parser.next();
      if (got != null && at + n < all.length) {
        fail("next() returned a value after %,d of %,d bytes of the array", at + n, all.length);
      }
      if (System.nanoTime() > deadline) {
        fail(
            "an array of %,d bulks fed 64 bytes at a time: only %,d of %,d bytes in after 6 s."
                + " If next() decodes the array from its first byte on every call, the work"
                + " grows with the square of its size (%,d calls, each rereading up to 1.4 MB)."
                + " Keep the items decoded so far (a stack of open arrays: how many items each"
                + " still needs, and the list so far) and continue where the bytes ran out",
            items, at + n, all.length, all.length / 64);
      }
    }
    assertThat(got).as("next() after the last byte of the array").isNotNull();
    assertThat(got).isInstanceOf(RespValue.Array.class);
    List<RespValue> decoded = ((RespValue.Array) got).items();
    assertThat(decoded.size()).as("items in the decoded array").isEqualTo(items);
    assertThat(decoded.get(items - 1)).as("its last item").isEqualTo(RespValue.bulk("x"));
  }

  @Test
  @Tag("task:4")
  @DisplayName("decoded bytes are released: 48 MiB through the parser leaves it small")
  void consumedBytesReleased() {
    byte[] value = RespValue.bulk(new byte[4096]).encode();
    // the stream is cut into 64 KiB pieces that do not line up with the values, so a value is
    // always half there: a parser that only resets once everything is decoded never gets to
    int piece = 64 * 1024;
    byte[] stream = new byte[(piece / value.length + 2) * value.length];
    for (int at = 0; at + value.length <= stream.length; at += value.length) {
      System.arraycopy(value, 0, stream, at, value.length);
    }
    RespParser parser = new RespParser();
    feed(parser, "+warm\r\n");
    parser.next();
    long before = heapAfterGc();
    long total = 0;
    int decoded = 0;
    while (total < 48L << 20) {
      parser.feed(stream, (int) (total % value.length), piece);
      total += piece;
      for (RespValue v; (v = parser.next()) != null; ) decoded++;
    }
    long retained = heapAfterGc() - before;
    assertThat(decoded)
        .as("values decoded from %,d bytes of 4 KiB bulks", total)
        .isEqualTo((int) (total / value.length));
    assertThat(retained)
        .as(
            "heap still in use after %,d MiB of values went through the parser and were all"
                + " decoded (the parser is still reachable): %,d KiB. A parser that only moves a"
                + " read index keeps every byte ever fed, and one that starts over only when"
                + " everything is decoded never does here (a value is always half there): before"
                + " growing the array, move the undecoded rest to its front",
            total >> 20, retained >> 10)
        .isLessThan(16L << 20);
    assertThat(parser.next()).isNull(); // keeps the parser reachable until after the measurement
  }

  @Test
  @Tag("task:4")
  @DisplayName("a header declaring a 2,000,000,000-byte bulk allocates nothing in advance")
  void hugeBulkHeader() {
    RespParser parser = new RespParser();
    Throwable thrown =
        catchThrowable(
            () -> {
              feed(parser, "$2000000000\r\n");
              RespValue first = parser.next();
              byte[] mib = new byte[1 << 20];
              for (int i = 0; i < 8 && first == null; i++) {
                parser.feed(mib, 0, mib.length);
                first = parser.next();
              }
              assertThat(first)
                  .as("next() after a header declaring 2,000,000,000 bytes and 8 MiB of them")
                  .isNull();
            });
    checkNoHugeAllocation(thrown, "$2000000000\\r\\n");
  }

  @Test
  @Tag("task:4")
  @DisplayName("a header declaring an array of 2,000,000,000 items allocates nothing in advance")
  void hugeArrayHeader() {
    RespParser parser = new RespParser();
    Throwable thrown =
        catchThrowable(
            () -> {
              feed(parser, "*2000000000\r\n:1\r\n:2\r\n");
              assertThat(parser.next())
                  .as("next() after a header declaring 2,000,000,000 items and 2 of them")
                  .isNull();
            });
    checkNoHugeAllocation(thrown, "*2000000000\\r\\n");
  }

  /** Passes for nothing thrown or a protocol error; fails helpfully on an OutOfMemoryError. */
  private static void checkNoHugeAllocation(Throwable thrown, String header) {
    if (thrown instanceof OutOfMemoryError) {
      fail(
          "%s ran out of memory (this JVM has a 256 MB heap): the parser allocated room for"
              + " what the header declares before any of it arrived. A length is a claim, not a"
              + " fact: let the buffer grow with the bytes that come (and cap the initial"
              + " capacity of an array's item list). Refusing a length over Redis's 512 MB"
              + " proto-max-bulk-len with \"ERR Protocol error: invalid bulk length\" is fine too",
          header);
    }
    if (thrown instanceof UnsupportedOperationException todo) throw todo;
    if (thrown instanceof AssertionError a) throw a;
    if (thrown != null && !(thrown instanceof RespProtocolException)) {
      fail("%s made the parser throw %s", header, thrown);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers
  // ---------------------------------------------------------------------------------------------

  /** A random value whose strings and arrays are at most {@code budget} long. */
  private static RespValue randomValue(SplittableRandom random, int budget, int depth) {
    int kind = random.nextInt(depth < 3 ? 8 : 6);
    return switch (kind) {
      case 0 -> RespValue.simple(randomLine(random, budget));
      case 1 -> RespValue.error("ERR " + randomLine(random, budget));
      case 2 ->
          RespValue.integer(
              switch (random.nextInt(4)) {
                case 0 -> random.nextLong(-10, 10);
                case 1 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                default -> random.nextLong();
              });
      case 3, 4 -> {
        byte[] data = new byte[random.nextInt(budget + 1)];
        for (int i = 0; i < data.length; i++) {
          // CR and LF often, so the length, not a line end, must say where a bulk stops
          data[i] =
              random.nextInt(4) == 0
                  ? (byte) "\r\n$*".charAt(random.nextInt(4))
                  : (byte) random.nextInt(256);
        }
        yield RespValue.bulk(data);
      }
      case 5 -> random.nextBoolean() ? RespValue.NULL : RespValue.NULL_ARRAY;
      default -> {
        List<RespValue> items = new ArrayList<>();
        int n = random.nextInt(Math.min(budget, 6) + 1);
        for (int i = 0; i < n; i++) items.add(randomValue(random, budget, depth + 1));
        yield RespValue.array(items);
      }
    };
  }

  /** Latin-1 text without CR or LF, as simple strings and errors carry. */
  private static String randomLine(SplittableRandom random, int budget) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(budget + 1);
    for (int i = 0; i < n; i++) {
      sb.append(
          random.nextInt(8) == 0
              ? (char) random.nextInt(0xA0, 0x100)
              : (char) random.nextInt(0x20, 0x7F));
    }
    return sb.toString();
  }

  private static void feed(RespParser parser, String latin1) {
    byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
    parser.feed(bytes, 0, bytes.length);
  }

  /** Calls next() until null; more than {@code max} values means next() never says "no more". */
  private static List<RespValue> drain(RespParser parser, int max) {
    List<RespValue> got = new ArrayList<>();
    for (RespValue v; (v = parser.next()) != null; ) {
      got.add(v);
      if (got.size() > max) {
        fail(
            "next() returned more than %d values where at most %d were fed (last: %s): return"
                + " null once no complete value is left",
            got.size() - 1, max - 1, v);
      }
    }
    return got;
  }

  private static byte[] concat(List<RespValue> values) {
    var out = new java.io.ByteArrayOutputStream();
    for (RespValue v : values) out.writeBytes(v.encode());
    return out.toByteArray();
  }

  /** The byte offset where each value ends in {@link #concat}. */
  private static int[] valueEnds(List<RespValue> values) {
    int[] ends = new int[values.size()];
    int at = 0;
    for (int i = 0; i < ends.length; i++) ends[i] = at += values.get(i).encode().length;
    return ends;
  }

  private static int countUpTo(int[] ends, int fed) {
    int n = 0;
    while (n < ends.length && ends[n] <= fed) n++;
    return n;
  }

  private static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** What {@code call} threw, or null; "not implemented yet" is passed on for prep to report. */
  private static Throwable thrownBy(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (thrown instanceof UnsupportedOperationException todo) throw todo;
    return thrown;
  }

  private static String wire(RespValue value) {
    return wire(value.encode());
  }

  private static String wire(byte[] bytes) {
    String s = RespValue.Printable.of(bytes);
    return "\"" + (s.length() > 120 ? s.substring(0, 117) + "..." : s) + "\"";
  }

  private static String printable(String latin1) {
    return wire(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String tail(byte[] all, int split) {
    return "..." + wire(Arrays.copyOfRange(all, Math.max(0, split - 12), split));
  }

  private static String head(byte[] all, int split) {
    return wire(Arrays.copyOfRange(all, split, Math.min(all.length, split + 12))) + "...";
  }
}
