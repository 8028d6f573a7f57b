package dev.prep.redis;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Client;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    // HELLO alone is valid (it reports the connection), so its arity is -1
    table.add("auth", -2, this::auth).add("hello", -1, this::hello).add("client", -2, this::client);
  }

  /** {@code AUTH [username] password}. */
  public RespValue auth(Session session, List<String> args) {
    if (args.size() > 3) return Replies.SYNTAX;
    if (args.size() == 2) {
      // the old one-argument form is a mistake when there is no password to give
      if (session.config().requirepass() == null) return AUTH_WITHOUT_PASSWORD;
      return authenticate(session, "default", args.get(1));
    }
    return authenticate(session, args.get(1), args.get(2));
  }

  /** Null if the credentials are right (the client is now authenticated), else the error. */
  private static RespValue authenticate(Session session, String user, String password) {
    String required = session.config().requirepass();
    boolean ok =
        user.equals("default")
            && (required == null
                // compare in constant time, so the reply's timing says nothing about the password
                || MessageDigest.isEqual(latin1(password), latin1(required)));
    if (!ok) return WRONGPASS;
    session.client().authenticated(true);
    return RespValue.OK;
  }

  /** {@code HELLO [protover [AUTH username password] [SETNAME name]]}. */
  public RespValue hello(Session session, List<String> args) {
    Client client = session.client();
    int protocol = 0;
    int next = 1;
    if (args.size() >= 2) {
      Long version = parseLong(args.get(next++));
      if (version == null) return BAD_PROTOVER;
      if (version < 2 || version > 3) return NOPROTO;
      protocol = version.intValue();
    }
    // options act in the order given, as in Redis 7.0: an error stops at once, after what came
    // before it took effect
    for (int j = next; j < args.size(); j++) {
      int more = args.size() - 1 - j;
      String option = args.get(j);
      if (option.equalsIgnoreCase("AUTH") && more >= 2) {
        RespValue result = authenticate(session, args.get(j + 1), args.get(j + 2));
        if (result != RespValue.OK) return result;
        j += 2;
      } else if (option.equalsIgnoreCase("SETNAME") && more >= 1) {
        if (!validName(args.get(j + 1))) return BAD_NAME;
        client.name(args.get(++j));
      } else {
        return RespValue.error("ERR Syntax error in HELLO option '" + option + "'");
      }
    }
    if (session.config().requirepass() != null && !client.authenticated()) return HELLO_NOAUTH;
    // switch before replying: the map itself already goes out in the new protocol
    if (protocol != 0) client.protocol(protocol);
    Map<RespValue, RespValue> map = new LinkedHashMap<>();
    map.put(RespValue.bulk("server"), RespValue.bulk(SERVER_NAME));
    map.put(RespValue.bulk("version"), RespValue.bulk(VERSION));
    map.put(RespValue.bulk("proto"), RespValue.integer(client.protocol()));
    map.put(RespValue.bulk("id"), RespValue.integer(client.id()));
    map.put(RespValue.bulk("mode"), RespValue.bulk("standalone"));
    map.put(RespValue.bulk("role"), RespValue.bulk("master"));
    map.put(RespValue.bulk("modules"), RespValue.array());
    return new RespValue.MapReply(map);
  }

  /** {@code CLIENT ID|GETNAME|SETNAME name|SETINFO attribute value}. */
  public RespValue client(Session session, List<String> args) {
    Client client = session.client();
    String sub = args.get(1).toLowerCase(Locale.ROOT);
    int arity =
        switch (sub) {
          case "id", "getname" -> 2;
          case "setname" -> 3;
          case "setinfo" -> 4;
          default -> -1;
        };
    // an unknown subcommand is reported before any argument count
    if (arity < 0) return Replies.unknownSubcommand("client", args.get(1));
    if (args.size() != arity) return Replies.wrongArity("client|" + sub);
    return switch (sub) {
      case "id" -> RespValue.integer(client.id());
      case "getname" -> client.name().isEmpty() ? RespValue.NULL : RespValue.bulk(client.name());
      case "setname" -> {
        if (!validName(args.get(2))) yield BAD_NAME;
        client.name(args.get(2));
        yield RespValue.OK;
      }
      default -> setInfo(client, args.get(2), args.get(3));
    };
  }

  private static RespValue setInfo(Client client, String attribute, String value) {
    boolean libName = attribute.equalsIgnoreCase("lib-name");
    if (!libName && !attribute.equalsIgnoreCase("lib-ver")) {
      return RespValue.error("ERR Unrecognized option '" + attribute + "'");
    }
    if (!validName(value)) {
      return RespValue.error(
          "ERR " + attribute + " cannot contain spaces, newlines or special characters.");
    }
    if (libName) client.libName(value);
    else client.libVersion(value);
    return RespValue.OK;
  }

  /** Redis's {@code validateClientName}: only '!' (33) to '~' (126), so CLIENT LIST stays parsable. */
  private static boolean validName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '!' || c > '~') return false;
    }
    return true;
  }

  /** Redis's {@code string2ll}: "-"? then "0" or 1-9 and digits; no '+', spaces or leading zeros. */
  private static Long parseLong(String s) {
    if (s.isEmpty() || s.length() > 20) return null;
    if (s.equals("0")) return 0L;
    int digits = s.charAt(0) == '-' ? 1 : 0;
    if (digits == s.length() || s.charAt(digits) < '1' || s.charAt(digits) > '9') return null;
    for (int i = digits; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException overflow) {
      return null;
    }
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
