package dev.prep.redis.server.commands;

import static dev.prep.redis.server.commands.InProcessRedis.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Strings reply as redis-server 7.0.15 does (t_string.c)")
class StringGroupTest {

  private final InProcessRedis redis =
      new InProcessRedis()
          .given(
              "SET k v",
              "RPUSH list a",
              "SET text abc",
              "SET max 9223372036854775807",
              "SET min -9223372036854775808");

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("options, numbers and their errors, byte for byte")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          GET k                            | $1\\r\\nv\\r\\n
          GET missing                      | $-1\\r\\n
          GET list                         | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          GET                              | -ERR wrong number of arguments for 'get' command\\r\\n
          SET k                            | -ERR wrong number of arguments for 'set' command\\r\\n
          SET k v EX 10 PX 100             | -ERR syntax error\\r\\n
          SET k v NX XX                    | -ERR syntax error\\r\\n
          SET k v KEEPTTL EX 10            | -ERR syntax error\\r\\n
          SET k v EX                       | -ERR syntax error\\r\\n
          SET k v BOGUS                    | -ERR syntax error\\r\\n
          SET k v EX 0                     | -ERR invalid expire time in 'set' command\\r\\n
          SET k v PX -1                    | -ERR invalid expire time in 'set' command\\r\\n
          SET k v EX 9223372036854775807   | -ERR invalid expire time in 'set' command\\r\\n
          SET k v EXAT 0                   | -ERR invalid expire time in 'set' command\\r\\n
          SET k v EX abc                   | -ERR value is not an integer or out of range\\r\\n
          SET k v EX 1.5                   | -ERR value is not an integer or out of range\\r\\n
          SET k v EX 10 EX 20              | +OK\\r\\n
          SET k v2 GET                     | $1\\r\\nv\\r\\n
          SET k v2 NX                      | $-1\\r\\n
          SET k v2 NX GET                  | $1\\r\\nv\\r\\n
          SET new v XX                     | $-1\\r\\n
          SET new v XX GET                 | $-1\\r\\n
          SET list v GET                   | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          SET list v                       | +OK\\r\\n
          SETNX k other                    | :0\\r\\n
          SETNX fresh 1                    | :1\\r\\n
          SETEX k 0 v                      | -ERR invalid expire time in 'setex' command\\r\\n
          GETSET k w                       | $1\\r\\nv\\r\\n
          GETSET list w                    | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          GETDEL k                         | $1\\r\\nv\\r\\n
          GETDEL missing                   | $-1\\r\\n
          MSET a 1 b                       | -ERR wrong number of arguments for 'mset' command\\r\\n
          MGET k missing list              | *3\\r\\n$1\\r\\nv\\r\\n$-1\\r\\n$-1\\r\\n
          MSETNX k 1 other 2               | :0\\r\\n
          APPEND k xyz                     | :4\\r\\n
          APPEND list x                    | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          STRLEN text                      | :3\\r\\n
          STRLEN missing                   | :0\\r\\n
          INCR counter                     | :1\\r\\n
          DECR counter                     | :-1\\r\\n
          INCRBY counter 10                | :10\\r\\n
          DECRBY counter 10                | :-10\\r\\n
          INCR text                        | -ERR value is not an integer or out of range\\r\\n
          INCR list                        | -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n
          INCR max                         | -ERR increment or decrement would overflow\\r\\n
          INCRBY max -1                    | :9223372036854775806\\r\\n
          DECR min                         | -ERR increment or decrement would overflow\\r\\n
          INCRBY min 9223372036854775807   | :-1\\r\\n
          DECRBY k -9223372036854775808    | -ERR decrement would overflow\\r\\n
          INCRBY k 1                       | -ERR value is not an integer or out of range\\r\\n
          INCRBY counter +1                | -ERR value is not an integer or out of range\\r\\n
          INCRBY counter 007               | -ERR value is not an integer or out of range\\r\\n
          INCRBY counter -0                | -ERR value is not an integer or out of range\\r\\n
          INCRBY counter 9223372036854775808 | -ERR value is not an integer or out of range\\r\\n
          """)
  void replies(String command, String expected) {
    assertThat(redis.run(command)).isEqualTo(wire(expected));
  }

  @Test
  @DisplayName("SET EX, PX, EXAT and PXAT set a deadline on the keyspace's clock; GET sees it pass")
  void expireOptions() {
    redis.given("SET a v EX 10", "SET b v PX 1500", "SET c v EXAT 1767225700", "SET d v PXAT 1");
    redis.clock.advance(Duration.ofMillis(1500));
    assertThat(redis.run("GET b"))
        .as("alive through its deadline's millisecond")
        .isEqualTo("$1\r\nv\r\n");
    redis.clock.advance(Duration.ofMillis(1));
    assertThat(redis.run("GET b")).as("PX 1500, 1501 ms later").isEqualTo("$-1\r\n");
    assertThat(redis.run("GET d"))
        .as("PXAT in the past: set, but already expired")
        .isEqualTo("$-1\r\n");
    redis.clock.advance(Duration.ofMillis(8499));
    assertThat(redis.run("GET a")).isEqualTo("$1\r\nv\r\n");
    redis.clock.advance(Duration.ofMillis(1));
    assertThat(redis.run("GET a")).as("EX 10, 10 s later").isEqualTo("$-1\r\n");
    assertThat(redis.run("EXPIRETIME c")).isEqualTo(":1767225700\r\n");
  }

  @Test
  @DisplayName("a plain SET clears a deadline; SET KEEPTTL, INCR and APPEND keep it")
  void whatKeepsTheTtl() {
    redis.given("SET a 1 EX 100", "SET b 1 EX 100", "SET c 1 EX 100", "SET d x EX 100");
    redis.given("SET a 2", "SET b 2 KEEPTTL", "INCR c", "APPEND d y");
    assertThat(redis.run("TTL a")).isEqualTo(":-1\r\n");
    assertThat(redis.run("TTL b")).isEqualTo(":100\r\n");
    assertThat(redis.run("TTL c")).isEqualTo(":100\r\n");
    assertThat(redis.run("TTL d")).isEqualTo(":100\r\n");
    assertThat(redis.run("GET c")).isEqualTo("$1\r\n2\r\n");
  }

  @Test
  @DisplayName("values are binary-safe Latin-1: every byte 0..255 survives SET and GET")
  void binarySafe() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 256; c++) all.append(c);
    var args = java.util.List.of("SET", "bytes", all.toString());
    redis.table.execute(redis.session, args);
    assertThat(redis.run("STRLEN bytes")).isEqualTo(":256\r\n");
    assertThat(redis.run("GET bytes")).isEqualTo("$256\r\n" + all + "\r\n");
  }

  @Test
  @DisplayName("MSET writes every pair; MSETNX writes none if any key exists")
  void msetAndMsetnx() {
    assertThat(redis.run("MSET a 1 b 2")).isEqualTo("+OK\r\n");
    assertThat(redis.run("MSETNX x 1 a 9")).isEqualTo(":0\r\n");
    assertThat(redis.run("EXISTS x")).isEqualTo(":0\r\n");
    assertThat(redis.run("MSETNX x 1 y 2")).isEqualTo(":1\r\n");
    assertThat(redis.run("MGET a b x y"))
        .isEqualTo("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n2\r\n");
  }
}
