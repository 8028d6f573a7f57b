package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Client;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A keyspace on a manual clock, the reference commands, and one client: {@link #run} takes a
 * command line and returns the RESP bytes the client would read, so tests compare replies byte for
 * byte with what redis-server 7.0.15 sends.
 */
final class InProcessRedis {
  final ManualClock clock = new ManualClock();
  final Db db = new Db(clock);
  final CommandTable table;
  final ServerConfig config;
  final Session session;

  InProcessRedis() {
    this(ReferenceCommands.all(), ServerConfig.defaults(c -> null));
  }

  InProcessRedis(ServerConfig config) {
    this(ReferenceCommands.all(), config);
  }

  InProcessRedis(CommandTable table, ServerConfig config) {
    this.table = table;
    this.config = config.withClock(clock);
    this.session = newSession(1);
  }

  /** Another connection to the same keyspace. */
  Session newSession(long id) {
    Client client = new Client(id, "127.0.0.1:" + (50000 + id), config.requirepass() == null, 0);
    return new Session(db, client, config, Session.ServerInfo.NONE);
  }

  /** The reply to {@code line} (split at spaces; double quotes group words), as wire bytes. */
  String run(String line) {
    return run(session, line);
  }

  String run(Session s, String line) {
    RespValue reply = table.execute(s, split(line));
    return new String(reply.encode(s.client().protocol()), StandardCharsets.ISO_8859_1);
  }

  /** Runs each line, ignoring the replies: the setup of a test. */
  InProcessRedis given(String... lines) {
    for (String line : lines) run(line);
    return this;
  }

  /** A line split at spaces, with {@code "..."} kept as one argument (no escapes). */
  static List<String> split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = null;
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        if (cur == null) cur = new StringBuilder();
      } else if (c == ' ' && !quoted) {
        if (cur != null) args.add(cur.toString());
        cur = null;
      } else {
        if (cur == null) cur = new StringBuilder();
        cur.append(c);
      }
    }
    if (cur != null) args.add(cur.toString());
    return args;
  }

  /** {@code \r\n} written as the four characters in a test table, turned into CR LF. */
  static String wire(String escaped) {
    return escaped.replace("\\r\\n", "\r\n");
  }
}
