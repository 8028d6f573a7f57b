package dev.prep.redis.reference;

import dev.prep.redis.server.Db;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.RespRequestDecoder;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.commands.ReferenceCommands;
import dev.prep.redis.server.commands.SampledEviction;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.List;
import java.util.Locale;

/**
 * {@code prep redis-server}: the reference server in the foreground on 127.0.0.1, for {@code
 * redis-cli}, {@code redis-benchmark} and any client. Options as redis-server spells them:
 *
 * <pre>
 * --port N                  default 6379
 * --requirepass PASSWORD    clients must AUTH first
 * --maxmemory BYTES         e.g. 100mb (Redis's units: k, kb, m, mb, g, gb); default 0, no limit
 * --maxmemory-policy NAME   one of the 8 policies; default noeviction
 * </pre>
 */
public final class RedisServerMain {
  private RedisServerMain() {}

  static final String USAGE =
      "usage: prep redis-server [--port N] [--requirepass PASSWORD]"
          + " [--maxmemory BYTES] [--maxmemory-policy NAME]";

  /** A mistake in the arguments: one line, exit status 2. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message, null, false, false);
    }
  }

  /** What the arguments asked for. */
  record Options(int port, String requirepass, long maxmemory, String policy) {}

  public static void main(String[] args) throws InterruptedException {
    int status = run(List.of(args), System.out, System.err);
    if (status != 0) System.exit(status);
  }

  /**
   * Starts the server and waits until it stops (Ctrl-C). Returns at once, with status 2 and one
   * line on {@code err}, for bad arguments or a port in use; 0 after {@code --help}.
   */
  static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
    Options options;
    try {
      options = parse(args);
    } catch (UsageError e) {
      err.println("redis-server: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options == null) { // --help
      out.println(USAGE);
      return 0;
    }
    ReferenceServer server;
    try {
      server = start(options);
    } catch (BindException e) {
      err.println(
          e.getMessage().contains("in use")
              ? "port "
                  + options.port()
                  + " is in use: pass --port N, or stop the process holding it"
              : "redis-server: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("redis-server: cannot start: " + e.getMessage());
      return 2;
    }
    out.println(banner(options));
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-server-stop"));
    server.join(); // until Ctrl-C, or the loop dies
    if (server.loopFailure() != null) {
      err.println("redis-server: the event loop stopped: " + server.loopFailure());
      return 1;
    }
    return 0;
  }

  static String banner(Options options) {
    return "Prep reference Redis listening on 127.0.0.1:"
        + options.port()
        + " (Ctrl-C to stop); try: redis-cli -p "
        + options.port()
        + (options.requirepass() == null ? "" : " --askpass")
        + " ping";
  }

  static ReferenceServer start(Options options) throws IOException {
    var db = new Db();
    ServerConfig config =
        ReferenceRedis.withActiveExpiry(
            ServerConfig.defaults(RespRequestDecoder::new).withPort(options.port()));
    if (options.requirepass() != null) config = config.withRequirepass(options.requirepass());
    if (options.maxmemory() > 0 || !options.policy().equals("noeviction")) {
      config =
          config.withMaxmemory(
              options.maxmemory(), ReferenceCommands.eviction(options.policy(), 5));
    }
    return ReferenceServer.start(config, ReferenceCommands.all(), db);
  }

  /** The options, or null for {@code --help}. */
  static Options parse(List<String> args) throws UsageError {
    int port = 6379;
    String requirepass = null;
    long maxmemory = 0;
    String policy = "noeviction";
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.equals("--help") || option.equals("-h")) return null;
      if (!List.of("--port", "--requirepass", "--maxmemory", "--maxmemory-policy")
          .contains(option)) {
        throw new UsageError("unknown option '" + option + "'");
      }
      if (i + 1 == args.size()) throw new UsageError(option + " needs a value");
      String value = args.get(++i);
      switch (option) {
        case "--port" -> port = port(value);
        case "--requirepass" -> requirepass = value.isEmpty() ? null : value;
        case "--maxmemory" -> maxmemory = memory(value);
        default -> {
          policy = value.toLowerCase(Locale.ROOT);
          if (!SampledEviction.POLICIES.contains(policy)) {
            throw new UsageError(
                "--maxmemory-policy "
                    + value
                    + ": not one of "
                    + String.join(", ", SampledEviction.POLICIES));
          }
        }
      }
    }
    return new Options(port, requirepass, maxmemory, policy);
  }

  private static int port(String value) throws UsageError {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65_535) return port;
    } catch (NumberFormatException e) { // falls through to the message
    }
    throw new UsageError("--port " + value + ": a port is a number from 1 to 65535");
  }

  /**
   * Bytes from Redis's notation ({@code memtoull} in redis/redis {@code src/util.c}): a number with
   * an optional unit, {@code k} = 1000 and {@code kb} = 1024, likewise {@code m mb g gb}.
   */
  static long memory(String value) throws UsageError {
    String v = value.toLowerCase(Locale.ROOT);
    int digits = 0;
    while (digits < v.length() && Character.isDigit(v.charAt(digits))) digits++;
    long unit =
        switch (v.substring(digits)) {
          case "", "b" -> 1;
          case "k" -> 1000;
          case "kb" -> 1024;
          case "m" -> 1000 * 1000;
          case "mb" -> 1024 * 1024;
          case "g" -> 1000L * 1000 * 1000;
          case "gb" -> 1024L * 1024 * 1024;
          default -> -1;
        };
    try {
      if (digits > 0 && unit > 0) return Math.multiplyExact(Long.parseLong(v, 0, digits, 10), unit);
    } catch (NumberFormatException | ArithmeticException e) { // falls through to the message
    }
    throw new UsageError("--maxmemory " + value + ": bytes, e.g. 100mb, 1gb or 1048576");
  }
}
