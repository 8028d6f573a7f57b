package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import java.util.List;

/**
 * Commands on keys of any type, after redis/redis {@code src/db.c}: DEL, UNLINK, EXISTS, TYPE,
 * TOUCH, RENAME, RENAMENX.
 *
 * <p>UNLINK is DEL here: Redis frees a big value on a background thread ({@code lazyfree.c}), which
 * matters for a million-element list, not for the reply. EXISTS counts a key once per time it is
 * named ({@code EXISTS k k} is 2) and, like TYPE, does not count as an access for LRU.
 */
final class KeyGroup implements CommandGroup {

  @Override
  public void register(CommandTable t) {
    t.add("del", -2, (s, a) -> delete(s.db(), a))
        .add("unlink", -2, (s, a) -> delete(s.db(), a))
        .add("exists", -2, (s, a) -> exists(s.db(), a))
        .add("touch", -2, (s, a) -> touch(s.db(), a))
        .add("type", 2, (s, a) -> type(s.db(), a.get(1)))
        .add("rename", 3, (s, a) -> rename(s.db(), a.get(1), a.get(2), false))
        .add("renamenx", 3, (s, a) -> rename(s.db(), a.get(1), a.get(2), true));
  }

  private static RespValue delete(Db db, List<String> args) {
    int deleted = 0;
    for (int j = 1; j < args.size(); j++) if (db.remove(args.get(j))) deleted++;
    return RespValue.integer(deleted);
  }

  private static RespValue exists(Db db, List<String> args) {
    int found = 0;
    for (int j = 1; j < args.size(); j++) if (db.exists(args.get(j))) found++;
    return RespValue.integer(found);
  }

  /** TOUCH: counts the keys that exist and stamps their access time. */
  private static RespValue touch(Db db, List<String> args) {
    int touched = 0;
    for (int j = 1; j < args.size(); j++) if (db.lookup(args.get(j)) != null) touched++;
    return RespValue.integer(touched);
  }

  /** TYPE replies a simple string: {@code string}, {@code list}, ..., or {@code none}. */
  private static RespValue type(Db db, String key) {
    RedisObject o = db.peek(key);
    return RespValue.simple(o == null ? "none" : o.type().typeName());
  }

  /**
   * RENAME and RENAMENX ({@code renameGenericCommand}): the value moves with its time to live; a
   * missing source is {@code ERR no such key}; renaming a key to itself changes nothing.
   */
  private static RespValue rename(Db db, String from, String to, boolean nx) {
    RedisObject value = db.lookup(from);
    if (value == null) return Replies.NO_SUCH_KEY;
    if (from.equals(to)) return nx ? RespValue.ZERO : RespValue.OK;
    long deadline = db.expireAt(from);
    if (nx && db.exists(to)) return RespValue.ZERO;
    db.remove(from);
    db.put(to, value);
    if (deadline >= 0) db.expireAt(to, deadline);
    return nx ? RespValue.ONE : RespValue.OK;
  }
}
