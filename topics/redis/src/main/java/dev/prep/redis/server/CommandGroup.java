package dev.prep.redis.server;

/**
 * A set of commands that adds itself to a table: the reference's groups and the learner's stages.
 */
@FunctionalInterface
public interface CommandGroup {
  void register(CommandTable table);
}
