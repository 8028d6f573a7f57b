package dev.prep.redis.resp;

/**
 * Malformed input on the wire. The message is the error as Redis sends it, without the leading
 * {@code -}: for example {@code "ERR Protocol error: invalid bulk length"} (redis/redis {@code
 * src/networking.c}). Redis replies with it and then closes the connection.
 */
public final class RespProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RespProtocolException(String message) {
    super(message, null, false, false);
  }
}
