package dev.prep.redis.grading;

import dev.prep.redis.server.ReferenceServer;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where the learner's code threw. When a command the learner wrote throws inside the reference
 * server, the client only sees {@code -ERR internal error: <exception>}; the server keeps the
 * throwable ({@link ReferenceServer#firstCommandFailure()}), and this finds the learner's frame in
 * it, so a failure message can point at the line to fix.
 */
public final class LearnerTrace {
  /** The learner's classes: top-level classes (and their nested ones) of {@code dev.prep.redis}. */
  private static final Pattern LEARNER_CLASS =
      Pattern.compile("dev\\.prep\\.redis\\.[^.$]+(\\$.*)?");

  private LearnerTrace() {}

  /**
   * {@code "; your code threw it at StringCommands.incr(StringCommands.java:88)"} when {@code
   * reply} (as {@link dev.prep.redis.resp.RespValue.Printable} shows it) is the server's internal
   * error for the throwable it kept, else {@code ""}. The server keeps its first throwable only, so
   * a later, different one gets no location.
   */
  public static String forReply(ReferenceServer server, String reply) {
    Throwable t = server.firstCommandFailure();
    if (t == null
        || !reply.startsWith("-ERR internal error: " + t.getClass().getName())
        || (t.getMessage() != null && !reply.contains(t.getMessage()))) {
      return "";
    }
    return Arrays.stream(t.getStackTrace())
        .filter(f -> LEARNER_CLASS.matcher(f.getClassName()).matches())
        .findFirst()
        .map(f -> "; your code threw it at " + f)
        .orElse("");
  }
}
