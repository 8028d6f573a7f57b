package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.grading.RawConnection;
import dev.prep.redis.grading.StageServer;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
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
import redis.clients.jedis.args.ExpiryOption;

/**
 * Grader for {@code redis/expiry}: first the learner's {@link ExpiryCommands} plugged into the
 * reference event loop next to the reference's connection and string commands (SET, GET, EXISTS),
 * on a {@link ManualClock} that only the test moves; every expected reply checked against
 * redis-server 7.0.15, raw bytes and through Jedis 8.0.2. Then their {@link ActiveExpirer} on a
 * {@link Db} of its own with a seeded random: an empty keyspace, 100,000 keys with 90% expired
 * (most gone within a few cycles, never a live key), 1% and 20% expired (the cycle stops early, as
 * a full scan would not), all expired (a cycle is bounded), and a seeded cycle that repeats
 * exactly.
 */
@DisplayName("expiry: EXPIRE, PEXPIRE, TTL, PTTL, PERSIST, and Redis's active expiry cycle")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExpiryTest {

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
                ReferenceCommands.strings(),
                ReferenceCommands.keys()),
            new ExpiryCommands());
    server = stage.server();
  }

  @AfterAll
  static void stopServer() {
    if (stage != null) stage.close();
  }

  @BeforeEach
  void emptyKeyspace(TestInfo test) throws IOException {
    if (test.getTags().contains("task:1") || test.getTags().contains("task:5")) return;
    stage.requireRegistered(
        ExpiryCommands.class, ", so no command of yours is on the server: finish task 1 first");
    stage.flushAll();
  }

  // ---- task 1: register -------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}: {1}", quoteTextArguments = false)
  @Tag("task:1")
  @DisplayName("register adds each command with the arity Redis's COMMAND INFO gives")
  @CsvSource(
      textBlock =
          """
          expire,  -3
          pexpire, -3
          ttl,      2
          pttl,     2
          persist,  2
          """)
  void registersWithRedisArities(String name, int arity) {
    CommandTable table = new CommandTable();
    new ExpiryCommands().register(table);
    CommandTable.Entry entry = table.lookup(name);
    assertThat(entry)
        .as("register(table) did not add %s: table.add(\"%s\", %d, this::...)", name, name, arity)
        .isNotNull();
    assertThat(entry.arity())
        .as(
            "the arity of %s: Redis 7's COMMAND INFO %s says %d (EXPIRE takes options since 7.0,"
                + " so it is -3: at least EXPIRE key seconds)",
            name, name, arity)
        .isEqualTo(arity);
  }

  // ---- task 2: a deadline and the time left -----------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("EXPIRE sets a deadline; TTL and PTTL count down on the clock; -1 and -2")
  void expireAndTtl() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      wire.expect(":-1\r\n", "TTL of a key without a deadline is -1", "TTL", "k");
      wire.expect(":-1\r\n", "PTTL of a key without a deadline is -1", "PTTL", "k");
      wire.expect(":-2\r\n", "TTL of a missing key is -2", "TTL", "missing");
      wire.expect(":-2\r\n", "PTTL of a missing key is -2", "PTTL", "missing");
      wire.expect(":0\r\n", "EXPIRE on a missing key sets nothing: 0", "EXPIRE", "missing", "10");
      wire.expect(":1\r\n", "EXPIRE k 100 on an existing key", "EXPIRE", "k", "100");
      wire.expect(":100\r\n", "TTL k right after EXPIRE k 100", "TTL", "k");
      wire.expect(":100000\r\n", "PTTL k right after EXPIRE k 100", "PTTL", "k");
      clock.advanceMillis(40_000);
      wire.expect(":60000\r\n", "PTTL k 40 s later: deadline minus db.now()", "PTTL", "k");
      wire.expect(":60\r\n", "TTL k 40 s later", "TTL", "k");
      clock.advanceMillis(59_999);
      wire.expect(":1\r\n", "PTTL k with 1 ms left", "PTTL", "k");
      wire.expect("$1\r\nv\r\n", "GET k with 1 ms left: still there", "GET", "k");
      clock.advanceMillis(2);
      wire.expect(":-2\r\n", "TTL k after its deadline: the key is gone, so -2", "TTL", "k");
      wire.expect(":0\r\n", "EXISTS k after its deadline", "EXISTS", "k");
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("TTL rounds to the nearest second as Redis does: (ms + 500) / 1000")
  void ttlRounding() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      wire.expect(":1\r\n", "PEXPIRE k 1500", "PEXPIRE", "k", "1500");
      wire.expect(":1500\r\n", "PTTL k right after PEXPIRE k 1500", "PTTL", "k");
      String rounding =
          "Redis rounds half up, (ms + 500) / 1000 in expire.c's ttlGenericCommand; ms / 1000"
              + " truncates, Math.ceil rounds up";
      wire.expect(":2\r\n", "TTL with 1,500 ms left: " + rounding, "TTL", "k");
      clock.advanceMillis(1);
      wire.expect(":1\r\n", "TTL with 1,499 ms left: " + rounding, "TTL", "k");
      clock.advanceMillis(1_000);
      wire.expect(":0\r\n", "TTL with 499 ms left: " + rounding, "TTL", "k");
      wire.expect(":499\r\n", "PTTL with 499 ms left", "PTTL", "k");
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("Jedis sets and reads deadlines")
  void jedisExpire() {
    try (Jedis jedis = jedis()) {
      jedis.set("session", "abc");
      assertThat(jedis.expire("session", 30)).as("Jedis expire(session, 30)").isEqualTo(1);
      assertThat(jedis.ttl("session")).as("Jedis ttl(session)").isEqualTo(30);
      assertThat(jedis.pexpire("session", 2_500)).as("Jedis pexpire(session, 2500)").isEqualTo(1);
      assertThat(jedis.pttl("session")).as("Jedis pttl(session)").isEqualTo(2_500);
      clock.advanceMillis(2_501);
      assertThat(jedis.get("session")).as("Jedis get 2,501 ms after pexpire 2500").isNull();
      assertThat(jedis.ttl("session")).as("Jedis ttl of the expired key").isEqualTo(-2);
    }
  }

  // ---- task 3: PERSIST, deadlines in the past, bad numbers --------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("PERSIST removes a deadline: 1 if there was one, else 0")
  void persist() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      wire.expect(":0\r\n", "PERSIST on a key without a deadline", "PERSIST", "k");
      wire.expect(":0\r\n", "PERSIST on a missing key", "PERSIST", "missing");
      wire.call("EXPIRE", "k", "10");
      wire.expect(":1\r\n", "PERSIST on a key with a deadline", "PERSIST", "k");
      wire.expect(":-1\r\n", "TTL after PERSIST", "TTL", "k");
      clock.advanceMillis(11_000);
      wire.expect("$1\r\nv\r\n", "GET k 11 s after EXPIRE k 10 and PERSIST", "GET", "k");
    }
  }

  @ParameterizedTest(name = "{0} k {1}", quoteTextArguments = false)
  @Tag("task:3")
  @DisplayName("a deadline at or before now deletes the key at once, and still replies 1")
  @CsvSource(
      textBlock =
          """
          EXPIRE,  0
          EXPIRE,  -5
          PEXPIRE, 0
          PEXPIRE, -1
          EXPIRE,  -9223372036854775
          PEXPIRE, -9223372036854775808
          """)
  void pastDeadlineDeletes(String command, String amount) throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      wire.expect(
          ":1\r\n",
          "a deadline at or before now: Redis deletes the key (db.remove) and replies 1",
          command,
          "k",
          amount);
      wire.expect(":0\r\n", "EXISTS k after " + command + " k " + amount, "EXISTS", "k");
    }
  }

  @ParameterizedTest(name = "{0} k {1}", quoteTextArguments = false)
  @Tag("task:3")
  @DisplayName("numbers: not an integer, or a deadline a long cannot hold; the key untouched")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          EXPIRE  | abc                  | -ERR value is not an integer or out of range | not a number
          EXPIRE  | 1.5                  | -ERR value is not an integer or out of range | whole seconds only
          EXPIRE  | +10                  | -ERR value is not an integer or out of range | Redis's integers have no '+'
          EXPIRE  | 9223372036854775     | -ERR invalid expire time in 'expire' command | now + seconds x 1000 overflows
          EXPIRE  | 9223372036854776     | -ERR invalid expire time in 'expire' command | seconds x 1000 overflows
          EXPIRE  | -9223372036854776    | -ERR invalid expire time in 'expire' command | seconds x 1000 overflows below Long.MIN_VALUE
          PEXPIRE | 9223372036854775807  | -ERR invalid expire time in 'pexpire' command | now + ms overflows; the error names the command
          """)
  void badNumbers(String command, String amount, String error, String why) throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      wire.expect(error + "\r\n", why, command, "k", amount);
      wire.expect(":-1\r\n", "TTL k after the refused " + command + ": unchanged", "TTL", "k");
    }
  }

  // ---- task 4: NX, XX, GT, LT -------------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("NX, XX, GT and LT decide whether EXPIRE sets the deadline; no deadline = forever")
  void options() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      wire.expect(":0\r\n", "EXPIRE k 100 XX: k has no deadline", "EXPIRE", "k", "100", "XX");
      wire.expect(
          ":0\r\n",
          "EXPIRE k 100 GT: no deadline counts as forever, and nothing is greater",
          "EXPIRE",
          "k",
          "100",
          "GT");
      wire.expect(":1\r\n", "EXPIRE k 100 NX: k has no deadline", "EXPIRE", "k", "100", "NX");
      wire.expect(":0\r\n", "EXPIRE k 200 NX: k has one now", "EXPIRE", "k", "200", "nx");
      wire.expect(":1\r\n", "EXPIRE k 200 XX: k has one", "EXPIRE", "k", "200", "XX");
      wire.expect(":0\r\n", "EXPIRE k 150 GT: 150 s is not later", "EXPIRE", "k", "150", "GT");
      wire.expect(":1\r\n", "EXPIRE k 300 GT: later", "EXPIRE", "k", "300", "GT");
      wire.expect(":0\r\n", "EXPIRE k 300 LT: not earlier", "EXPIRE", "k", "300", "LT");
      wire.expect(":1\r\n", "EXPIRE k 50 LT: earlier", "EXPIRE", "k", "50", "LT");
      wire.expect(":50\r\n", "TTL k after the options", "TTL", "k");
      wire.call("SET", "p", "v");
      wire.expect(
          ":1\r\n",
          "PEXPIRE p 5000 LT on a key without a deadline: anything is earlier than forever",
          "PEXPIRE",
          "p",
          "5000",
          "LT");
      wire.expect(":5\r\n", "TTL p after PEXPIRE p 5000 LT", "TTL", "p");
    }
  }

  @ParameterizedTest(name = "EXPIRE k {0}", quoteTextArguments = false)
  @Tag("task:4")
  @DisplayName("option errors, checked before the number, word for word")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          10 FOO    | -ERR Unsupported option FOO
          abc FOO   | -ERR Unsupported option FOO
          10 foo    | -ERR Unsupported option foo
          10 NX XX  | -ERR NX and XX, GT or LT options at the same time are not compatible
          10 NX GT  | -ERR NX and XX, GT or LT options at the same time are not compatible
          10 LT NX  | -ERR NX and XX, GT or LT options at the same time are not compatible
          10 GT LT  | -ERR GT and LT options at the same time are not compatible
          abc NX    | -ERR value is not an integer or out of range
          """)
  void optionErrors(String rest, String error) throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("SET", "k", "v");
      String[] command = ("EXPIRE k " + rest).split(" ");
      wire.expect(
          error + "\r\n",
          "expire.c checks the options first (unknown ones, then the combinations), then the"
              + " number; the unknown option is echoed as sent",
          command);
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("Jedis sends EXPIRE with an option")
  void jedisExpiryOption() {
    try (Jedis jedis = jedis()) {
      jedis.set("k", "v");
      assertThat(jedis.expire("k", 60, ExpiryOption.NX)).as("Jedis expire(k, 60, NX)").isEqualTo(1);
      assertThat(jedis.expire("k", 30, ExpiryOption.GT)).as("Jedis expire(k, 30, GT)").isEqualTo(0);
      assertThat(jedis.ttl("k")).as("Jedis ttl(k)").isEqualTo(60);
    }
  }

  // ---- task 5: the active expiry cycle ----------------------------------------------------------

  private static final int KEYS = 100_000;

  @Test
  @Tag("task:5")
  @DisplayName("a cycle over an empty keyspace deletes nothing and returns 0")
  void cycleOnEmptyDb() {
    Db db = new Db(new ManualClock());
    assertThat(new ActiveExpirer().cycle(db, new SplittableRandom(1)))
        .as("cycle on an empty Db: no key has a deadline (db.volatileSize() is 0)")
        .isZero();
    db.put("plain", RedisObject.ofString("v"));
    assertThat(new ActiveExpirer().cycle(db, new SplittableRandom(1)))
        .as("cycle on a Db whose only key has no deadline")
        .isZero();
    assertThat(db.exists("plain")).as("a key without a deadline survives a cycle").isTrue();
  }

  @Test
  @Tag("task:5")
  @DisplayName("90% of 100,000 keys expired: a few cycles delete most of them, never a live one")
  void mostlyExpired() {
    ManualClock time = new ManualClock();
    Db db = keyspace(time, 90);
    ActiveExpirer expirer = new ActiveExpirer();
    RandomGenerator random = new SplittableRandom(42);
    int deleted = 0;
    int firstCycle = expirer.cycle(db, random);
    deleted += firstCycle;
    assertThat(firstCycle)
        .as(
            "the first cycle on 100,000 keys, 90%% expired, deleted %d: with most samples"
                + " expired it must go round again (while more than a quarter of a round's %d"
                + " samples had expired), not stop after one round",
            firstCycle, ActiveExpirer.KEYS_PER_ROUND)
        .isGreaterThan(10 * ActiveExpirer.KEYS_PER_ROUND);
    for (int cycle = 2; cycle <= 10; cycle++) deleted += expirer.cycle(db, random);
    assertLiveKeysIntact(db, 90);
    assertThat(deleted)
        .as(
            "keys deleted by 10 cycles on 100,000 keys of which 90,000 had expired: most of"
                + " them (at least 72,000) should be gone")
        .isGreaterThanOrEqualTo(72_000);
    assertThat(db.size())
        .as("db.size() must drop by exactly what the cycles say they deleted")
        .isEqualTo(KEYS - deleted);
    assertThat(db.expiredKeys())
        .as(
            "db.expiredKeys() (INFO's expired_keys) after the cycles: delete through"
                + " db.expireIfNeeded(key), which counts them")
        .isEqualTo(deleted);
  }

  @Test
  @Tag("task:5")
  @DisplayName("1% expired: one cycle stops early, leaving most of the expired keys (no full scan)")
  void fewExpired() {
    ManualClock time = new ManualClock();
    Db db = keyspace(time, 1);
    int deleted = new ActiveExpirer().cycle(db, new SplittableRandom(7));
    assertThat(deleted)
        .as(
            "one cycle on 100,000 keys of which 1,000 had expired deleted %d: a round of 20"
                + " samples finds about 0.2 expired keys, fewer than a quarter, so the cycle"
                + " stops; deleting them all means scanning every key, which is what sampling"
                + " avoids",
            deleted)
        .isLessThan(100);
    assertLiveKeysIntact(db, 1);
  }

  @Test
  @Tag("task:5")
  @DisplayName("20% expired: cycles stop within a few rounds, not while any sample expired")
  void aFifthExpired() {
    ManualClock time = new ManualClock();
    Db db = keyspace(time, 20);
    ActiveExpirer expirer = new ActiveExpirer();
    RandomGenerator random = new SplittableRandom(11);
    int deleted = 0;
    for (int cycle = 0; cycle < 5; cycle++) deleted += expirer.cycle(db, random);
    assertThat(deleted)
        .as(
            "five cycles on 100,000 keys of which 20,000 had expired deleted %d: a round finds"
                + " about 4 of its 20 samples expired, not more than a quarter (5), so each cycle"
                + " stops after a round or two; going on while any sample expired runs a cycle"
                + " for dozens of rounds",
            deleted)
        .isLessThan(400);
    assertLiveKeysIntact(db, 20);
  }

  @Test
  @Tag("task:5")
  @DisplayName("all expired: one cycle is bounded by MAX_ROUNDS rounds of KEYS_PER_ROUND keys")
  void boundedCycle() {
    ManualClock time = new ManualClock();
    Db db = keyspace(time, 100);
    int deleted = new ActiveExpirer().cycle(db, new SplittableRandom(3));
    int bound = ActiveExpirer.MAX_ROUNDS * ActiveExpirer.KEYS_PER_ROUND;
    assertThat(deleted)
        .as(
            "one cycle on 100,000 keys, all expired, deleted %d: every round finds all of its"
                + " samples expired, so only the bound stops it (MAX_ROUNDS x KEYS_PER_ROUND ="
                + " %d); Redis stops on a time budget for the same reason",
            deleted, bound)
        .isBetween(bound / 2, bound);
  }

  @Test
  @Tag("task:5")
  @DisplayName("the cycle samples only with the random it is given: a seed repeats it exactly")
  void seededCycleRepeats() {
    int[] deleted = new int[2];
    List<List<String>> survivors = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      ManualClock time = new ManualClock();
      Db db = new Db(time);
      for (int i = 0; i < 5_000; i++) {
        db.put("k" + i, RedisObject.ofString("v"));
        db.expireAt("k" + i, time.millis() + (i % 2 == 0 ? 1 : 60_000));
      }
      time.advanceMillis(10);
      deleted[run] = new ActiveExpirer().cycle(db, new SplittableRandom(2024));
      survivors.add(db.keys().stream().sorted().toList());
    }
    assertThat(deleted[1])
        .as(
            "two cycles on identical keyspaces with random generators of the same seed deleted"
                + " %d and %d keys: sample only with the RandomGenerator passed in (not"
                + " Math.random or a new Random)",
            deleted[0], deleted[1])
        .isEqualTo(deleted[0]);
    assertThat(survivors.get(1))
        .as("the keys left after the two seeded cycles must be the same")
        .isEqualTo(survivors.get(0));
  }

  /**
   * 100,000 keys with a deadline; {@code expiredPercent} of them (every k-th, spread evenly) have a
   * deadline that has passed, the rest one a minute away.
   */
  private static Db keyspace(ManualClock time, int expiredPercent) {
    Db db = new Db(time);
    long now = time.millis();
    for (int i = 0; i < KEYS; i++) {
      String key = "key:" + i;
      db.put(key, RedisObject.ofString("v"));
      db.expireAt(key, isExpired(i, expiredPercent) ? now + 5 : now + 60_000);
    }
    time.advanceMillis(10);
    return db;
  }

  private static boolean isExpired(int i, int expiredPercent) {
    return i % 100 < expiredPercent;
  }

  private static void assertLiveKeysIntact(Db db, int expiredPercent) {
    int missing = 0;
    String example = null;
    for (int i = 0; i < KEYS; i++) {
      if (!isExpired(i, expiredPercent) && db.rawGet("key:" + i) == null) {
        missing++;
        if (example == null) example = "key:" + i;
      }
    }
    assertThat(missing)
        .as(
            "live keys (deadline a minute away) deleted by the cycles: %d, e.g. %s. Delete a"
                + " sampled key only if its deadline has passed: db.expireIfNeeded(key) checks",
            missing, example)
        .isZero();
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private static Jedis jedis() {
    return new Jedis("127.0.0.1", server.port(), 2_000);
  }
}
