package dev.prep.redis.server.commands;

import static dev.prep.redis.server.commands.InProcessRedis.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Keys and expiry reply as redis-server 7.0.15 does (db.c, expire.c)")
class KeyAndExpiryGroupTest {

  private final InProcessRedis redis =
      new InProcessRedis().given("SET k v", "SET ttl v EX 100", "RPUSH list a", "HSET hash f v");

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("key commands and EXPIRE's options, byte for byte")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          EXISTS k k missing         | :2\\r\\n
          TYPE k                     | +string\\r\\n
          TYPE list                  | +list\\r\\n
          TYPE hash                  | +hash\\r\\n
          TYPE missing               | +none\\r\\n
          DEL k list missing         | :2\\r\\n
          UNLINK k                   | :1\\r\\n
          RENAME missing x           | -ERR no such key\\r\\n
          RENAMENX k hash            | :0\\r\\n
          TTL missing                | :-2\\r\\n
          TTL k                      | :-1\\r\\n
          PTTL k                     | :-1\\r\\n
          TTL ttl                    | :100\\r\\n
          PTTL ttl                   | :100000\\r\\n
          EXPIRETIME ttl             | :1767225700\\r\\n
          PEXPIRETIME ttl            | :1767225700000\\r\\n
          EXPIRE missing 10          | :0\\r\\n
          EXPIRE k 10 NX             | :1\\r\\n
          EXPIRE ttl 10 NX           | :0\\r\\n
          EXPIRE k 10 XX             | :0\\r\\n
          EXPIRE ttl 10 XX           | :1\\r\\n
          EXPIRE k 10 GT             | :0\\r\\n
          EXPIRE ttl 50 GT           | :0\\r\\n
          EXPIRE ttl 200 GT          | :1\\r\\n
          EXPIRE k 10 LT             | :1\\r\\n
          EXPIRE ttl 200 LT          | :0\\r\\n
          EXPIRE k 10 NX XX          | -ERR NX and XX, GT or LT options at the same time are not compatible\\r\\n
          EXPIRE k 10 GT LT          | -ERR GT and LT options at the same time are not compatible\\r\\n
          EXPIRE k 10 FOO            | -ERR Unsupported option FOO\\r\\n
          EXPIRE k abc FOO           | -ERR Unsupported option FOO\\r\\n
          EXPIRE k abc               | -ERR value is not an integer or out of range\\r\\n
          EXPIRE k 9223372036854775  | -ERR invalid expire time in 'expire' command\\r\\n
          PEXPIRE k 9223372036854775807 | -ERR invalid expire time in 'pexpire' command\\r\\n
          PERSIST ttl                | :1\\r\\n
          PERSIST k                  | :0\\r\\n
          PERSIST missing            | :0\\r\\n
          """)
  void replies(String command, String expected) {
    assertThat(redis.run(command)).isEqualTo(wire(expected));
  }

  @Test
  @DisplayName("a deadline at or before now deletes the key at once and replies 1")
  void negativeTtlDeletes() {
    assertThat(redis.run("EXPIRE k -1")).isEqualTo(":1\r\n");
    assertThat(redis.run("EXISTS k")).isEqualTo(":0\r\n");
    redis.given("SET k v");
    assertThat(redis.run("PEXPIRE k 0")).isEqualTo(":1\r\n");
    assertThat(redis.run("EXISTS k")).isEqualTo(":0\r\n");
    redis.given("SET k v");
    assertThat(redis.run("EXPIREAT k 1")).isEqualTo(":1\r\n");
    assertThat(redis.run("GET k")).isEqualTo("$-1\r\n");
  }

  @Test
  @DisplayName("TTL rounds to the nearest second and reaches -2 when the key expires lazily")
  void ttlCountsDown() {
    redis.clock.advance(Duration.ofMillis(99_400));
    assertThat(redis.run("PTTL ttl")).isEqualTo(":600\r\n");
    assertThat(redis.run("TTL ttl")).as("600 ms rounds up to 1 s").isEqualTo(":1\r\n");
    redis.clock.advance(Duration.ofMillis(200));
    assertThat(redis.run("TTL ttl")).as("400 ms rounds down to 0 s").isEqualTo(":0\r\n");
    long expiredBefore = redis.db.expiredKeys();
    redis.clock.advance(Duration.ofMillis(400));
    assertThat(redis.run("TTL ttl")).as("at its deadline the key still lives").isEqualTo(":0\r\n");
    redis.clock.advance(Duration.ofMillis(1));
    assertThat(redis.run("TTL ttl")).isEqualTo(":-2\r\n");
    assertThat(redis.db.expiredKeys())
        .as("the read deleted it: lazy expiry")
        .isEqualTo(expiredBefore + 1);
  }

  @Test
  @DisplayName("RENAME moves the value and its deadline, replacing the target")
  void renameKeepsTheDeadline() {
    assertThat(redis.run("RENAME ttl hash")).isEqualTo("+OK\r\n");
    assertThat(redis.run("TYPE hash")).isEqualTo("+string\r\n");
    assertThat(redis.run("TTL hash")).isEqualTo(":100\r\n");
    assertThat(redis.run("EXISTS ttl")).isEqualTo(":0\r\n");
    assertThat(redis.run("RENAME hash hash")).isEqualTo("+OK\r\n");
    assertThat(redis.run("RENAMENX hash fresh")).isEqualTo(":1\r\n");
  }

  @Test
  @DisplayName("an expired key is gone for EXISTS, TYPE and DEL alike")
  void expiredKeysAreGone() {
    redis.clock.advance(Duration.ofMillis(100_001));
    assertThat(redis.run("EXISTS ttl")).isEqualTo(":0\r\n");
    assertThat(redis.run("TYPE ttl")).isEqualTo("+none\r\n");
    assertThat(redis.run("DEL ttl")).isEqualTo(":0\r\n");
    assertThat(redis.run("DBSIZE")).isEqualTo(":3\r\n");
  }
}
