package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RedisNumbers reads and prints numbers as Redis does (util.c, object.c, t_zset.c)")
class RedisNumbersTest {

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @DisplayName("string2ll accepts canonical integers only")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          0                    | 0
          7                    | 7
          -7                   | -7
          9223372036854775807  | 9223372036854775807
          -9223372036854775808 | -9223372036854775808
          """)
  void integers(String text, long value) {
    assertThat(RedisNumbers.parseLong(text)).isEqualTo(value);
  }

  @ParameterizedTest(name = "\"{0}\" is not an integer")
  @DisplayName("string2ll refuses signs, spaces, leading zeros, overflow and the empty string")
  @ValueSource(
      strings = {
        "",
        "+1",
        " 1",
        "1 ",
        "01",
        "-0",
        "00",
        "-",
        "1.0",
        "1e3",
        "0x10",
        "9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999",
        "000000000000000000001"
      })
  void notIntegers(String text) {
    assertThat(RedisNumbers.parseLong(text)).isNull();
  }

  @Test
  @DisplayName("property: parseLong(Long.toString(x)) == x for 10,000 seeded random longs")
  void integerRoundTrip() {
    var random = new SplittableRandom(42);
    long[] edges = {0, 1, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long x : edges) assertThat(RedisNumbers.parseLong(Long.toString(x))).isEqualTo(x);
    for (int i = 0; i < 10_000; i++) {
      long x = random.nextLong() >> random.nextInt(64); // all magnitudes
      assertThat(RedisNumbers.parseLong(Long.toString(x))).as("x = %d", x).isEqualTo(x);
    }
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @DisplayName("strtod as ZADD reads scores")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          1        | 1.0
          -1.5     | -1.5
          +1       | 1.0
          .5       | 0.5
          5.       | 5.0
          1e3      | 1000.0
          1E-2     | 0.01
          inf      | Infinity
          -INF     | -Infinity
          +inf     | Infinity
          infinity | Infinity
          0x10     | 16.0
          0x1.8p1  | 3.0
          0e-400   | 0.0
          1e-310   | 1.0E-310
          """)
  void doubles(String text, double value) {
    assertThat(RedisNumbers.parseDouble(text)).isEqualTo(value);
  }

  @ParameterizedTest(name = "\"{0}\" is not a valid float")
  @DisplayName("ZADD refuses NaN, overflow, underflow to zero, spaces and trailing text")
  @ValueSource(
      strings = {
        "", " 1", "1 ", "nan", "NaN", "1e400", "-1e400", "1e-400", "1e", "1d", "abc", "--1", "1..2"
      })
  void notDoubles(String text) {
    assertThat(RedisNumbers.parseDouble(text)).isNull();
  }

  @ParameterizedTest(name = "bound \"{0}\" -> {1}")
  @DisplayName("range bounds are lax: empty is 0, overflow is infinity")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ""     | 0.0
          " 1"   | 1.0
          1e400  | Infinity
          -inf   | -Infinity
          """)
  void rangeBounds(String text, double value) {
    assertThat(RedisNumbers.parseRangeBound(text)).isEqualTo(value);
  }

  @ParameterizedTest(name = "bound \"{0}\" is not a float")
  @ValueSource(strings = {"x", "1 ", "nan", " ", "1x"})
  @DisplayName("range bounds still refuse NaN and trailing text")
  void badRangeBounds(String text) {
    assertThat(RedisNumbers.parseRangeBound(text)).isNull();
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @DisplayName("doubles print as %.17g, as redis-server 7.0.15 replies them")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          1.0                    | 1
          -2.0                   | -2
          1.5                    | 1.5
          0.1                    | 0.10000000000000001
          100.0                  | 100
          1e16                   | 10000000000000000
          1e17                   | 1e+17
          1e20                   | 1e+20
          1e-4                   | 0.0001
          1e-5                   | 1.0000000000000001e-05
          3.0000000000000004     | 3.0000000000000004
          1.2345678901234568E17  | 1.2345678901234568e+17
          1.0E-310               | 9.9999999999999694e-311
          1.7976931348623157E308 | 1.7976931348623157e+308
          Infinity               | inf
          -Infinity              | -inf
          -0.0                   | -0
          """)
  void formatting(double value, String printed) {
    assertThat(RedisNumbers.formatDouble(value)).isEqualTo(printed);
  }

  @Test
  @DisplayName(
      "property: 17 significant digits read back as the same double, for 10,000 seeded doubles")
  void formatRoundTrips() {
    var random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      double x = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(x)) continue;
      String printed = RedisNumbers.formatDouble(x);
      assertThat(RedisNumbers.parseRangeBound(printed)).as(printed).isEqualTo(x);
    }
  }
}
