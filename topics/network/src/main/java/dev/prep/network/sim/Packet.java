package dev.prep.network.sim;

import java.util.Objects;

/**
 * One packet on a {@link Link}: immutable. The simulator gives it an {@link #id()} when an endpoint
 * sends it (a duplicate made by the link keeps its original's id), so a trace can follow one copy.
 *
 * <p>The fields mean what the protocol makes them mean: an ARQ sender numbers packets ({@code seq}
 * 0, 1, 2, ...), a TCP sender numbers bytes. {@code ack} is the acknowledgement number, {@code
 * window} the receive window the sender of this packet advertises (flow control), {@code length}
 * the payload bytes (what the link's bandwidth serializes, plus {@link #HEADER_BYTES}), {@code
 * payload} an optional label the application checks (never null).
 *
 * @param id unique per send, -1 until sent
 * @param kind DATA or ACK
 * @param seq sequence number (of the first byte, or of the packet)
 * @param ack acknowledgement number (ACK packets), -1 when absent
 * @param window advertised receive window, -1 when absent
 * @param length payload bytes, at least 0
 * @param payload application label, "" when absent
 */
public record Packet(
    long id, Kind kind, long seq, long ack, long window, int length, String payload) {

  /** Header bytes every packet carries on the wire (IPv4 + TCP without options: 20 + 20). */
  public static final int HEADER_BYTES = 40;

  /** What a packet carries. */
  public enum Kind {
    /** Carries data: {@code seq}, {@code length}, {@code payload}. */
    DATA,
    /** Acknowledges: {@code ack} (and {@code seq} for a selective ACK), {@code window}. */
    ACK
  }

  /** Checks the fields. */
  public Packet {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload (use \"\")");
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
  }

  /** A data packet with sequence number {@code seq} and {@code length} payload bytes. */
  public static Packet data(long seq, int length) {
    return new Packet(-1, Kind.DATA, seq, -1, -1, length, "");
  }

  /** A data packet with an application label (checked by receivers and graders). */
  public static Packet data(long seq, int length, String payload) {
    return new Packet(-1, Kind.DATA, seq, -1, -1, length, payload);
  }

  /** An acknowledgement carrying {@code ack} (no payload, no window). */
  public static Packet ack(long ack) {
    return new Packet(-1, Kind.ACK, -1, ack, -1, 0, "");
  }

  /** An acknowledgement carrying {@code ack} and an advertised receive window. */
  public static Packet ack(long ack, long window) {
    return new Packet(-1, Kind.ACK, -1, ack, window, 0, "");
  }

  /** This packet with another id (the simulator stamps ids on send). */
  public Packet withId(long newId) {
    return new Packet(newId, kind, seq, ack, window, length, payload);
  }

  /** This packet with another advertised window. */
  public Packet withWindow(long newWindow) {
    return new Packet(id, kind, seq, ack, newWindow, length, payload);
  }

  /** This packet with another sequence number. */
  public Packet withSeq(long newSeq) {
    return new Packet(id, kind, newSeq, ack, window, length, payload);
  }

  /** True for DATA packets. */
  public boolean isData() {
    return kind == Kind.DATA;
  }

  /** True for ACK packets. */
  public boolean isAck() {
    return kind == Kind.ACK;
  }

  /** Bytes on the wire: header plus payload. */
  public int wireBytes() {
    return HEADER_BYTES + length;
  }

  /** Compact form for traces: {@code DATA seq=3}, {@code ACK ack=4 wnd=8}. */
  public String brief() {
    var b = new StringBuilder(kind.name());
    if (seq >= 0) {
      b.append(" seq=").append(seq);
    }
    if (ack >= 0) {
      b.append(" ack=").append(ack);
    }
    if (window >= 0) {
      b.append(" wnd=").append(window);
    }
    return b.toString();
  }
}
