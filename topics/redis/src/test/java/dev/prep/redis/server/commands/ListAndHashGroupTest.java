package dev.prep.redis.server.commands;

import static dev.prep.redis.server.commands.InProcessRedis.wire;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lists and hashes reply as redis-server 7.0.15 does (t_list.c, t_hash.c)")
class ListAndHashGroupTest {

  private final InProcessRedis redis =
      new InProcessRedis().given("RPUSH l a b c d e", "HSET h a 1 b 2 c 3", "SET s x");

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("pushes, pops, ranges and fields, byte for byte")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          LRANGE l 0 -1       | *5\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n$1\\r\\nc\\r\\n$1\\r\\nd\\r\\n$1\\r\\ne\\r\\n
          LRANGE l -2 -1      | *2\\r\\n$1\\r\\nd\\r\\n$1\\r\\ne\\r\\n
          LRANGE l -100 1     | *2\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n
          LRANGE l 3 1        | *0\\r\\n
          LRANGE l 9 20       | *0\\r\\n
          LRANGE l 0 x        | -ERR value is not an integer or out of range\\r\\n
          LRANGE missing 0 -1 | *0\\r\\n
          LRANGE s 0 -1       | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          LPOP l 0            | *0\\r\\n
          LPOP l 2            | *2\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n
          RPOP l 2            | *2\\r\\n$1\\r\\ne\\r\\n$1\\r\\nd\\r\\n
          LPOP l              | $1\\r\\na\\r\\n
          LPOP missing        | $-1\\r\\n
          LPOP missing 2      | *-1\\r\\n
          LPOP missing 0      | *-1\\r\\n
          LPOP l -1           | -ERR value is out of range, must be positive\\r\\n
          LPOP missing abc    | -ERR value is out of range, must be positive\\r\\n
          LPOP l 1 2          | -ERR wrong number of arguments for 'lpop' command\\r\\n
          LPOP s              | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          LPUSH l             | -ERR wrong number of arguments for 'lpush' command\\r\\n
          LPUSHX missing a    | :0\\r\\n
          LLEN l              | :5\\r\\n
          LLEN missing        | :0\\r\\n
          LINDEX l -1         | $1\\r\\ne\\r\\n
          LINDEX l 5          | $-1\\r\\n
          LINDEX missing x    | $-1\\r\\n
          LINDEX l x          | -ERR value is not an integer or out of range\\r\\n
          HSET h a 9 d 4      | :1\\r\\n
          HSET h a            | -ERR wrong number of arguments for 'hset' command\\r\\n
          HSET h a 1 b        | -ERR wrong number of arguments for 'hset' command\\r\\n
          HMSET h a 1 b       | -ERR wrong number of arguments for 'hmset' command\\r\\n
          HMSET h z 1         | +OK\\r\\n
          HGET h b            | $1\\r\\n2\\r\\n
          HGET h zz           | $-1\\r\\n
          HGET missing a      | $-1\\r\\n
          HMGET h a zz c      | *3\\r\\n$1\\r\\n1\\r\\n$-1\\r\\n$1\\r\\n3\\r\\n
          HDEL h a zz a       | :1\\r\\n
          HLEN h              | :3\\r\\n
          HEXISTS h a         | :1\\r\\n
          HEXISTS h zz        | :0\\r\\n
          HKEYS h             | *3\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n$1\\r\\nc\\r\\n
          HGETALL missing     | *0\\r\\n
          HGET s a            | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          HINCRBY h a 10      | :11\\r\\n
          HINCRBY h new -3    | :-3\\r\\n
          HINCRBY h a x       | -ERR value is not an integer or out of range\\r\\n
          HINCRBY h a 9223372036854775807 | -ERR increment or decrement would overflow\\r\\n
          HSETNX h a 5        | :0\\r\\n
          HSETNX h n 5        | :1\\r\\n
          """)
  void replies(String command, String expected) {
    assertThat(redis.run(command)).isEqualTo(wire(expected));
  }

  @Test
  @DisplayName("LPUSH a b c leaves c b a; RPUSH appends; both reply the new length")
  void pushOrder() {
    assertThat(redis.run("LPUSH n a b c")).isEqualTo(":3\r\n");
    assertThat(redis.run("RPUSH n z")).isEqualTo(":4\r\n");
    assertThat(redis.run("LRANGE n 0 -1"))
        .isEqualTo("*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nz\r\n");
  }

  @Test
  @DisplayName("a list or hash emptied by its last pop or delete is deleted, as Redis does")
  void emptyAggregatesAreDeleted() {
    assertThat(redis.run("LPOP l 10")).startsWith("*5\r\n");
    assertThat(redis.run("EXISTS l")).isEqualTo(":0\r\n");
    assertThat(redis.run("TYPE l")).isEqualTo("+none\r\n");
    assertThat(redis.run("HDEL h a b c")).isEqualTo(":3\r\n");
    assertThat(redis.run("EXISTS h")).isEqualTo(":0\r\n");
  }

  @Test
  @DisplayName(
      "HGETALL keeps insertion order (a small Redis hash is a listpack); updates keep a field's place")
  void hgetallOrder() {
    redis.given("HSET h a 10", "HSET h z 26");
    assertThat(redis.run("HGETALL h"))
        .isEqualTo(
            "*8\r\n$1\r\na\r\n$2\r\n10\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"
                + "$1\r\nz\r\n$2\r\n26\r\n");
  }

  @Test
  @DisplayName("in RESP3 HGETALL is a map and LPOP of a missing list with a count is a null")
  void resp3Shapes() {
    redis.session.client().protocol(3);
    assertThat(redis.run("HGETALL h"))
        .isEqualTo("%3\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n");
    assertThat(redis.run("LPOP missing 2")).isEqualTo("_\r\n");
    assertThat(redis.run("HGET h zz")).isEqualTo("_\r\n");
  }
}
