package dev.prep.redis.server;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One client connection of the {@link ReferenceServer}: the socket, what a command sees of it (the
 * {@link Client} and its {@link Session}), the request decoder, and the replies not yet written.
 * Only the event-loop thread touches it.
 */
final class Connection {

  /** Commands whose CLIENT LIST {@code cmd=} shows the subcommand too ({@code client|list}). */
  private static final Set<String> CONTAINERS =
      Set.of("client", "config", "command", "object", "memory", "acl", "script", "function");

  final SocketChannel channel;
  final Client client;
  final Session session;
  final RequestDecoder decoder;
  final String localAddress;
  final int fd;
  SelectionKey key;
  Output out = new Output();
  int interest = SelectionKey.OP_READ;
  boolean closing; // send what is pending, then close: QUIT, a protocol error
  boolean closed;
  long lastInteraction;
  String lastCommand = "NULL";
  int queued = -1; // commands queued since MULTI, -1 outside one (CLIENT LIST's multi=)

  Connection(
      SocketChannel channel,
      Client client,
      Session session,
      RequestDecoder decoder,
      String localAddress,
      int fd) {
    this.channel = channel;
    this.client = client;
    this.session = session;
    this.decoder = decoder;
    this.localAddress = localAddress;
    this.fd = fd;
    this.lastInteraction = client.createdMillis();
  }

  /** Notes the command about to run: CLIENT LIST shows it ({@code get}, {@code client|list}). */
  void running(List<String> request) {
    String name = request.get(0).toLowerCase(Locale.ROOT);
    lastCommand =
        CONTAINERS.contains(name) && request.size() > 1
            ? name + "|" + request.get(1).toLowerCase(Locale.ROOT)
            : name;
  }

  /** Counts the commands MULTI queued, for CLIENT LIST's {@code multi=}. */
  void ran(boolean queuedInMulti) {
    if (!session.inMulti()) queued = -1;
    else if (queuedInMulti) queued++;
    else if (queued < 0) queued = 0;
  }

  /**
   * One line of CLIENT LIST, with the fields Redis 7.2 prints in its order (redis.io, CLIENT LIST).
   * Fields a Java server has no equivalent for hold Redis's idle values; {@code fd} is a stand-in
   * numbered the way a kernel hands out descriptors, and memory figures are estimates.
   */
  String describe(long nowMillis) {
    long qbuf = decoder.buffered();
    return "id="
        + client.id()
        + " addr="
        + client.address()
        + " laddr="
        + localAddress
        + " fd="
        + fd
        + " name="
        + client.name()
        + " age="
        + Math.max(0, (nowMillis - client.createdMillis()) / 1000)
        + " idle="
        + Math.max(0, (nowMillis - lastInteraction) / 1000)
        + " flags="
        + (session.inMulti() ? "x" : "N")
        + " db=0 sub=0 psub=0 ssub=0 multi="
        + queued
        + " qbuf="
        + qbuf
        + " qbuf-free=0 argv-mem=0 multi-mem=0 rbs=16384 rbp=0 obl=0 oll=0 omem="
        + out.size()
        + " tot-mem="
        + (1024 + qbuf + out.size())
        + " events="
        + ((interest & SelectionKey.OP_WRITE) != 0 ? "w" : "r")
        + " cmd="
        + lastCommand
        + " user=default redir=-1 resp="
        + client.protocol()
        + " lib-name="
        + client.libName()
        + " lib-ver="
        + client.libVersion();
  }

  /** {@code 127.0.0.1:6379}, or {@code [::1]:6379} as Redis writes IPv6 addresses. */
  static String format(SocketAddress address) {
    if (!(address instanceof InetSocketAddress a)) return String.valueOf(address);
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /**
   * Replies not yet written, encoded in place ({@link dev.prep.redis.resp.RespWriter} writes into
   * it) and written from the same array, so a reply is copied once, into the kernel.
   */
  static final class Output extends ByteArrayOutputStream {
    Output() {
      super(4096);
    }

    /** The pending bytes as a buffer over this array: valid until the next write. */
    ByteBuffer pending() {
      return ByteBuffer.wrap(buf, 0, count);
    }

    /** Drops the first {@code n} bytes: the socket took them. */
    void written(int n) {
      if (n == count) {
        count = 0;
      } else if (n > 0) {
        System.arraycopy(buf, n, buf, 0, count - n);
        count -= n;
      }
    }

    /** Cuts back to {@code size}: drops a reply whose encoding failed halfway. */
    void truncate(int size) {
      count = Math.min(count, size);
    }

    /** A buffer that once held a big reply and is now empty is worth giving back. */
    boolean oversized() {
      return count == 0 && buf.length > 1 << 20;
    }
  }
}
