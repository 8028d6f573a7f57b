package dev.prep.redis.server.commands;

import static dev.prep.redis.server.commands.InProcessRedis.wire;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Sorted sets reply as redis-server 7.0.15 does (t_zset.c)")
class ZSetGroupTest {

  private final InProcessRedis redis = new InProcessRedis().given("ZADD z 1 a 2 b 3 c", "SET s x");

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("ZADD's options, ranges and their errors, byte for byte")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ZADD z 1 a 2                   | -ERR syntax error\\r\\n
          ZADD z x a                     | -ERR value is not a valid float\\r\\n
          ZADD z nan a                   | -ERR value is not a valid float\\r\\n
          ZADD z 1e400 a                 | -ERR value is not a valid float\\r\\n
          ZADD z NX XX 1 a               | -ERR XX and NX options at the same time are not compatible\\r\\n
          ZADD z GT LT 1 a               | -ERR GT, LT, and/or NX options at the same time are not compatible\\r\\n
          ZADD z INCR 1 a 2 b            | -ERR INCR option supports a single increment-element pair\\r\\n
          ZADD z NX                      | -ERR wrong number of arguments for 'zadd' command\\r\\n
          ZADD z                         | -ERR wrong number of arguments for 'zadd' command\\r\\n
          ZADD z NX 5 a 4 d              | :1\\r\\n
          ZADD z XX 5 a 4 e              | :0\\r\\n
          ZADD z CH 6 a 4 d              | :2\\r\\n
          ZADD z GT 0 a                  | :0\\r\\n
          ZADD z GT CH 10 a              | :1\\r\\n
          ZADD z LT CH 20 a 0 b          | :1\\r\\n
          ZADD z INCR 1.5 a              | $3\\r\\n2.5\\r\\n
          ZADD z NX INCR 1 a             | $-1\\r\\n
          ZADD missing XX 1 a            | :0\\r\\n
          ZADD missing XX INCR 1 a       | $-1\\r\\n
          ZADD s 1 a                     | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          ZINCRBY z -0.5 c               | $3\\r\\n2.5\\r\\n
          ZCARD z                        | :3\\r\\n
          ZCARD missing                  | :0\\r\\n
          ZSCORE z b                     | $1\\r\\n2\\r\\n
          ZSCORE z zz                    | $-1\\r\\n
          ZREM z a zz a                  | :1\\r\\n
          ZRANGE z 0 -1                  | *3\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n$1\\r\\nc\\r\\n
          ZRANGE z -2 -1 WITHSCORES      | *4\\r\\n$1\\r\\nb\\r\\n$1\\r\\n2\\r\\n$1\\r\\nc\\r\\n$1\\r\\n3\\r\\n
          ZRANGE z 0 0 REV               | *1\\r\\n$1\\r\\nc\\r\\n
          ZRANGE z 0 -1 withscore        | -ERR syntax error\\r\\n
          ZRANGE z 0 -1 LIMIT 0 1        | -ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\\r\\n
          ZRANGE z (1 3 BYSCORE          | *2\\r\\n$1\\r\\nb\\r\\n$1\\r\\nc\\r\\n
          ZRANGE z 3 (1 BYSCORE REV      | *2\\r\\n$1\\r\\nc\\r\\n$1\\r\\nb\\r\\n
          ZREVRANGE z 0 0 WITHSCORES     | *2\\r\\n$1\\r\\nc\\r\\n$1\\r\\n3\\r\\n
          ZRANGEBYSCORE z -inf +inf LIMIT 1 1 | *1\\r\\n$1\\r\\nb\\r\\n
          ZRANGEBYSCORE z -inf +inf LIMIT 1 -1 | *2\\r\\n$1\\r\\nb\\r\\n$1\\r\\nc\\r\\n
          ZRANGEBYSCORE z -inf +inf LIMIT -1 5 | *0\\r\\n
          ZRANGEBYSCORE z (1 (3          | *1\\r\\n$1\\r\\nb\\r\\n
          ZRANGEBYSCORE z 1 x            | -ERR min or max is not a float\\r\\n
          ZRANGEBYSCORE z 3 1            | *0\\r\\n
          ZRANGEBYSCORE s 0 1            | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          ZCOUNT z (1 3                  | :2\\r\\n
          ZCOUNT missing -inf +inf       | :0\\r\\n
          ZREMRANGEBYSCORE z -inf (3     | :2\\r\\n
          ZREMRANGEBYSCORE z x 1         | -ERR min or max is not a float\\r\\n
          """)
  void replies(String command, String expected) {
    assertThat(redis.run(command)).isEqualTo(wire(expected));
  }

  @ParameterizedTest(name = "ZADD {0} -> ZSCORE {1}")
  @DisplayName("scores print as Redis 7.0 prints doubles (%.17g), values from redis-server 7.0.15")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          1                  | 1
          1.5                | 1.5
          0.1                | 0.10000000000000001
          1e20               | 1e+20
          1e-5               | 1.0000000000000001e-05
          3.0000000000000004 | 3.0000000000000004
          123456789012345678 | 1.2345678901234568e+17
          1e-310             | 9.9999999999999694e-311
          -0                 | 0
          0x10               | 16
          inf                | inf
          -inf               | -inf
          """)
  void scores(String score, String printed) {
    redis.given("ZADD f " + score + " m");
    assertThat(redis.run("ZSCORE f m"))
        .isEqualTo("$" + printed.length() + "\r\n" + printed + "\r\n");
  }

  @Test
  @DisplayName("a sorted set emptied by ZREM or ZREMRANGEBYSCORE is deleted")
  void emptyZSetsAreDeleted() {
    assertThat(redis.run("ZREMRANGEBYSCORE z -inf +inf")).isEqualTo(":3\r\n");
    assertThat(redis.run("EXISTS z")).isEqualTo(":0\r\n");
  }

  @Test
  @DisplayName("INCR that would make inf + -inf is refused with Redis's NaN error")
  void nanIsRefused() {
    redis.given("ZADD f inf m");
    assertThat(redis.run("ZADD f INCR -inf m"))
        .isEqualTo("-ERR resulting score is not a number (NaN)\r\n");
    assertThat(redis.run("ZSCORE f m")).isEqualTo("$3\r\ninf\r\n");
  }

  @Test
  @DisplayName(
      "the sliding-window limiter: drop entries older than the window, count, peek at the oldest")
  void slidingWindow() {
    redis.given("ZADD window 1000 r1 1500 r2 2500 r3");
    assertThat(redis.run("ZREMRANGEBYSCORE window -inf 1499")).isEqualTo(":1\r\n");
    assertThat(redis.run("ZCARD window")).isEqualTo(":2\r\n");
    assertThat(redis.run("ZRANGE window 0 0 WITHSCORES"))
        .isEqualTo("*2\r\n$2\r\nr2\r\n$4\r\n1500\r\n");
  }

  @Test
  @DisplayName("equal scores order members by their bytes")
  void tiesOrderByMember() {
    redis.given("ZADD t 1 b 1 a 1 c 0 z");
    assertThat(redis.run("ZRANGE t 0 -1"))
        .isEqualTo("*4\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
  }
}
