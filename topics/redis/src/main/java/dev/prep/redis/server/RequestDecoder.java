package dev.prep.redis.server;

import dev.prep.redis.resp.RespProtocolException;
import java.util.List;

/**
 * Turns the bytes one client sends into requests, the way Redis's {@code processInputBuffer} does
 * (redis/redis {@code src/networking.c}): multibulk requests ({@code
 * *2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n}) and inline ones ({@code ECHO hi\r\n}), in any chunks the
 * network delivers. One decoder per connection; the event loop feeds it what each read returned and
 * takes requests until it returns null.
 */
public interface RequestDecoder {

  /** Appends bytes received from the client. */
  void feed(byte[] bytes, int offset, int length);

  /**
   * The next complete request, name first, as Latin-1 strings; null if more bytes are needed. Empty
   * requests (a blank line, {@code *0}) are skipped, never returned.
   *
   * @throws RespProtocolException malformed input, with Redis's message; the server sends it and
   *     closes the connection
   */
  List<String> next();

  /** Bytes received and not yet returned as requests: what the query buffer limit applies to. */
  long buffered();
}
