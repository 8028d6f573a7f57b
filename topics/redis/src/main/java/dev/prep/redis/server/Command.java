package dev.prep.redis.server;

import dev.prep.redis.resp.RespValue;
import java.util.List;

/**
 * One command's code. {@code args.get(0)} is the command name as the client sent it; the rest are
 * its arguments, Latin-1 strings (one char per byte). The {@link CommandTable} has already checked
 * the arity, so a command only checks what its arity cannot say (options, numbers, types).
 */
@FunctionalInterface
public interface Command {
  RespValue execute(Session session, List<String> args);
}
