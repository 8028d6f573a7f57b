package dev.prep.redis;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Client;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.List;

/**
 * Stage 9 of the mini Redis: the connection handshake, enough for Lettuce to connect. The grader
 * plugs this group into the reference event loop next to the reference's data commands, so the
 * server around it is known to work: what is graded is these three commands.
 *
 * <p><b>What a client sends first</b> (seen on this server with Lettuce 7.7.0 and Jedis 8.0.2). A
 * plain {@code new Jedis(host, port)} sends nothing of its own: its first bytes are your first
 * command, in RESP2. Lettuce, with a password and a client name in its URI, opens with {@code HELLO
 * 3 AUTH default <pw> SETNAME <name>}, then {@code CLIENT SETINFO lib-name Lettuce}, {@code CLIENT
 * SETINFO lib-ver 7.7.0.RELEASE/...} and {@code CLIENT MAINT_NOTIFICATIONS ...}, whose errors it
 * ignores. It falls back to RESP2 and {@code PING} only if HELLO is unknown or answers {@code
 * NOPROTO}; any other HELLO error fails the connection.
 *
 * <p><b>The commands</b> (replies checked against redis-server 7.0.15; SETINFO against Redis 7.2's
 * source, {@code src/networking.c}, since 7.0 does not have it):
 *
 * <ul>
 *   <li>{@code AUTH <password>} and {@code AUTH <username> <password>}: the only user is {@code
 *       default}; its password is {@code session.config().requirepass()}, or none (null), in which
 *       case the default user accepts any password. Right: {@code +OK} and the client is
 *       authenticated ({@link Client#authenticated(boolean)}); wrong user or password: {@link
 *       #WRONGPASS} (a failed AUTH leaves an authenticated client authenticated). The one-argument
 *       form on a server without a password: {@link #AUTH_WITHOUT_PASSWORD}. More than two
 *       arguments: {@link Replies#SYNTAX}.
 *   <li>{@code HELLO [protover [AUTH username password] [SETNAME name]]}: protover must be an
 *       integer ({@link #BAD_PROTOVER} otherwise) and 2 or 3 ({@link #NOPROTO} otherwise). Then
 *       the options, case-insensitive, each acting at once in the order given, as Redis 7.0 does:
 *       AUTH works as the AUTH command and stops HELLO with {@link #WRONGPASS} if wrong; SETNAME
 *       sets the name or stops with {@link #BAD_NAME}; anything else, or an option without its
 *       values, stops with {@code ERR Syntax error in HELLO option '<option as sent>'}. Then a
 *       client still unauthenticated gets {@link #HELLO_NOAUTH}. Only then does the protocol switch
 *       ({@code client.protocol(3)}: the server encodes this reply and every later one in it). The
 *       reply is a map, in this order: server {@link #SERVER_NAME}, version {@link #VERSION},
 *       proto (integer), id (the client's id), mode "standalone", role "master", modules (an empty
 *       array). In RESP2 a map goes out as a flat array of 14 items; in RESP3 as {@code %7}.
 *   <li>{@code CLIENT ID} (an integer), {@code CLIENT SETNAME name} ({@code +OK}; an empty name
 *       removes it), {@code CLIENT GETNAME} (a bulk string, or null when there is no name), {@code
 *       CLIENT SETINFO LIB-NAME|LIB-VER value} ({@code +OK}). Names and values may hold only
 *       characters {@code '!'} to {@code '~'}. A wrong number of arguments for a subcommand is
 *       {@code Replies.wrongArity("client|setname")}; an unknown one {@code
 *       Replies.unknownSubcommand("client", sub)}.
 * </ul>
 *
 * <p>The {@link CommandTable} has already done the rest: an unauthenticated client may run only
 * AUTH, HELLO and QUIT (everything else gets {@code NOAUTH Authentication required.}), and the
 * arity given at registration is checked before your code runs.
 */
public final class HandshakeCommands implements CommandGroup {

  /** HELLO's {@code server}: this server's name, as the reference server gives it; not Redis. */
  public static final String SERVER_NAME = "prep";

  /** HELLO's {@code version}: this server's, as the reference server gives it. */
  public static final String VERSION = "1.0.0";

  public static final RespValue WRONGPASS =
      RespValue.error("WRONGPASS invalid username-password pair or user is disabled.");
  public static final RespValue AUTH_WITHOUT_PASSWORD =
      RespValue.error(
          "ERR AUTH <password> called without any password configured for the default user."
              + " Are you sure your configuration is correct?");
  public static final RespValue NOPROTO = RespValue.error("NOPROTO unsupported protocol version");
  public static final RespValue BAD_PROTOVER =
      RespValue.error("ERR Protocol version is not an integer or out of range");
  public static final RespValue HELLO_NOAUTH =
      RespValue.error(
          "NOAUTH HELLO must be called with the client already authenticated, otherwise the"
              + " HELLO AUTH <user> <pass> option can be used to authenticate the client and"
              + " select the RESP protocol version at the same time");
  public static final RespValue BAD_NAME =
      RespValue.error("ERR Client names cannot contain spaces, newlines or special characters.");

  /** Adds AUTH (arity -2), HELLO (-1) and CLIENT (-2). */
  @Override
  public void register(CommandTable table) {
    // TODO: add the three commands with their arities: table.add("auth", -2, this::auth) ...
    throw new UnsupportedOperationException("TODO: register AUTH, HELLO and CLIENT");
  }

  /** {@code AUTH [username] password}. */
  public RespValue auth(Session session, List<String> args) {
    // TODO: one or two arguments; check them against the default user; remember success
    throw new UnsupportedOperationException("TODO: AUTH");
  }

  /** {@code HELLO [protover [AUTH username password] [SETNAME name]]}. */
  public RespValue hello(Session session, List<String> args) {
    // TODO: the version, the options in order, the NOAUTH check, switch protocol, then the map
    throw new UnsupportedOperationException("TODO: HELLO");
  }

  /** {@code CLIENT ID|GETNAME|SETNAME name|SETINFO attribute value}. */
  public RespValue client(Session session, List<String> args) {
    // TODO: the subcommand (unknown first), its argument count, then ID, GETNAME, SETNAME, SETINFO
    throw new UnsupportedOperationException("TODO: CLIENT");
  }
}
