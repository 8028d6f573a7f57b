package dev.prep.redis.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command can reach: the keyspace, the connection's {@link Client}, the server's {@link
 * ServerConfig}, and the connection's transaction state (MULTI's queue, WATCH's versions). One per
 * connection; the server's thread is the only one that touches it.
 */
public final class Session {
  private final Db db;
  private final Client client;
  private final ServerConfig config;
  private final ServerInfo info;
  private List<List<String>> queued;
  private boolean queueFailed;
  private final Map<String, Long> watched = new HashMap<>();

  public Session(Db db, Client client, ServerConfig config, ServerInfo info) {
    this.db = db;
    this.client = client;
    this.config = config;
    this.info = info;
  }

  /** A session for tests and notebooks: no server, a client with id 1, default settings. */
  public static Session standalone(Db db) {
    return new Session(
        db,
        new Client(1, "127.0.0.1:0", true, db.now()),
        ServerConfig.defaults(c -> null),
        ServerInfo.NONE);
  }

  public Db db() {
    return db;
  }

  public Client client() {
    return client;
  }

  public ServerConfig config() {
    return config;
  }

  /** Counters and the client list of the server this session belongs to (INFO, CLIENT LIST). */
  public ServerInfo info() {
    return info;
  }

  // ---- MULTI / EXEC / WATCH ---------------------------------------------------------------------

  /** Inside MULTI: commands are queued, not run. */
  public boolean inMulti() {
    return queued != null;
  }

  public void beginMulti() {
    queued = new ArrayList<>();
    queueFailed = false;
  }

  public void queue(List<String> request) {
    queued.add(List.copyOf(request));
  }

  /** A queued command was refused (unknown, wrong arity): EXEC will answer EXECABORT. */
  public void markQueueFailed() {
    queueFailed = true;
  }

  public boolean queueFailed() {
    return queueFailed;
  }

  /** Ends MULTI and returns what was queued. */
  public List<List<String>> endMulti() {
    List<List<String>> q = queued == null ? List.of() : queued;
    queued = null;
    queueFailed = false;
    return q;
  }

  /** WATCH: remembers the key's current version. */
  public void watch(String key) {
    watched.putIfAbsent(key, db.version(key));
  }

  /** Has any watched key been written since it was watched? */
  public boolean watchedKeyChanged() {
    for (Map.Entry<String, Long> e : watched.entrySet()) {
      db.expireIfNeeded(e.getKey());
      if (db.version(e.getKey()) != e.getValue()) return true;
    }
    return false;
  }

  public void unwatchAll() {
    watched.clear();
  }

  /** Server-wide facts a command may report; the reference server supplies its own. */
  public interface ServerInfo {
    /** Connected clients. */
    int connectedClients();

    /** Commands processed since start. */
    long commandsProcessed();

    /** One line per client, as CLIENT LIST prints them. */
    List<String> clientList();

    ServerInfo NONE =
        new ServerInfo() {
          @Override
          public int connectedClients() {
            return 1;
          }

          @Override
          public long commandsProcessed() {
            return 0;
          }

          @Override
          public List<String> clientList() {
            return List.of();
          }
        };
  }
}
