package dev.prep.redis.server.commands;

import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.EvictionStrategy;
import java.util.random.RandomGenerator;

/**
 * The reference server's commands, by group, each answering as redis-server 7.0.15 does, byte for
 * byte (the differential scripts in {@code src/test/resources/differential} check that against a
 * real server). A grader plugs a learner's group in beside the reference ones:
 *
 * <pre>{@code
 * CommandTable table = new CommandTable()
 *     .add(ReferenceCommands.connection())
 *     .add(new StringCommands()); // the learner's
 * }</pre>
 *
 * <p>Each group names the Redis source file its behaviour comes from. Groups are stateless except
 * {@link #connection()} (RANDOMKEY's random source) and hold no keys: the keyspace is the {@link
 * Db} the session carries.
 */
public final class ReferenceCommands {
  private ReferenceCommands() {}

  /** What HELLO's {@code server} field and INFO call this server. */
  public static final String SERVER_NAME = "prep";

  /** This server's version, for HELLO and INFO ({@code prep_version}); not a Redis version. */
  public static final String VERSION = "1.0.0";

  /** Every reference command: all the groups below, handshake and transactions included. */
  public static CommandTable all() {
    return new CommandTable()
        .add(connection())
        .add(strings())
        .add(keys())
        .add(expiry())
        .add(lists())
        .add(hashes())
        .add(zsets())
        .add(transactions())
        .add(handshake());
  }

  /**
   * PING, ECHO, QUIT, SELECT, DBSIZE, FLUSHALL, FLUSHDB, TIME, KEYS, RANDOMKEY, and COMMAND,
   * CONFIG, INFO; no data commands and no AUTH, HELLO or CLIENT (those are {@link #handshake()}).
   */
  public static CommandGroup connection() {
    ConnectionGroup connection = new ConnectionGroup();
    IntrospectionGroup introspection = new IntrospectionGroup();
    return table -> table.add(connection).add(introspection);
  }

  /** SET (EX PX EXAT PXAT NX XX KEEPTTL GET), GET, SETNX, SETEX, PSETEX, GETSET, GETDEL, MSET... */
  public static CommandGroup strings() {
    return new StringGroup();
  }

  /** DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX. */
  public static CommandGroup keys() {
    return new KeyGroup();
  }

  /** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (NX XX GT LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME... */
  public static CommandGroup expiry() {
    return new ExpiryGroup();
  }

  /** LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP (with a count), LRANGE, LLEN, LINDEX. */
  public static CommandGroup lists() {
    return new ListGroup();
  }

  /** HSET, HMSET, HSETNX, HGET, HMGET, HDEL, HGETALL, HKEYS, HVALS, HLEN, HEXISTS, HINCRBY. */
  public static CommandGroup hashes() {
    return new HashGroup();
  }

  /** ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE, ZRANGE, ZREVRANGE, ZRANGEBYSCORE, ZREMRANGEBYSCORE... */
  public static CommandGroup zsets() {
    return new ZSetGroup();
  }

  /** MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
  public static CommandGroup transactions() {
    return new TransactionGroup();
  }

  /** AUTH, HELLO (RESP3 included), CLIENT ID, GETNAME, SETNAME, SETINFO, INFO, LIST, HELP. */
  public static CommandGroup handshake() {
    return new HandshakeGroup();
  }

  /**
   * One of the eight {@code maxmemory-policy} strategies ({@link SampledEviction}), sampling {@code
   * samples} keys per round, with a randomly seeded generator.
   *
   * @throws IllegalArgumentException for an unknown policy (the message lists the eight)
   */
  public static EvictionStrategy eviction(String policy, int samples) {
    return new SampledEviction(policy, samples, RandomGenerator.of("L64X128MixRandom"));
  }

  /** As {@link #eviction(String, int)}, sampling with {@code random}: seed it to repeat a run. */
  public static EvictionStrategy eviction(String policy, int samples, RandomGenerator random) {
    return new SampledEviction(policy, samples, random);
  }

  /**
   * One active expiry cycle ({@link ActiveExpireCycle}): samples keys with a TTL and deletes the
   * expired, repeating while more than 10% of a sample had expired and the time limit allows.
   *
   * @return keys deleted (each also counted in {@link Db#expiredKeys()})
   */
  public static int activeExpireCycle(Db db, RandomGenerator rnd, long timeLimitMicros) {
    return ActiveExpireCycle.run(db, rnd, timeLimitMicros);
  }
}
