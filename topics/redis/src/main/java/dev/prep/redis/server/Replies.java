package dev.prep.redis.server;

import dev.prep.redis.resp.RespValue;
import java.util.List;

/**
 * Redis's error replies, word for word (redis/redis {@code src/server.c} {@code
 * createSharedObjects} and {@code processCommand}; checked against redis-server 7.0.15). Tests
 * compare them byte for byte, so commands use these rather than their own wording.
 */
public final class Replies {
  private Replies() {}

  public static final RespValue WRONGTYPE =
      RespValue.error("WRONGTYPE Operation against a key holding the wrong kind of value");
  public static final RespValue NOT_INTEGER =
      RespValue.error("ERR value is not an integer or out of range");
  public static final RespValue NOT_FLOAT = RespValue.error("ERR value is not a valid float");
  public static final RespValue SYNTAX = RespValue.error("ERR syntax error");
  public static final RespValue OVERFLOW =
      RespValue.error("ERR increment or decrement would overflow");
  public static final RespValue NOAUTH = RespValue.error("NOAUTH Authentication required.");
  public static final RespValue OOM =
      RespValue.error("OOM command not allowed when used memory > 'maxmemory'.");
  public static final RespValue NO_SUCH_KEY = RespValue.error("ERR no such key");

  /** {@code ERR wrong number of arguments for 'get' command}: the name in lower case. */
  public static RespValue wrongArity(String command) {
    return RespValue.error(
        "ERR wrong number of arguments for '"
            + command.toLowerCase(java.util.Locale.ROOT)
            + "' command");
  }

  /** {@code ERR invalid expire time in 'set' command}. */
  public static RespValue invalidExpire(String command) {
    return RespValue.error(
        "ERR invalid expire time in '" + command.toLowerCase(java.util.Locale.ROOT) + "' command");
  }

  /**
   * {@code ERR unknown command 'FOO', with args beginning with: 'a' 'b' } as Redis 7 words it: the
   * name as sent, then each argument quoted and followed by a space. Other versions word the tail
   * differently, so tests against a real server compare only up to the name.
   */
  public static RespValue unknownCommand(List<String> args) {
    StringBuilder sb =
        new StringBuilder("ERR unknown command '")
            .append(clip(args.get(0)))
            .append("', with args beginning with: ");
    for (int i = 1; i < args.size() && sb.length() < 128; i++)
      sb.append('\'').append(clip(args.get(i))).append("' ");
    return RespValue.error(sb.toString());
  }

  /** {@code ERR unknown subcommand 'foo'. Try CLIENT HELP.} */
  public static RespValue unknownSubcommand(String command, String sub) {
    return RespValue.error(
        "ERR unknown subcommand '"
            + clip(sub)
            + "'. Try "
            + command.toUpperCase(java.util.Locale.ROOT)
            + " HELP.");
  }

  private static String clip(String s) {
    String t = s.length() > 128 ? s.substring(0, 128) : s;
    return t.replace('\r', ' ').replace('\n', ' ');
  }
}
