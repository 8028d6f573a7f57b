package dev.prep.redis.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prep.redis.real.RealRedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Every {@code OBJECT ENCODING} claim of notebook 02 ({@code 02-types-and-encodings.md}), and the
 * configuration defaults notebooks 02-04 quote, asked of a real {@code redis-server}.
 *
 * <p>Runs when {@code redis-server} is on the PATH ({@code .ci/run} installs Debian's package): it
 * starts one on a free loopback port with no persistence and stops it afterwards. Claims that
 * changed between Redis versions are gated on {@code INFO server}: small sets and lists became
 * listpacks in 7.2 (redis/redis#11290, #11303), and from 8.0 the key and value share one allocation
 * (redis/redis#13806), so the 44-byte {@code embstr} limit of 3.2-7.x no longer holds exactly.
 * Without a server the whole class is skipped, with a notice saying how to enable it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@DisplayName("Notebook 02's encoding claims, checked against a real redis-server")
class EncodingFactsTest {

  private static final String NOT_FOUND =
      RealRedisServer.notFound("EncodingFactsTest (the OBJECT ENCODING claims of notebook 02)");

  private RealRedisServer redis;
  private Jedis jedis;
  private Version version;

  @BeforeAll
  void startServer() throws IOException {
    Path binary = RealRedisServer.find().orElse(null);
    if (binary == null) {
      System.err.println(NOT_FOUND);
      Assumptions.abort(NOT_FOUND);
    }
    redis = RealRedisServer.start(binary);
    jedis = new Jedis("127.0.0.1", redis.port(), 5_000);
    version = Version.of(jedis.info("server"));
    System.err.println("EncodingFactsTest: checking against " + version);
    assumeTrue(
        version.atLeast(7, 0),
        "notebook 02 describes Redis 7.0 and later (listpack replaced ziplist in 7.0); found "
            + version);
  }

  @AfterAll
  void stopServer() {
    if (jedis != null) jedis.close();
    if (redis != null) redis.close();
  }

  @BeforeEach
  void emptyKeyspace() {
    jedis.flushAll();
  }

  // ---- strings --------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} is int")
  @ValueSource(strings = {"12345", "0", "-9223372036854775808", "9223372036854775807"})
  @DisplayName("a string that is a canonical 64-bit integer is stored as int")
  void integersAreInt(String value) {
    assertThat(encodingOfString(value))
        .as("SET k %s; OBJECT ENCODING k (tryObjectEncoding in src/object.c)", value)
        .isEqualTo("int");
  }

  @ParameterizedTest(name = "{0} is embstr")
  @ValueSource(strings = {"007", "+1", " 1", "1.5", "1e3", "9223372036854775808"})
  @DisplayName("a string that only looks like a number (leading zero or sign, out of range) is not")
  void nonCanonicalNumbersAreStrings(String value) {
    assertThat(encodingOfString(value))
        .as("SET k '%s': string2l accepts only the canonical form of a long", value)
        .isEqualTo("embstr");
  }

  @ParameterizedTest(name = "{0} bytes -> {1}")
  @CsvSource({"1, embstr", "44, embstr", "45, raw", "100, raw"})
  @DisplayName("strings up to 44 bytes are embstr, longer ones raw (Redis 3.2 to 7.x)")
  void embstrLimitIs44(int length, String expected) {
    assumeTrue(
        version.embstrLimitIs44(),
        "from Redis 8.0 (and in Valkey 8) the key shares the value's allocation, so the"
            + " embstr limit depends on the key's length; found "
            + version);
    assertThat(encodingOfString("a".repeat(length)))
        .as("SET k <%d bytes>; OBJECT_ENCODING_EMBSTR_SIZE_LIMIT is 44 (src/object.c)", length)
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("whatever the version, a short string is embstr and a long one raw")
  void shortEmbstrLongRaw() {
    assertThat(encodingOfString("abc")).isEqualTo("embstr");
    assertThat(encodingOfString("a".repeat(200))).isEqualTo("raw");
  }

  @Test
  @DisplayName("APPEND turns an embstr into raw: embstr is read-only")
  void appendMakesRaw() {
    jedis.set("k", "ab");
    jedis.append("k", "c");
    assertThat(jedis.objectEncoding("k"))
        .as("SET k ab; APPEND k c; OBJECT ENCODING k (3 bytes, yet no longer embstr)")
        .isEqualTo("raw");
  }

  @Test
  @DisplayName("INCR stores its result as int")
  void incrStoresInt() {
    jedis.set("k", "41");
    jedis.incr("k");
    assertThat(jedis.objectEncoding("k")).isEqualTo("int");
  }

  // ---- hashes ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} fields -> {1}")
  @CsvSource({"1, listpack", "512, listpack", "513, hashtable"})
  @DisplayName("a hash is a listpack up to hash-max-listpack-entries (512) fields")
  void hashEntries(int fields, String expected) {
    jedis.hset("h", fields(fields, "v"));
    assertThat(jedis.objectEncoding("h")).as("HSET h with %d fields", fields).isEqualTo(expected);
  }

  @ParameterizedTest(name = "a {0}-byte value -> {1}")
  @CsvSource({"64, listpack", "65, hashtable"})
  @DisplayName("one value longer than hash-max-listpack-value (64 bytes) makes it a hashtable")
  void hashValueLength(int length, String expected) {
    jedis.hset("h", Map.of("small", "v"));
    jedis.hset("h", Map.of("f", "x".repeat(length)));
    assertThat(jedis.objectEncoding("h")).isEqualTo(expected);
  }

  @Test
  @DisplayName("a hash that shrinks stays a hashtable: conversion is one-way")
  void hashNeverConvertsBack() {
    Map<String, String> many = fields(513, "v");
    jedis.hset("h", many);
    jedis.hdel("h", many.keySet().stream().skip(1).toArray(String[]::new));
    assertThat(jedis.hlen("h")).isEqualTo(1);
    assertThat(jedis.objectEncoding("h"))
        .as("513 fields, then HDEL down to 1: still hashtable")
        .isEqualTo("hashtable");
  }

  // ---- sets -----------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} integers -> {1}")
  @CsvSource({"3, intset", "512, intset", "513, hashtable"})
  @DisplayName("a set of integers is an intset up to set-max-intset-entries (512)")
  void intset(int members, String expected) {
    jedis.sadd("s", numbers(members));
    assertThat(jedis.objectEncoding("s")).isEqualTo(expected);
  }

  @Test
  @DisplayName("a small set of strings: hashtable in 7.0 and 7.1, listpack from 7.2")
  void smallStringSet() {
    jedis.sadd("s", "a", "b");
    jedis.sadd("mixed", "1", "2", "3");
    jedis.sadd("mixed", "a");
    String expected = version.atLeast(7, 2) ? "listpack" : "hashtable";
    assertThat(jedis.objectEncoding("s")).as("SADD s a b on %s", version).isEqualTo(expected);
    assertThat(jedis.objectEncoding("mixed"))
        .as("an intset that gets a non-integer member, on %s", version)
        .isEqualTo(expected);
  }

  // ---- lists ----------------------------------------------------------------------------------

  @Test
  @DisplayName("a small list: quicklist in 7.0 and 7.1, listpack from 7.2")
  void smallList() {
    jedis.rpush("l", "a", "b", "c");
    String expected = version.atLeast(7, 2) ? "listpack" : "quicklist";
    assertThat(jedis.objectEncoding("l")).as("RPUSH l a b c on %s", version).isEqualTo(expected);
  }

  @Test
  @DisplayName("a list past one 8 KB node (list-max-listpack-size -2) is a quicklist")
  void bigList() {
    List<String> elements = new ArrayList<>();
    for (int i = 0; i < 2000; i++) elements.add("element-" + i);
    jedis.rpush("l", elements.toArray(String[]::new));
    assertThat(jedis.objectEncoding("l")).isEqualTo("quicklist");
  }

  // ---- sorted sets ----------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} members -> {1}")
  @CsvSource({"2, listpack", "128, listpack", "129, skiplist"})
  @DisplayName("a sorted set is a listpack up to zset-max-listpack-entries (128)")
  void zsetEntries(int members, String expected) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int i = 0; i < members; i++) scores.put("m" + i, (double) i);
    jedis.zadd("z", scores);
    assertThat(jedis.objectEncoding("z")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "a {0}-byte member -> {1}")
  @CsvSource({"64, listpack", "65, skiplist"})
  @DisplayName("one member longer than zset-max-listpack-value (64 bytes) makes it a skiplist")
  void zsetMemberLength(int length, String expected) {
    jedis.zadd("z", Map.of("a", 1.0, "m".repeat(length), 2.0));
    assertThat(jedis.objectEncoding("z")).isEqualTo(expected);
  }

  // ---- the defaults the notebooks quote -------------------------------------------------------

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "hash-max-listpack-entries, 512",
    "hash-max-listpack-value, 64",
    "zset-max-listpack-entries, 128",
    "zset-max-listpack-value, 64",
    "set-max-intset-entries, 512",
    "list-max-listpack-size, -2",
    "list-compress-depth, 0",
    "proto-max-bulk-len, 536870912",
    "hz, 10",
    "active-expire-effort, 1",
    "io-threads, 1",
    "slowlog-log-slower-than, 10000",
    "busy-reply-threshold, 5000"
  })
  @DisplayName("the configuration defaults notebooks 01-04 quote")
  void defaults(String name, String expected) {
    assertThat(jedis.configGet(name)).as("CONFIG GET %s", name).containsEntry(name, expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"set-max-listpack-entries, 128", "set-max-listpack-value, 64"})
  @DisplayName("the listpack set thresholds that 7.2 added")
  void setListpackDefaults(String name, String expected) {
    assumeTrue(version.atLeast(7, 2), "set listpacks arrived in 7.2; found " + version);
    assertThat(jedis.configGet(name)).as("CONFIG GET %s", name).containsEntry(name, expected);
  }

  @Test
  @DisplayName("the old *-ziplist-* setting names still work, as aliases of the listpack ones")
  void ziplistAliases() {
    assertThat(jedis.configGet("hash-max-ziplist-entries").values())
        .as("CONFIG GET hash-max-ziplist-entries")
        .containsExactly("512");
  }

  // ---- the threads notebook 03 counts ---------------------------------------------------------

  @Test
  @DisplayName("one thread runs commands; background threads close files, fsync and free memory")
  void threads() throws IOException {
    Path tasks = Path.of("/proc", Long.toString(redis.pid()), "task");
    assumeTrue(Files.isDirectory(tasks), "thread names come from /proc: Linux only");
    List<String> names = new ArrayList<>();
    try (var dirs = Files.list(tasks)) {
      for (Path task : dirs.toList()) names.add(Files.readString(task.resolve("comm")).strip());
    }
    assertThat(names)
        .as("threads of redis-server (/proc/<pid>/task/*/comm) with io-threads 1")
        .contains("bio_lazy_free")
        .noneMatch(name -> name.startsWith("io_thd"));
    if (version.product().equals("redis") && version.major() == 7 && version.minor() == 0) {
      assertThat(names)
          .as("redis-server 7.0's threads, as notebook 03 lists them")
          .containsExactlyInAnyOrder(
              "redis-server",
              "bio_close_file",
              "bio_aof_fsync",
              "bio_lazy_free",
              "jemalloc_bg_thd");
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private String encodingOfString(String value) {
    jedis.set("k", value);
    return jedis.objectEncoding("k");
  }

  private static Map<String, String> fields(int n, String value) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) map.put("f" + i, value);
    return map;
  }

  private static String[] numbers(int n) {
    String[] members = new String[n];
    for (int i = 0; i < n; i++) members[i] = Integer.toString(i + 1);
    return members;
  }

  /** The server's product and version, from {@code INFO server}. */
  record Version(String product, int major, int minor, String text) {

    static Version of(String info) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : info.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
      boolean valkey =
          fields.containsKey("valkey_version") || "valkey".equals(fields.get("server_name"));
      String text = fields.getOrDefault(valkey ? "valkey_version" : "redis_version", "0.0.0");
      String[] parts = text.split("\\.");
      int major = parts.length > 0 ? Integer.parseInt(parts[0]) : 0;
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return new Version(valkey ? "valkey" : "redis", major, minor, text);
    }

    /** Compares Redis versions; Valkey reports its own numbering and forked from Redis 7.2. */
    boolean atLeast(int wantMajor, int wantMinor) {
      if (product.equals("valkey")) return wantMajor < 7 || (wantMajor == 7 && wantMinor <= 2);
      return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    /** Redis 3.2-7.x: OBJ_ENCODING_EMBSTR_SIZE_LIMIT 44 decides alone. */
    boolean embstrLimitIs44() {
      return major < 8; // Valkey 8 embeds the key too (valkey-io/valkey#2026)
    }

    @Override
    public String toString() {
      return product + " " + text;
    }
  }
}
