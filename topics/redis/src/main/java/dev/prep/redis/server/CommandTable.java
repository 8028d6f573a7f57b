package dev.prep.redis.server;

import dev.prep.redis.resp.RespValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command names to code, with Redis's arity rule, and the checks Redis's {@code processCommand}
 * runs before a command (redis/redis {@code src/server.c}), in its order: unknown command, wrong
 * number of arguments, authentication, {@code maxmemory}, then MULTI queueing.
 *
 * <p>Arity as in Redis's command table: a positive arity is the exact argument count including the
 * name ({@code GET key} is 2); a negative one is a minimum ({@code SET} is -3: at least 3).
 */
public final class CommandTable {

  /** A registered command. */
  public record Entry(String name, int arity, Command command) {}

  /**
   * Commands that may grow memory: refused with OOM when eviction cannot get under {@code
   * maxmemory} (Redis flags them {@code denyoom}).
   */
  public static final Set<String> DENY_OOM =
      Set.of(
          "set",
          "setnx",
          "setex",
          "psetex",
          "mset",
          "msetnx",
          "append",
          "incr",
          "incrby",
          "decr",
          "decrby",
          "incrbyfloat",
          "getset",
          "lpush",
          "rpush",
          "lpushx",
          "rpushx",
          "linsert",
          "lset",
          "hset",
          "hsetnx",
          "hmset",
          "hincrby",
          "hincrbyfloat",
          "sadd",
          "zadd",
          "zincrby");

  /** Commands an unauthenticated client may run (Redis flags them {@code no-auth}). */
  public static final Set<String> NO_AUTH = Set.of("auth", "hello", "quit");

  /** Commands that run at once even inside MULTI. */
  private static final Set<String> NOT_QUEUED =
      Set.of("exec", "discard", "multi", "watch", "quit", "reset");

  private final Map<String, Entry> commands = new LinkedHashMap<>();

  /** Adds (or replaces) a command; {@code name} is case-insensitive. */
  public CommandTable add(String name, int arity, Command command) {
    String key = name.toLowerCase(Locale.ROOT);
    commands.put(key, new Entry(key, arity, command));
    return this;
  }

  /** Adds every command of a group. */
  public CommandTable add(CommandGroup group) {
    group.register(this);
    return this;
  }

  /** The command, or null; {@code name} is case-insensitive. */
  public Entry lookup(String name) {
    return commands.get(name.toLowerCase(Locale.ROOT));
  }

  /** Registered names, lower case, in the order they were added. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(commands.keySet()));
  }

  /** Does {@code argc} (name included) satisfy {@code arity}? */
  public static boolean arityOk(int arity, int argc) {
    return arity >= 0 ? argc == arity : argc >= -arity;
  }

  /**
   * Runs one request through Redis's checks and, if they pass, the command. Never throws for bad
   * input: every refusal is an error reply. A command that throws is a bug; its exception reaches
   * the caller.
   */
  public RespValue execute(Session session, List<String> args) {
    String name = args.get(0).toLowerCase(Locale.ROOT);
    Entry entry = commands.get(name);
    if (entry == null) {
      if (session.inMulti()) session.markQueueFailed();
      return Replies.unknownCommand(args);
    }
    if (!arityOk(entry.arity(), args.size())) {
      if (session.inMulti()) session.markQueueFailed();
      return Replies.wrongArity(name);
    }
    ServerConfig config = session.config();
    if (config.requirepass() != null
        && !session.client().authenticated()
        && !NO_AUTH.contains(name)) {
      return Replies.NOAUTH;
    }
    // Inside MULTI every command but EXEC, DISCARD, QUIT and RESET is refused over maxmemory, reads
    // too, since queueing itself takes memory (server.c processCommand; checked on 7.0.15).
    boolean queueing = session.inMulti() && !NOT_QUEUED.contains(name);
    if (config.maxmemory() > 0
        && (DENY_OOM.contains(name) || queueing)
        && !config.eviction().freeMemoryIfNeeded(session.db(), config.maxmemory())) {
      if (session.inMulti()) session.markQueueFailed();
      return Replies.OOM;
    }
    if (queueing) {
      session.queue(args);
      return RespValue.simple("QUEUED");
    }
    return entry.command().execute(session, args);
  }
}
