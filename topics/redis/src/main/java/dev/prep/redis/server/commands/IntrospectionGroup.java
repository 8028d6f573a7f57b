package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.EvictionStrategy;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What tools ask a server about itself: COMMAND (COUNT, LIST, INFO, DOCS), CONFIG GET and SET, INFO
 * (redis/redis {@code src/server.c} {@code commandCommand} and {@code genRedisInfoString}, {@code
 * src/config.c}).
 *
 * <p>Enough for the tools to work: redis-benchmark reads {@code CONFIG GET save} and {@code
 * appendonly} and redis-cli may ask for {@code COMMAND DOCS} (an empty map: no documentation here).
 * CONFIG SET accepts a parameter only at its current value, because {@link ServerConfig} is fixed
 * when the server starts. INFO names this server ({@code prep_version}); it does not claim a {@code
 * redis_version} it is not.
 */
final class IntrospectionGroup implements CommandGroup {

  /** Commands that name no key: COMMAND INFO reports 0 0 0 for their key positions. */
  private static final Set<String> KEYLESS =
      Set.of(
          "ping",
          "echo",
          "quit",
          "select",
          "dbsize",
          "flushall",
          "flushdb",
          "time",
          "keys",
          "randomkey",
          "command",
          "config",
          "info",
          "multi",
          "exec",
          "discard",
          "unwatch",
          "auth",
          "hello",
          "client");

  @Override
  public void register(CommandTable t) {
    t.add("command", -1, (s, a) -> command(t, a))
        .add("config", -2, IntrospectionGroup::config)
        .add("info", -1, IntrospectionGroup::info);
  }

  // ---- COMMAND
  // ------------------------------------------------------------------------------------

  private static RespValue command(CommandTable table, List<String> args) {
    if (args.size() == 1) return infos(table, table.names());
    String sub = args.get(1).toLowerCase(Locale.ROOT);
    int arity =
        switch (sub) {
          case "count" -> 2;
          case "list", "info", "docs" -> -2;
          default -> 0;
        };
    if (arity == 0) return Replies.unknownSubcommand("command", args.get(1));
    if (!CommandTable.arityOk(arity, args.size())) return Replies.wrongArity("command|" + sub);
    return switch (sub) {
      case "count" -> RespValue.integer(table.names().size());
      case "list" -> RespValue.bulkArray(table.names());
      case "docs" -> new RespValue.MapReply(Map.of());
      default -> infos(table, args.size() == 2 ? table.names() : args.subList(2, args.size()));
    };
  }

  /** COMMAND INFO entries: name, arity, flags, first key, last key, key step, and four empties. */
  private static RespValue infos(CommandTable table, List<String> names) {
    List<RespValue> out = new ArrayList<>(names.size());
    for (String name : names) {
      CommandTable.Entry e = table.lookup(name);
      if (e == null) {
        out.add(RespValue.NULL_ARRAY);
        continue;
      }
      List<RespValue> flags = new ArrayList<>();
      if (CommandTable.DENY_OOM.contains(e.name())) flags.add(RespValue.simple("denyoom"));
      if (CommandTable.NO_AUTH.contains(e.name())) flags.add(RespValue.simple("no_auth"));
      int[] keys = keyPositions(e.name());
      out.add(
          RespValue.array(
              RespValue.bulk(e.name()),
              RespValue.integer(e.arity()),
              RespValue.array(flags),
              RespValue.integer(keys[0]),
              RespValue.integer(keys[1]),
              RespValue.integer(keys[2]),
              RespValue.array(List.of()),
              RespValue.array(List.of()),
              RespValue.array(List.of()),
              RespValue.array(List.of())));
    }
    return RespValue.array(out);
  }

  /** First key, last key (-1: the last argument), step, as Redis's legacy key specs give them. */
  private static int[] keyPositions(String name) {
    if (KEYLESS.contains(name)) return new int[] {0, 0, 0};
    return switch (name) {
      case "del", "unlink", "exists", "touch", "mget", "watch" -> new int[] {1, -1, 1};
      case "mset", "msetnx" -> new int[] {1, -1, 2};
      case "rename", "renamenx" -> new int[] {1, 2, 1};
      default -> new int[] {1, 1, 1};
    };
  }

  // ---- CONFIG
  // -------------------------------------------------------------------------------------

  /** The parameters CONFIG GET knows, in the order it lists them, with their current values. */
  private static Map<String, String> parameters(ServerConfig c) {
    SampledEviction sampled = c.eviction() instanceof SampledEviction s ? s : null;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bind", c.bindAddress());
    p.put("port", Integer.toString(c.port()));
    p.put("requirepass", c.requirepass() == null ? "" : c.requirepass());
    p.put("maxclients", Integer.toString(c.maxClients()));
    p.put("client-query-buffer-limit", Long.toString(c.queryBufferLimit()));
    p.put("maxmemory", Long.toString(c.maxmemory()));
    p.put("maxmemory-policy", policy(c.eviction()));
    p.put("maxmemory-samples", Integer.toString(sampled == null ? 5 : sampled.samples()));
    p.put("lfu-log-factor", Integer.toString(SampledEviction.LFU_LOG_FACTOR));
    p.put("lfu-decay-time", Integer.toString(SampledEviction.LFU_DECAY_MINUTES));
    p.put("hz", Integer.toString(c.hz()));
    p.put("databases", "1");
    p.put("save", "");
    p.put("appendonly", "no");
    return p;
  }

  static String policy(EvictionStrategy strategy) {
    if (strategy instanceof SampledEviction s) return s.policy();
    return strategy == EvictionStrategy.NO_EVICTION ? "noeviction" : "custom";
  }

  private static RespValue config(Session session, List<String> args) {
    String sub = args.get(1).toLowerCase(Locale.ROOT);
    Map<String, String> params = parameters(session.config());
    switch (sub) {
      case "get" -> {
        if (args.size() < 3) return Replies.wrongArity("config|get");
        Map<RespValue, RespValue> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
          for (String pattern : args.subList(2, args.size())) {
            if (GlobPattern.matches(pattern, p.getKey(), true)) {
              found.put(RespValue.bulk(p.getKey()), RespValue.bulk(p.getValue()));
              break;
            }
          }
        }
        return new RespValue.MapReply(found);
      }
      case "set" -> {
        if (args.size() < 4) return Replies.wrongArity("config|set");
        if (args.size() % 2 != 0) return Replies.SYNTAX;
        for (int j = 2; j < args.size(); j += 2) {
          String name = args.get(j).toLowerCase(Locale.ROOT);
          String value = params.get(name);
          if (value == null) {
            return RespValue.error(
                "ERR Unknown option or number of arguments for CONFIG SET - '" + args.get(j) + "'");
          }
          if (!value.equals(args.get(j + 1))) {
            return RespValue.error(
                "ERR CONFIG SET failed (possibly related to argument '"
                    + name
                    + "') - this server's settings are fixed at start: restart it with the new"
                    + " value");
          }
        }
        return RespValue.OK;
      }
      default -> {
        return Replies.unknownSubcommand("config", args.get(1));
      }
    }
  }

  // ---- INFO
  // ---------------------------------------------------------------------------------------

  private static final List<String> SECTIONS =
      List.of("server", "clients", "memory", "stats", "keyspace");

  /**
   * {@code INFO [section ...]}: {@code # Section} headers, {@code field:value} lines ending in
   * CRLF, a blank line between sections; no argument, {@code default}, {@code all} or {@code
   * everything} gives every section; an unknown section gives nothing.
   */
  private static RespValue info(Session session, List<String> args) {
    List<String> wanted = new ArrayList<>();
    if (args.size() == 1) wanted.addAll(SECTIONS);
    for (String arg : args.subList(1, args.size())) {
      String section = arg.toLowerCase(Locale.ROOT);
      if (Set.of("default", "all", "everything").contains(section)) wanted.addAll(SECTIONS);
      else wanted.add(section);
    }
    StringBuilder sb = new StringBuilder();
    for (String section : SECTIONS) {
      if (!wanted.contains(section)) continue;
      if (!sb.isEmpty()) sb.append("\r\n");
      sb.append("# ")
          .append(Character.toUpperCase(section.charAt(0)))
          .append(section.substring(1))
          .append("\r\n");
      for (Map.Entry<String, String> field :
          SECTION_FIELDS.get(section).apply(session).entrySet()) {
        sb.append(field.getKey()).append(':').append(field.getValue()).append("\r\n");
      }
    }
    return RespValue.bulk(sb.toString());
  }

  private static final Map<String, Function<Session, Map<String, String>>> SECTION_FIELDS =
      Map.of(
          "server", IntrospectionGroup::server,
          "clients", IntrospectionGroup::clients,
          "memory", IntrospectionGroup::memory,
          "stats", IntrospectionGroup::stats,
          "keyspace", IntrospectionGroup::keyspace);

  private static Map<String, String> server(Session s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("prep_version", ReferenceCommands.VERSION);
    f.put("redis_mode", "standalone");
    f.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    f.put("java_version", Runtime.version().toString());
    f.put("process_id", Long.toString(ProcessHandle.current().pid()));
    f.put("tcp_port", Integer.toString(s.config().port()));
    f.put("hz", Integer.toString(s.config().hz()));
    return f;
  }

  private static Map<String, String> clients(Session s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("connected_clients", Integer.toString(s.info().connectedClients()));
    f.put("maxclients", Integer.toString(s.config().maxClients()));
    return f;
  }

  private static Map<String, String> memory(Session s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("used_memory", Long.toString(s.db().usedMemory()));
    f.put("maxmemory", Long.toString(s.config().maxmemory()));
    f.put("maxmemory_policy", policy(s.config().eviction()));
    return f;
  }

  private static Map<String, String> stats(Session s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("total_commands_processed", Long.toString(s.info().commandsProcessed()));
    f.put("expired_keys", Long.toString(s.db().expiredKeys()));
    long evicted = s.config().eviction() instanceof SampledEviction e ? e.evictedKeys() : 0;
    f.put("evicted_keys", Long.toString(evicted));
    return f;
  }

  /** {@code db0:keys=N,expires=M,avg_ttl=0}, only when the database holds keys, as Redis does. */
  private static Map<String, String> keyspace(Session s) {
    Db db = s.db();
    if (db.size() == 0) return Map.of();
    return Map.of("db0", "keys=" + db.size() + ",expires=" + db.volatileSize() + ",avg_ttl=0");
  }
}
