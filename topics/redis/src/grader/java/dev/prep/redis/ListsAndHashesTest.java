package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.grading.RawConnection;
import dev.prep.redis.grading.StageServer;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import redis.clients.jedis.Jedis;

/**
 * Grader for {@code redis/lists-hashes}: the learner's {@link ListCommands} and {@link
 * HashCommands} plugged into the reference event loop next to the reference's connection, string,
 * key and transaction commands (SET, EXISTS, TYPE, WATCH/MULTI/EXEC). Every expected reply was
 * checked against redis-server 7.0.15; raw tests compare bytes, Jedis 8.0.2 plays the real client.
 * Tasks: register with Redis's arities; push and LRANGE; pop (with counts) and empty lists that
 * disappear; hashes in insertion order; WRONGTYPE everywhere and a Jedis round trip.
 */
@DisplayName("lists-hashes: LPUSH, RPUSH, LPOP, RPOP, LRANGE, LLEN, HSET, HGET, HDEL, HGETALL")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ListsAndHashesTest {

  private static final String WRONGTYPE =
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

  private static final ManualClock clock = new ManualClock();
  private static StageServer stage;
  private static ReferenceServer server;

  @BeforeAll
  static void startServer() throws IOException {
    // each registered alone, so finished lists are graded while hashes are still TODO
    stage =
        StageServer.start(
            clock,
            List.of(
                ReferenceCommands.connection(),
                ReferenceCommands.strings(),
                ReferenceCommands.keys(),
                ReferenceCommands.transactions()),
            new ListCommands(),
            new HashCommands());
    server = stage.server();
  }

  @AfterAll
  static void stopServer() {
    if (stage != null) stage.close();
  }

  @BeforeEach
  void emptyKeyspace(TestInfo test) throws IOException {
    if (test.getTags().contains("task:1")) return;
    boolean lists = !test.getTags().contains("task:4");
    boolean hashes = test.getTags().contains("task:4") || test.getTags().contains("task:5");
    if (lists) stage.requireRegistered(ListCommands.class, ": finish task 1 first");
    if (hashes) stage.requireRegistered(HashCommands.class, ": finish task 1 first");
    stage.flushAll();
  }

  // ---- task 1: register -------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}: {1}", quoteTextArguments = false)
  @Tag("task:1")
  @DisplayName("register adds each command with the arity Redis's COMMAND INFO gives")
  @CsvSource(
      textBlock =
          """
          lpush,   -3
          rpush,   -3
          lpop,    -2
          rpop,    -2
          lrange,   4
          llen,     2
          hset,    -4
          hget,     3
          hdel,    -3
          hgetall,  2
          hlen,     2
          """)
  void registersWithRedisArities(String name, int arity) {
    CommandGroup group = name.startsWith("h") ? new HashCommands() : new ListCommands();
    CommandTable table = new CommandTable();
    group.register(table);
    CommandTable.Entry entry = table.lookup(name);
    assertThat(entry)
        .as(
            "%s.register(table) did not add %s: table.add(\"%s\", %d, ...)",
            group.getClass().getSimpleName(), name, name, arity)
        .isNotNull();
    assertThat(entry.arity())
        .as(
            "the arity of %s: Redis's COMMAND INFO %s says %d (the name counts; negative means"
                + " at least: LPOP -2 is LPOP key [count], HSET -4 is HSET key field value ...)",
            name, name, arity)
        .isEqualTo(arity);
  }

  // ---- task 2: push, LRANGE, LLEN ---------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("RPUSH appends, LPUSH prepends one value at a time; both reply the new length")
  void pushOrder() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(
          ":3\r\n", "RPUSH l a b c on a missing key: a new list of 3", "RPUSH", "l", "a", "b", "c");
      wire.expect(
          ":5\r\n",
          "LPUSH l x y: each value goes to the head in turn, so y ends up first",
          "LPUSH",
          "l",
          "x",
          "y");
      wire.expect(
          "*5\r\n$1\r\ny\r\n$1\r\nx\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n",
          "LRANGE l 0 -1 after RPUSH l a b c, LPUSH l x y",
          "LRANGE",
          "l",
          "0",
          "-1");
      wire.expect(":5\r\n", "LLEN l", "LLEN", "l");
      wire.expect(":0\r\n", "LLEN of a missing key is 0", "LLEN", "missing");
      wire.expect("+list\r\n", "TYPE l (the reference's): you stored a list", "TYPE", "l");
    }
  }

  @ParameterizedTest(name = "LRANGE l {0} {1}", quoteTextArguments = false)
  @Tag("task:2")
  @DisplayName("LRANGE on [a b c d e]: both ends included, negative from the end, clamped")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          0    | -1  | a b c d e | the whole list
          1    | 2   | b c       | both ends included
          -2   | -1  | d e       | -1 is the last element
          -100 | 1   | a b       | a start before the head is clamped to 0
          3    | 100 | d e       | a stop past the tail is clamped to the last
          0    | 0   | a         | one element
          -5   | -5  | a         | -5 is the first of five
          -6   | -6  | ""        | -6 is before the head, and so is the stop: empty
          2    | 1   | ""        | start after stop: empty
          5    | 10  | ""        | start past the tail: empty
          -1   | -2  | ""        | start after stop, counted from the end: empty
          """)
  void lrange(String start, String stop, String elements, String why) throws IOException {
    List<String> items = elements.isEmpty() ? List.of() : List.of(elements.split(" "));
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("RPUSH", "l", "a", "b", "c", "d", "e");
      wire.expect(
          new String(RespValue.bulkArray(items).encode(), StandardCharsets.ISO_8859_1),
          why
              + "; t_list.c: a negative index adds the length, then start is clamped to 0 and"
              + " stop to length - 1, and start > stop or start >= length is the empty array",
          "LRANGE",
          "l",
          start,
          stop);
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("LRANGE of a missing key is an empty array; indexes must be integers")
  void lrangeEdges() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(
          "*0\r\n",
          "LRANGE of a missing key: an empty array, not a null",
          "LRANGE",
          "missing",
          "0",
          "-1");
      wire.call("RPUSH", "l", "a");
      wire.expect(
          "-ERR value is not an integer or out of range\r\n",
          "LRANGE l 1.5 2",
          "LRANGE",
          "l",
          "1.5",
          "2");
      wire.expect(
          "-ERR value is not an integer or out of range\r\n",
          "LRANGE missing 0 x: the indexes are parsed before the key is looked up, so a missing key"
              + " gets the error too",
          "LRANGE",
          "missing",
          "0",
          "x");
    }
  }

  // ---- task 3: pop ------------------------------------------------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("LPOP and RPOP take one element from either end; the last one takes the key with it")
  void popOne() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("RPUSH", "l", "a", "b", "c");
      wire.expect("$1\r\na\r\n", "LPOP l takes the head", "LPOP", "l");
      wire.expect("$1\r\nc\r\n", "RPOP l takes the tail", "RPOP", "l");
      wire.expect("$1\r\nb\r\n", "LPOP l takes the last element", "LPOP", "l");
      wire.expect(
          ":0\r\n",
          "EXISTS l after popping its last element: Redis deletes an empty list. Call"
              + " db.modified(key) after changing the deque; it deletes the key when the list is"
              + " empty",
          "EXISTS",
          "l");
      wire.expect("$-1\r\n", "LPOP of a missing key: the null bulk", "LPOP", "l");
      wire.expect("$-1\r\n", "RPOP of a missing key: the null bulk", "RPOP", "l");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("with a count: an array in pop order, *0 for count 0, *-1 for a missing key")
  void popWithCount() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("RPUSH", "l", "a", "b", "c", "d", "e");
      wire.expect(
          "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "LPOP l 2: the first two, head first", "LPOP", "l", "2");
      wire.expect(
          "*2\r\n$1\r\ne\r\n$1\r\nd\r\n",
          "RPOP l 2: the last two, in the order they were popped (tail first)",
          "RPOP",
          "l",
          "2");
      wire.expect("*0\r\n", "LPOP l 0: an empty array, and nothing popped", "LPOP", "l", "0");
      wire.expect(
          "*1\r\n$1\r\nc\r\n", "LPOP l 10 with one element left: all there is", "LPOP", "l", "10");
      wire.expect(":0\r\n", "EXISTS l after LPOP l 10 emptied it", "EXISTS", "l");
      wire.expect(
          "*-1\r\n",
          "LPOP missing 1: with a count, a missing key is the null ARRAY (RespValue.NULL_ARRAY)",
          "LPOP",
          "missing",
          "1");
      wire.expect(
          "*-1\r\n",
          "RPOP missing 0: the key is looked up before count 0 is answered",
          "RPOP",
          "missing",
          "0");
      wire.call("RPUSH", "big", "x", "y");
      wire.expect(
          "*2\r\n$1\r\nx\r\n$1\r\ny\r\n",
          "LPOP big 9223372036854775807: pops what there is; never size anything by the count",
          "LPOP",
          "big",
          "9223372036854775807");
    }
  }

  @ParameterizedTest(name = "LPOP l {0}", quoteTextArguments = false)
  @Tag("task:3")
  @DisplayName("a bad count is 'out of range, must be positive'; more than a count is wrong arity")
  @CsvSource(
      quoteCharacter = '"',
      textBlock =
          """
          -1
          abc
          01
          9223372036854775808
          """)
  void badCount(String count) throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("RPUSH", "l", "a");
      wire.expect(
          "-ERR value is out of range, must be positive\r\n",
          "LPOP's count is read with getPositiveLongFromObjectOrReply: negative and"
              + " not-an-integer get the same error",
          "LPOP",
          "l",
          count);
      wire.expect(
          "-ERR wrong number of arguments for 'lpop' command\r\n",
          "LPOP l 1 2: arity -2 lets it through the table, so the command checks 'at most 3'",
          "LPOP",
          "l",
          "1",
          "2");
      wire.expect(":1\r\n", "LLEN l after the refused pops: unchanged", "LLEN", "l");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("a push onto an existing list is a write WATCH sees (db.modified)")
  void pushIsSeenByWatch() throws IOException {
    try (RawConnection watcher = new RawConnection(server);
        RawConnection other = new RawConnection(server)) {
      watcher.call("RPUSH", "l", "a");
      watcher.call("WATCH", "l");
      other.call("RPUSH", "l", "b");
      watcher.call("MULTI");
      watcher.call("LLEN", "l");
      watcher.expect(
          "*-1\r\n",
          "WATCH l; another client RPUSHes onto l; MULTI; EXEC must abort (null array). A push"
              + " changes the deque in place, so only db.modified(key) tells the keyspace (and"
              + " WATCH) that l was written",
          "EXEC");
    }
  }

  // ---- task 4: hashes ---------------------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("HSET counts new fields; HGET reads one; HLEN counts them")
  void hsetHget() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.expect(
          ":2\r\n",
          "HSET h name Ada lang en: two new fields",
          "HSET",
          "h",
          "name",
          "Ada",
          "lang",
          "en");
      wire.expect(
          ":1\r\n",
          "HSET h name Grace born 1906: name is updated (not counted), born is new",
          "HSET",
          "h",
          "name",
          "Grace",
          "born",
          "1906");
      wire.expect("$5\r\nGrace\r\n", "HGET h name after the update", "HGET", "h", "name");
      wire.expect("$-1\r\n", "HGET of a missing field: the null bulk", "HGET", "h", "nope");
      wire.expect("$-1\r\n", "HGET on a missing key", "HGET", "missing", "name");
      wire.expect(":3\r\n", "HLEN h", "HLEN", "h");
      wire.expect(":0\r\n", "HLEN of a missing key", "HLEN", "missing");
      wire.expect("+hash\r\n", "TYPE h (the reference's): you stored a hash", "TYPE", "h");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("HGETALL lists fields in insertion order; an update keeps a field's place")
  void hgetallOrder() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("HSET", "h", "b", "1", "a", "2", "c", "3");
      wire.call("HSET", "h", "a", "20");
      wire.call("HDEL", "h", "b");
      wire.call("HSET", "h", "b", "10");
      wire.expect(
          "*6\r\n$1\r\na\r\n$2\r\n20\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$2\r\n10\r\n",
          "HSET h b 1 a 2 c 3; HSET h a 20; HDEL h b; HSET h b 10; then HGETALL h: field, value,"
              + " ... in insertion order, an updated field where it was, a re-added one last (a"
              + " small Redis hash is a listpack). A LinkedHashMap keeps that order; reply a"
              + " RespValue.MapReply, which RESP2 sends as this flat array",
          "HGETALL",
          "h");
      wire.expect("*0\r\n", "HGETALL of a missing key: an empty array", "HGETALL", "missing");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("HDEL removes many fields and counts them; the last one takes the key with it")
  void hdel() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("HSET", "h", "a", "1", "b", "2", "c", "3");
      wire.expect(
          ":2\r\n",
          "HDEL h a nope c a: a and c existed (a named twice counts once)",
          "HDEL",
          "h",
          "a",
          "nope",
          "c",
          "a");
      wire.expect(":0\r\n", "HDEL of a missing key", "HDEL", "missing", "a");
      wire.expect(":1\r\n", "HDEL h b: the last field", "HDEL", "h", "b");
      wire.expect(
          ":0\r\n",
          "EXISTS h after HDEL removed its last field: an empty hash is deleted (db.modified)",
          "EXISTS",
          "h");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("HSET with a field but no value is Redis's wrong-arity error; HSET is seen by WATCH")
  void hsetArityAndWatch() throws IOException {
    try (RawConnection wire = new RawConnection(server);
        RawConnection other = new RawConnection(server)) {
      wire.expect(
          "-ERR wrong number of arguments for 'hset' command\r\n",
          "HSET h a 1 b: arity -4 lets it through the table, but b has no value; Redis answers"
              + " with the wrong-arity error (Replies.wrongArity(\"hset\"))",
          "HSET",
          "h",
          "a",
          "1",
          "b");
      wire.expect(":0\r\n", "EXISTS h after the refused HSET: nothing stored", "EXISTS", "h");
      wire.call("HSET", "h", "f", "1");
      wire.call("WATCH", "h");
      other.call("HSET", "h", "f", "2");
      wire.call("MULTI");
      wire.call("HGET", "h", "f");
      wire.expect(
          "*-1\r\n",
          "WATCH h; another client HSETs a field of h; EXEC must abort: call db.modified(key)"
              + " after changing the map in place",
          "EXEC");
    }
  }

  // ---- task 5: WRONGTYPE and a real client ------------------------------------------------------

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @Tag("task:5")
  @DisplayName("every command refuses a key of another type with WRONGTYPE")
  @CsvSource(
      textBlock =
          """
          LPUSH s x
          RPUSH s x
          LPOP s
          RPOP s 1
          LRANGE s 0 -1
          LLEN s
          HSET l f v
          HGET l f
          HDEL l f
          HGETALL l
          HLEN l
          """)
  void wrongType(String line) throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "s", "a string");
      wire.call("RPUSH", "l", "x");
      wire.expect(
          WRONGTYPE,
          "s holds a string and l a list: check value.type() before using list() or hash(), and"
              + " reply Replies.WRONGTYPE",
          line.split(" "));
      wire.expect("+string\r\n", "TYPE s afterwards: untouched", "TYPE", "s");
      wire.expect(":1\r\n", "LLEN l afterwards: untouched", "LLEN", "l");
    }
  }

  @Test
  @Tag("task:5")
  @DisplayName("Jedis pushes, ranges, pops, and round-trips a hash")
  void jedisRoundTrip() {
    try (Jedis jedis = new Jedis("127.0.0.1", server.port(), 2_000)) {
      assertThat(jedis.rpush("queue", "job1", "job2", "job3")).as("Jedis rpush").isEqualTo(3);
      assertThat(jedis.lrange("queue", 0, -1))
          .as("Jedis lrange(queue, 0, -1)")
          .containsExactly("job1", "job2", "job3");
      assertThat(jedis.lpop("queue")).as("Jedis lpop(queue)").isEqualTo("job1");
      assertThat(jedis.rpop("queue", 5)).as("Jedis rpop(queue, 5)").containsExactly("job3", "job2");
      assertThat(jedis.lpop("queue", 2)).as("Jedis lpop(queue, 2) on a missing key").isNull();
      Map<String, String> user = new LinkedHashMap<>();
      user.put("name", "Ada");
      user.put("lang", "en");
      assertThat(jedis.hset("user:1", user)).as("Jedis hset(user:1, {name, lang})").isEqualTo(2);
      assertThat(jedis.hgetAll("user:1")).as("Jedis hgetAll(user:1)").isEqualTo(user);
      assertThat(jedis.hdel("user:1", "name", "lang")).as("Jedis hdel").isEqualTo(2);
      assertThat(jedis.exists("user:1")).as("Jedis exists after deleting every field").isFalse();
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------------
}
