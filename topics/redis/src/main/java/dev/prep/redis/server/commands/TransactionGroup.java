package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Transactions, after redis/redis {@code src/multi.c}: MULTI, EXEC, DISCARD, WATCH, UNWATCH.
 *
 * <p>{@link CommandTable#execute} queues commands while the session is in MULTI and marks the
 * transaction failed when a queued command is unknown or has the wrong arity. EXEC then answers one
 * of three ways: {@code EXECABORT} for a failed queue; a null array ({@code *-1} in RESP2) when a
 * WATCHed key was written since WATCH (by anyone, this client included) or has expired: optimistic
 * locking; otherwise an array with every queued command's reply. A command that fails while EXEC
 * runs (WRONGTYPE, say) puts its error in that array and the others still run: Redis has no
 * rollback.
 */
final class TransactionGroup implements CommandGroup {

  private static final RespValue NESTED = RespValue.error("ERR MULTI calls can not be nested");
  private static final RespValue EXEC_WITHOUT_MULTI = RespValue.error("ERR EXEC without MULTI");
  private static final RespValue DISCARD_WITHOUT_MULTI =
      RespValue.error("ERR DISCARD without MULTI");
  private static final RespValue WATCH_IN_MULTI =
      RespValue.error("ERR WATCH inside MULTI is not allowed");
  private static final RespValue EXECABORT =
      RespValue.error("EXECABORT Transaction discarded because of previous errors.");

  @Override
  public void register(CommandTable t) {
    t.add("multi", 1, TransactionGroup::multi)
        .add("exec", 1, (s, a) -> exec(t, s))
        .add("discard", 1, TransactionGroup::discard)
        .add("watch", -2, TransactionGroup::watch)
        .add("unwatch", 1, TransactionGroup::unwatch);
  }

  private static RespValue multi(Session session, List<String> args) {
    if (session.inMulti()) return NESTED;
    session.beginMulti();
    return RespValue.OK;
  }

  /**
   * {@code execCommand}. Queued commands run directly, past the checks {@link CommandTable#execute}
   * already made when they were queued, as Redis's {@code call()} does; the {@code maxmemory} check
   * runs once for the whole transaction ({@code processCommand} rejects an EXEC whose queue holds a
   * command that may grow memory).
   */
  private static RespValue exec(CommandTable table, Session session) {
    if (!session.inMulti()) return EXEC_WITHOUT_MULTI;
    if (session.queueFailed()) {
      session.endMulti();
      session.unwatchAll();
      return EXECABORT;
    }
    if (session.watchedKeyChanged()) {
      session.endMulti();
      session.unwatchAll();
      return RespValue.NULL_ARRAY;
    }
    List<List<String>> queued = session.endMulti();
    session.unwatchAll();
    RespValue oom = outOfMemory(session, queued);
    if (oom != null) return oom;
    List<RespValue> replies = new ArrayList<>(queued.size());
    for (List<String> request : queued) {
      CommandTable.Entry entry = table.lookup(request.get(0));
      replies.add(entry.command().execute(session, request));
    }
    return RespValue.array(replies);
  }

  /** The EXECABORT reply when the queue may grow memory and eviction cannot make room, or null. */
  private static RespValue outOfMemory(Session session, List<List<String>> queued) {
    ServerConfig config = session.config();
    if (config.maxmemory() <= 0) return null;
    boolean growsMemory = false;
    for (List<String> request : queued) {
      growsMemory |= CommandTable.DENY_OOM.contains(request.get(0).toLowerCase(Locale.ROOT));
    }
    if (!growsMemory || config.eviction().freeMemoryIfNeeded(session.db(), config.maxmemory())) {
      return null;
    }
    String oom = ((RespValue.ErrorReply) Replies.OOM).message();
    return RespValue.error("EXECABORT Transaction discarded because of: " + oom);
  }

  private static RespValue discard(Session session, List<String> args) {
    if (!session.inMulti()) return DISCARD_WITHOUT_MULTI;
    session.endMulti();
    session.unwatchAll();
    return RespValue.OK;
  }

  private static RespValue watch(Session session, List<String> args) {
    if (session.inMulti()) return WATCH_IN_MULTI;
    for (int j = 1; j < args.size(); j++) session.watch(args.get(j));
    return RespValue.OK;
  }

  private static RespValue unwatch(Session session, List<String> args) {
    session.unwatchAll();
    return RespValue.OK;
  }
}
