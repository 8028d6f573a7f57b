package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.prep.redis.grading.RawConnection;
import dev.prep.redis.grading.StageServer;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * Grader for {@code redis/strings}: the learner's {@link StringCommands} plugged into the reference
 * event loop next to the reference's connection commands (PING, FLUSHALL) and its list and hash
 * commands (RPUSH, HSET: keys of the wrong type), on a {@link ManualClock}. Every expected reply
 * was checked against redis-server 7.0.15; the raw tests compare bytes, and Jedis 8.0.2 plays the
 * real client. Tasks: register with Redis's arities; SET and GET; DEL, EXISTS and TYPE; SET's
 * options and errors; INCR and its family with Redis's strict integers.
 */
@DisplayName("strings: SET (NX, XX, EX, PX), GET, DEL, EXISTS, TYPE, INCR with Redis's replies")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StringCommandsTest {

  private static final ManualClock clock = new ManualClock();
  private static StageServer stage;
  private static ReferenceServer server;

  @BeforeAll
  static void startServer() throws IOException {
    stage =
        StageServer.start(
            clock,
            List.of(
                ReferenceCommands.connection(),
                ReferenceCommands.lists(),
                ReferenceCommands.hashes()),
            new StringCommands()); // a failed register is reported by each test, task 1 first
    server = stage.server();
  }

  @AfterAll
  static void stopServer() {
    if (stage != null) stage.close();
  }

  @BeforeEach
  void emptyKeyspace(TestInfo test) throws IOException {
    if (test.getTags().contains("task:1")) return;
    stage.requireRegistered(
        StringCommands.class,
        ", so no command of yours is on the server:"
            + " finish task 1 first (table.add(\"get\", 2, this::get) and so on)");
    stage.flushAll();
  }

  // ---- task 1: register -------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}: {1}", quoteTextArguments = false)
  @Tag("task:1")
  @DisplayName("register adds each command with the arity Redis's COMMAND INFO gives")
  @CsvSource(
      textBlock =
          """
          set,    -3
          get,     2
          del,    -2
          exists, -2
          type,    2
          incr,    2
          decr,    2
          incrby,  3
          decrby,  3
          """)
  void registersWithRedisArities(String name, int arity) {
    CommandTable table = new CommandTable();
    new StringCommands().register(table);
    CommandTable.Entry entry = table.lookup(name);
    assertThat(entry)
        .as("register(table) did not add %s: table.add(\"%s\", %d, this::...)", name, name, arity)
        .isNotNull();
    assertThat(entry.arity())
        .as(
            "the arity of %s: Redis's COMMAND INFO %s says %d (the name counts; a negative arity"
                + " means at least that many words, e.g. SET -3 for SET key value [options])",
            name, name, arity)
        .isEqualTo(arity);
  }

  @Test
  @Tag("task:1")
  @DisplayName("a wrong number of arguments gets Redis's error from the table, over a socket")
  void wrongArityOverTheWire() throws IOException {
    assertThat(stage.registerFailure(StringCommands.class))
        .as("StringCommands.register(table) threw")
        .isNull();
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(
          "-ERR wrong number of arguments for 'get' command\r\n",
          "GET has arity 2: the table refuses GET without a key before your code runs",
          "GET");
      wire.expect(
          "-ERR wrong number of arguments for 'set' command\r\n",
          "SET has arity -3: at least SET key value",
          "SET",
          "k");
      wire.expect(
          "-ERR wrong number of arguments for 'incrby' command\r\n",
          "INCRBY has arity 3: exactly INCRBY key increment",
          "INCRBY",
          "k",
          "1",
          "2");
    }
  }

  // ---- task 2: SET and GET ----------------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("GET returns what SET stored; SET replaces; a missing key is the null bulk $-1")
  void setThenGet() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect("+OK\r\n", "SET replies the simple string OK", "SET", "greeting", "hello");
      wire.expect("$5\r\nhello\r\n", "GET replies the value as a bulk string", "GET", "greeting");
      wire.expect(
          "$-1\r\n",
          "a missing key is the null bulk string (RespValue.NULL), not an empty string",
          "GET",
          "nothing-here");
      wire.expect("+OK\r\n", "SET on an existing key replaces it", "SET", "greeting", "world");
      wire.expect("$5\r\nworld\r\n", "GET after the second SET", "GET", "greeting");
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("values are binary-safe: all 256 byte values, and the empty string, come back")
  void binarySafe() throws IOException {
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) every[i] = (byte) i;
    String latin1 = new String(every, StandardCharsets.ISO_8859_1);
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect("+OK\r\n", "SET of bytes 0..255", "SET", "bytes", latin1);
      RespValue got = wire.call("GET", "bytes");
      assertThat(got)
          .as(
              "GET of a value holding every byte 0..255: the same 256 bytes must come back."
                  + " Keep values as the Latin-1 strings they arrive as (one char per byte) and"
                  + " reply RespValue.bulk(value); never convert through UTF-8")
          .isEqualTo(RespValue.bulk(every));
      wire.expect("+OK\r\n", "SET of the empty string", "SET", "empty", "");
      wire.expect(
          "$0\r\n\r\n",
          "an empty value is a bulk string of length 0, not the null bulk",
          "GET",
          "empty");
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("GET on a list is WRONGTYPE; SET replaces a value of any type")
  void getWrongType() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(":1\r\n", "RPUSH (the reference's) makes a list", "RPUSH", "mylist", "a");
      wire.expect(
          "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
          "GET on a list: check value.type() and reply Replies.WRONGTYPE",
          "GET",
          "mylist");
      wire.expect(
          "+OK\r\n",
          "SET never checks the old type: it replaces the list with a string",
          "SET",
          "mylist",
          "now-a-string");
      wire.expect("$12\r\nnow-a-string\r\n", "GET after SET replaced the list", "GET", "mylist");
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("Jedis, a real client, sets and gets")
  void jedisSetGet() {
    try (Jedis jedis = jedis()) {
      assertThat(jedis.set("user:1", "Ada")).as("Jedis set(\"user:1\", \"Ada\")").isEqualTo("OK");
      assertThat(jedis.get("user:1")).as("Jedis get(\"user:1\")").isEqualTo("Ada");
      assertThat(jedis.get("user:2")).as("Jedis get of a missing key is null").isNull();
    }
  }

  // ---- task 3: DEL, EXISTS, TYPE ----------------------------------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("DEL deletes many keys and counts those that existed")
  void del() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "a", "1");
      wire.call("SET", "b", "2");
      wire.call("RPUSH", "l", "x");
      wire.expect(
          ":3\r\n",
          "DEL a b l missing: three keys existed (any type), one did not",
          "DEL",
          "a",
          "b",
          "l",
          "missing");
      wire.expect("$-1\r\n", "GET a after DEL", "GET", "a");
      wire.expect(":0\r\n", "DEL of a key already deleted", "DEL", "a");
      wire.call("SET", "c", "3");
      wire.expect(
          ":1\r\n", "DEL c c: one key, deleted once (the second finds nothing)", "DEL", "c", "c");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("EXISTS counts the named keys that exist, a key named twice counted twice")
  void exists() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "a", "1");
      wire.call("RPUSH", "l", "x");
      wire.expect(":1\r\n", "EXISTS a", "EXISTS", "a");
      wire.expect(":0\r\n", "EXISTS of a missing key", "EXISTS", "missing");
      wire.expect(
          ":4\r\n",
          "EXISTS a a l missing a: Redis counts per argument, so repeats count again (3 x a,"
              + " 1 x l)",
          "EXISTS",
          "a",
          "a",
          "l",
          "missing",
          "a");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("TYPE names the type as a simple string, none for a missing key")
  void type() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "s", "v");
      wire.call("RPUSH", "l", "x");
      wire.call("HSET", "h", "f", "v");
      wire.expect("+string\r\n", "TYPE of a string: a simple string, not a bulk", "TYPE", "s");
      wire.expect("+list\r\n", "TYPE of a list: value.type().typeName()", "TYPE", "l");
      wire.expect("+hash\r\n", "TYPE of a hash", "TYPE", "h");
      wire.expect("+none\r\n", "TYPE of a missing key is +none, not a null", "TYPE", "missing");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("Jedis deletes, checks and types keys")
  void jedisDelExistsType() {
    try (Jedis jedis = jedis()) {
      jedis.set("a", "1");
      jedis.set("b", "2");
      assertThat(jedis.exists("a", "b", "c")).as("Jedis exists(\"a\", \"b\", \"c\")").isEqualTo(2);
      assertThat(jedis.type("a")).as("Jedis type(\"a\")").isEqualTo("string");
      assertThat(jedis.del("a", "b", "c")).as("Jedis del(\"a\", \"b\", \"c\")").isEqualTo(2);
      assertThat(jedis.exists("a")).as("Jedis exists(\"a\") after del").isFalse();
      assertThat(jedis.type("a")).as("Jedis type of a deleted key").isEqualTo("none");
    }
  }

  // ---- task 4: SET's options --------------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("SET NX sets only a missing key, XX only an existing one; a refusal is $-1")
  void nxAndXx() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect("+OK\r\n", "SET k v1 NX on a missing key", "SET", "k", "v1", "NX");
      wire.expect(
          "$-1\r\n",
          "SET k v2 NX on an existing key: not set, and the reply is the null bulk",
          "SET",
          "k",
          "v2",
          "NX");
      wire.expect("$2\r\nv1\r\n", "GET k after the refused SET NX: still v1", "GET", "k");
      wire.expect("$-1\r\n", "SET other v XX on a missing key: not set", "SET", "other", "v", "XX");
      wire.expect(":0\r\n", "EXISTS other after the refused SET XX", "EXISTS", "other");
      wire.expect(
          "+OK\r\n",
          "options are case-insensitive: SET k v3 xx on an existing key",
          "SET",
          "k",
          "v3",
          "xx");
      wire.expect("$2\r\nv3\r\n", "GET k after SET XX", "GET", "k");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("SET EX and PX set a deadline on the keyspace's clock; a plain SET clears it")
  void exAndPx() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect("+OK\r\n", "SET s v EX 10", "SET", "s", "v", "EX", "10");
      wire.expect("+OK\r\n", "SET p v PX 250", "SET", "p", "v", "px", "250");
      clock.advanceMillis(249);
      wire.expect("$1\r\nv\r\n", "GET p 249 ms after SET p v PX 250: still there", "GET", "p");
      clock.advanceMillis(2);
      wire.expect(
          "$-1\r\n",
          "GET p 251 ms after SET p v PX 250: expired. Give the key a deadline of"
              + " db.now() + ms with db.expireAt(key, deadline); the Db expires it lazily",
          "GET",
          "p");
      clock.advanceMillis(10_000 - 251 - 1);
      wire.expect("$1\r\nv\r\n", "GET s 9.999 s after SET s v EX 10", "GET", "s");
      clock.advanceMillis(2);
      wire.expect("$-1\r\n", "GET s 10.001 s after SET s v EX 10: EX is seconds", "GET", "s");

      wire.expect("+OK\r\n", "SET t v EX 5", "SET", "t", "v", "EX", "5");
      wire.expect("+OK\r\n", "SET t v2, no options", "SET", "t", "v2");
      clock.advanceMillis(6_000);
      wire.expect(
          "$2\r\nv2\r\n",
          "a plain SET removes the old deadline (Db.put does; Db.putKeepTtl would not): GET t"
              + " 6 s after SET t v EX 5 then SET t v2",
          "GET",
          "t");
    }
  }

  @ParameterizedTest(name = "SET k v {0}", quoteTextArguments = false)
  @Tag("task:4")
  @DisplayName("SET's option errors, word for word, and nothing stored")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          NX XX                    | -ERR syntax error | NX and XX together can never both hold
          XX NX                    | -ERR syntax error | NX and XX are a syntax error in either order
          EX 10 PX 100             | -ERR syntax error | one deadline only: EX or PX
          PX 100 EX 10             | -ERR syntax error | EX and PX are a syntax error in either order
          EX                       | -ERR syntax error | EX needs a number after it
          KEEPALIVE                | -ERR syntax error | an unknown option
          EX abc NX XX             | -ERR syntax error | options are checked first, the number after
          EX 0                     | -ERR invalid expire time in 'set' command | a TTL must be positive
          EX -1                    | -ERR invalid expire time in 'set' command | a TTL must be positive
          PX 0                     | -ERR invalid expire time in 'set' command | a TTL must be positive
          EX 9223372036854776      | -ERR invalid expire time in 'set' command | seconds x 1000 overflows a long
          PX 9223372036854775807   | -ERR invalid expire time in 'set' command | now + ms overflows a long
          EX abc                   | -ERR value is not an integer or out of range | not a number
          EX 1.5                   | -ERR value is not an integer or out of range | whole numbers only
          EX 9223372036854775808   | -ERR value is not an integer or out of range | past Long.MAX_VALUE
          """)
  void setOptionErrors(String options, String error, String why) throws IOException {
    String[] command = ("SET k v " + options).split(" ");
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(error + "\r\n", why, command);
      wire.expect(
          ":0\r\n",
          "EXISTS k after a SET that failed: an error stores nothing, so check everything"
              + " before db.put",
          "EXISTS",
          "k");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("Jedis sets with NX and EX, XX and PX")
  void jedisSetParams() {
    try (Jedis jedis = jedis()) {
      assertThat(jedis.set("lock", "me", SetParams.setParams().nx().ex(30)))
          .as("Jedis set(lock, me, NX EX 30) on a missing key")
          .isEqualTo("OK");
      assertThat(jedis.set("lock", "you", SetParams.setParams().nx().ex(30)))
          .as("Jedis set(lock, you, NX EX 30) while the lock is held: Jedis returns null")
          .isNull();
      assertThat(jedis.set("lock", "me-again", SetParams.setParams().xx().px(500)))
          .as("Jedis set(lock, me-again, XX PX 500)")
          .isEqualTo("OK");
      clock.advanceMillis(501);
      assertThat(jedis.get("lock")).as("Jedis get(lock) 501 ms after PX 500").isNull();
    }
  }

  // ---- task 5: INCR and friends -----------------------------------------------------------------

  @Test
  @Tag("task:5")
  @DisplayName("INCR, DECR, INCRBY, DECRBY count from 0 and store the result as a string")
  void counting() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(":1\r\n", "INCR of a missing key: it counts as 0", "INCR", "c");
      wire.expect(":2\r\n", "INCR again", "INCR", "c");
      wire.expect(":12\r\n", "INCRBY c 10", "INCRBY", "c", "10");
      wire.expect(":11\r\n", "DECR c", "DECR", "c");
      wire.expect(":-9\r\n", "DECRBY c 20", "DECRBY", "c", "20");
      wire.expect(":-4\r\n", "INCRBY c 5", "INCRBY", "c", "5");
      wire.expect("$2\r\n-4\r\n", "GET c: the counter is an ordinary string value", "GET", "c");
      wire.call("SET", "n", "-9223372036854775808");
      wire.expect(
          ":-1\r\n",
          "INCRBY n 9223372036854775807 on Long.MIN_VALUE: no overflow",
          "INCRBY",
          "n",
          "9223372036854775807");
    }
  }

  @ParameterizedTest(name = "{0}")
  @Tag("task:5")
  @DisplayName("integers are read as Redis's string2ll reads them, stricter than Long.parseLong")
  @ValueSource(
      strings = {
        " 1",
        "1 ",
        "+1",
        "01",
        "-0",
        "1.5",
        "",
        "-",
        "0x10",
        "abc",
        "9223372036854775808",
        "-9223372036854775809",
        "1e3"
      })
  void strictIntegers(String text) throws IOException {
    String hint =
        "Redis reads integers with string2ll: an optional '-', then 1-9 and digits, or \"0\" alone;"
            + " no spaces, no '+', no leading zero, and it must fit in a long. Long.parseLong"
            + " accepts \"+1\", \"01\" and \"-0\", so check the shape first";
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "v", text);
      wire.expect(
          "-ERR value is not an integer or out of range\r\n", "INCR on it: " + hint, "INCR", "v");
      assertThat(wire.call("GET", "v"))
          .as("GET v after the failed INCR: the value must be unchanged")
          .isEqualTo(RespValue.bulk(text));
      wire.expect(
          "-ERR value is not an integer or out of range\r\n",
          "as an increment: " + hint,
          "INCRBY",
          "fresh",
          text);
      wire.expect(
          ":0\r\n",
          "EXISTS fresh after INCRBY with a bad increment: nothing stored",
          "EXISTS",
          "fresh");
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("overflow past Long.MAX_VALUE or Long.MIN_VALUE is an error, the value unchanged")
  void overflow() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "max", "9223372036854775807");
      wire.expect(
          "-ERR increment or decrement would overflow\r\n",
          "INCR on Long.MAX_VALUE: check before adding (Math.addExact throws"
              + " ArithmeticException)",
          "INCR",
          "max");
      wire.expect("$19\r\n9223372036854775807\r\n", "GET max after the refused INCR", "GET", "max");
      wire.call("SET", "min", "-9223372036854775808");
      wire.expect(
          "-ERR increment or decrement would overflow\r\n",
          "DECR on Long.MIN_VALUE",
          "DECR",
          "min");
      wire.expect(
          "-ERR increment or decrement would overflow\r\n",
          "INCRBY min -1 on Long.MIN_VALUE",
          "INCRBY",
          "min",
          "-1");
      wire.expect(
          "-ERR decrement would overflow\r\n",
          "DECRBY k -9223372036854775808: negating Long.MIN_VALUE overflows, so Redis refuses"
              + " the decrement itself, with its own message, before looking at the key",
          "DECRBY",
          "k",
          "-9223372036854775808");
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("INCR keeps the key's deadline: a counter with a TTL still expires")
  void incrKeepsTtl() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect("+OK\r\n", "SET hits 5 EX 100", "SET", "hits", "5", "EX", "100");
      wire.expect(":6\r\n", "INCR hits", "INCR", "hits");
      clock.advanceMillis(99_000);
      wire.expect(":7\r\n", "INCR hits 99 s later", "INCR", "hits");
      clock.advanceMillis(1_001);
      wire.expect(
          "$-1\r\n",
          "GET hits 100.001 s after SET hits 5 EX 100, INCRs in between: INCR changes the value,"
              + " not the key's lifetime; store with db.putKeepTtl, not db.put",
          "GET",
          "hits");
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("INCR on a list is WRONGTYPE; INCRBY checks its increment before the key")
  void incrWrongType() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("RPUSH", "l", "x");
      wire.expect(
          "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
          "INCR on a list",
          "INCR",
          "l");
      wire.expect(
          "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
          "INCRBY l 1 on a list",
          "INCRBY",
          "l",
          "1");
      wire.expect(
          "-ERR value is not an integer or out of range\r\n",
          "INCRBY l abc on a list: Redis parses the increment before it looks the key up",
          "INCRBY",
          "l",
          "abc");
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("Jedis counts, and sees the overflow as a JedisDataException")
  void jedisCounters() {
    try (Jedis jedis = jedis()) {
      assertThat(jedis.incr("visits")).as("Jedis incr(visits) on a missing key").isEqualTo(1);
      assertThat(jedis.incrBy("visits", 41)).as("Jedis incrBy(visits, 41)").isEqualTo(42);
      assertThat(jedis.decrBy("visits", 50)).as("Jedis decrBy(visits, 50)").isEqualTo(-8);
      jedis.set("big", Long.toString(Long.MAX_VALUE));
      Throwable thrown = catchThrowable(() -> jedis.incr("big"));
      assertThat(thrown)
          .as("Jedis incr on Long.MAX_VALUE must fail with Redis's overflow error")
          .isInstanceOf(JedisDataException.class)
          .hasMessage("ERR increment or decrement would overflow");
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private static Jedis jedis() {
    return new Jedis("127.0.0.1", server.port(), 2_000);
  }
}
