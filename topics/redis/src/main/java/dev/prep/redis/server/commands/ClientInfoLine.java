package dev.prep.redis.server.commands;

import dev.prep.redis.server.Client;

/**
 * One line of CLIENT LIST and CLIENT INFO, in the {@code key=value} form of redis/redis {@code
 * src/networking.c} {@code catClientInfoString}, with the fields this server knows: {@code id addr
 * name age idle flags db multi user lib-name lib-ver resp}. Redis prints more (file descriptor,
 * buffer sizes, the last command); clients that parse the line read it by key.
 */
public final class ClientInfoLine {
  private ClientInfoLine() {}

  /**
   * The line, ending in {@code \n}.
   *
   * @param nowMillis now on the server's clock, for {@code age}
   * @param queued commands queued in MULTI, or -1 outside a transaction (Redis's {@code multi=})
   */
  public static String format(Client client, long nowMillis, int queued) {
    long age = Math.max(0, nowMillis - client.createdMillis()) / 1000;
    return "id="
        + client.id()
        + " addr="
        + client.address()
        + " name="
        + client.name()
        + " age="
        + age
        + " idle=0 flags=N db=0 multi="
        + queued
        + " user=default lib-name="
        + client.libName()
        + " lib-ver="
        + client.libVersion()
        + " resp="
        + client.protocol()
        + "\n";
  }
}
