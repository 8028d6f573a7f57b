package dev.prep.redis.server.commands;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Client;
import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Replies;
import dev.prep.redis.server.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a client says before its first real command: AUTH (redis/redis {@code src/acl.c} {@code
 * authCommand}), HELLO ({@code src/networking.c} {@code helloCommand}) and CLIENT ID, GETNAME,
 * SETNAME, SETINFO, INFO, LIST, HELP ({@code clientCommand}).
 *
 * <p>There is one user, {@code default}, whose password is {@link
 * dev.prep.redis.server.ServerConfig#requirepass()}; without one it accepts any password given with
 * its name, and refuses {@code AUTH <password>} alone with Redis's "without any password
 * configured" error. HELLO 3 switches the connection to RESP3 (nulls become {@code _}, maps {@code
 * %}); its reply names this server ({@code server prep}), not Redis. CLIENT SETINFO is Redis 7.2's
 * (7.0 rejects it); Lettuce sends it after HELLO and ignores an error.
 */
final class HandshakeGroup implements CommandGroup {

  private static final RespValue NO_PASSWORD =
      RespValue.error(
          "ERR AUTH <password> called without any password configured for the default user. Are"
              + " you sure your configuration is correct?");
  static final RespValue WRONGPASS =
      RespValue.error("WRONGPASS invalid username-password pair or user is disabled.");
  private static final RespValue NOPROTO = RespValue.error("NOPROTO unsupported protocol version");
  private static final RespValue BAD_PROTO =
      RespValue.error("ERR Protocol version is not an integer or out of range");
  private static final RespValue HELLO_NOAUTH =
      RespValue.error(
          "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
              + " AUTH <user> <pass> option can be used to authenticate the client and select the"
              + " RESP protocol version at the same time");
  private static final RespValue BAD_NAME =
      RespValue.error("ERR Client names cannot contain spaces, newlines or special characters.");

  @Override
  public void register(CommandTable t) {
    t.add("auth", -2, HandshakeGroup::auth)
        .add("hello", -1, HandshakeGroup::hello)
        .add("client", -2, HandshakeGroup::client);
  }

  /** {@code AUTH [username] password}. */
  private static RespValue auth(Session session, List<String> args) {
    if (args.size() > 3) return Replies.SYNTAX;
    String requirepass = session.config().requirepass();
    if (args.size() == 2 && requirepass == null) return NO_PASSWORD;
    String user = args.size() == 3 ? args.get(1) : "default";
    String password = args.get(args.size() - 1);
    return authenticate(session.client(), requirepass, user, password) ? RespValue.OK : WRONGPASS;
  }

  private static boolean authenticate(Client client, String requirepass, String user, String pw) {
    boolean ok = user.equals("default") && (requirepass == null || requirepass.equals(pw));
    if (ok) client.authenticated(true);
    return ok;
  }

  /** {@code HELLO [protover [AUTH username password] [SETNAME clientname]]}. */
  private static RespValue hello(Session session, List<String> args) {
    Client client = session.client();
    int protocol = 0;
    if (args.size() >= 2) {
      Long version = RedisNumbers.parseLong(args.get(1));
      if (version == null) return BAD_PROTO;
      if (version < 2 || version > 3) return NOPROTO;
      protocol = version.intValue();
    }
    String user = null, password = null, name = null;
    for (int j = 2; j < args.size(); j++) {
      int more = args.size() - 1 - j;
      String opt = args.get(j);
      if (opt.equalsIgnoreCase("auth") && more >= 2) {
        user = args.get(j + 1);
        password = args.get(j + 2);
        j += 2;
      } else if (opt.equalsIgnoreCase("setname") && more >= 1) {
        name = args.get(++j);
      } else {
        return RespValue.error("ERR Syntax error in HELLO option '" + opt + "'");
      }
    }
    if (user != null && !authenticate(client, session.config().requirepass(), user, password)) {
      return WRONGPASS;
    }
    if (session.config().requirepass() != null && !client.authenticated()) return HELLO_NOAUTH;
    if (name != null) {
      if (!validName(name)) return BAD_NAME;
      client.name(name);
    }
    if (protocol != 0) client.protocol(protocol);
    Map<RespValue, RespValue> reply = new LinkedHashMap<>();
    reply.put(RespValue.bulk("server"), RespValue.bulk(ReferenceCommands.SERVER_NAME));
    reply.put(RespValue.bulk("version"), RespValue.bulk(ReferenceCommands.VERSION));
    reply.put(RespValue.bulk("proto"), RespValue.integer(client.protocol()));
    reply.put(RespValue.bulk("id"), RespValue.integer(client.id()));
    reply.put(RespValue.bulk("mode"), RespValue.bulk("standalone"));
    reply.put(RespValue.bulk("role"), RespValue.bulk("master"));
    reply.put(RespValue.bulk("modules"), RespValue.array(List.of()));
    return new RespValue.MapReply(reply);
  }

  /** Names and SETINFO values: printable ASCII without spaces ({@code validateClientAttr}). */
  private static boolean validName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '!' || c > '~') return false;
    }
    return true;
  }

  /** CLIENT and its subcommands, each with its own arity as Redis's command table gives it. */
  private static RespValue client(Session session, List<String> args) {
    String sub = args.get(1).toLowerCase(Locale.ROOT);
    Client client = session.client();
    int arity =
        switch (sub) {
          case "id", "getname", "info", "help" -> 2;
          case "setname" -> 3;
          case "setinfo" -> 4;
          case "list" -> -2;
          default -> 0;
        };
    if (arity == 0) return Replies.unknownSubcommand("client", args.get(1));
    if (!CommandTable.arityOk(arity, args.size())) return Replies.wrongArity("client|" + sub);
    return switch (sub) {
      case "id" -> RespValue.integer(client.id());
      case "getname" -> client.name().isEmpty() ? RespValue.NULL : RespValue.bulk(client.name());
      case "setname" -> {
        if (!validName(args.get(2))) yield BAD_NAME;
        client.name(args.get(2));
        yield RespValue.OK;
      }
      case "setinfo" -> setinfo(client, args.get(2), args.get(3));
      case "info" -> RespValue.bulk(ClientInfoLine.format(client, session.db().now(), -1));
      case "list" -> list(session);
      default -> help();
    };
  }

  private static RespValue setinfo(Client client, String attribute, String value) {
    String attr = attribute.toLowerCase(Locale.ROOT);
    if (!attr.equals("lib-name") && !attr.equals("lib-ver")) {
      return RespValue.error("ERR Unrecognized option '" + attribute + "'");
    }
    if (!validName(value)) {
      return RespValue.error(
          "ERR " + attribute + " cannot contain spaces, newlines or special characters.");
    }
    if (attr.equals("lib-name")) client.libName(value);
    else client.libVersion(value);
    return RespValue.OK;
  }

  /** Every connection's line from the server, or this one's when there is no server (tests). */
  private static RespValue list(Session session) {
    List<String> lines = session.info().clientList();
    if (lines.isEmpty()) {
      return RespValue.bulk(ClientInfoLine.format(session.client(), session.db().now(), -1));
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) sb.append(line.endsWith("\n") ? line : line + "\n");
    return RespValue.bulk(sb.toString());
  }

  private static RespValue help() {
    return RespValue.array(
        List.of(
            RespValue.simple("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
            RespValue.simple("GETNAME"),
            RespValue.simple("    Return the name of the current connection."),
            RespValue.simple("ID"),
            RespValue.simple("    Return the ID of the current connection."),
            RespValue.simple("INFO"),
            RespValue.simple("    Return information about the current client connection."),
            RespValue.simple("LIST"),
            RespValue.simple("    Return information about client connections."),
            RespValue.simple("SETINFO <LIB-NAME|LIB-VER> <value>"),
            RespValue.simple("    Set client library name or version."),
            RespValue.simple("SETNAME <name>"),
            RespValue.simple("    Assign the name <name> to the current connection."),
            RespValue.simple("HELP"),
            RespValue.simple("    Print this help.")));
  }
}
