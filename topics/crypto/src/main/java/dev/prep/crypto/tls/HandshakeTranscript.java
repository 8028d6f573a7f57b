package dev.prep.crypto.tls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * What crossed the wire in one handshake, flight by flight: each flight is what one side sent
 * before it waited for the other; each record has its content type and size; each handshake message
 * its name, size and the fields worth reading, and where that knowledge came from.
 *
 * @param protocol the version both engines were limited to, e.g. {@code "TLSv1.3"}
 * @param flights the flights in the order they were sent
 * @param outcome what the handshake ended in
 * @param wall wall time from the first wrap to the last unwrap
 */
public record HandshakeTranscript(
    String protocol, List<Flight> flights, Outcome outcome, Duration wall) {

  public HandshakeTranscript {
    flights = List.copyOf(flights);
  }

  /** Who sent a flight. */
  public enum Side {
    CLIENT,
    SERVER;

    public Side peer() {
      return this == CLIENT ? SERVER : CLIENT;
    }

    String arrow() {
      return this == CLIENT ? "client → server" : "server → client";
    }
  }

  /** How we know a message's name and size. */
  public enum Source {
    /** parsed from the plaintext bytes on the wire */
    WIRE,
    /** parsed from the decrypted bytes the JDK wrote to its log ({@link JdkTlsLog}) */
    JDK_LOG,
    /** not observed: what RFC 8446 §2 says such a record carries */
    RFC
  }

  /** A handshake message (or an alert inside an encrypted record). */
  public record Message(
      String name, int length, SequencedMap<String, String> fields, Source source) {}

  /** One TLS record; {@code messages} is empty when its content could not be seen. */
  public record WireRecord(
      String type, int wireLength, boolean encrypted, List<Message> messages, String note) {

    public WireRecord {
      messages = List.copyOf(messages);
    }
  }

  /** The records one side sent in a row. */
  public record Flight(Side from, List<WireRecord> records) {

    public Flight {
      records = List.copyOf(records);
    }

    public int bytes() {
      return records.stream().mapToInt(WireRecord::wireLength).sum();
    }
  }

  /** How the handshake ended. */
  public sealed interface Outcome {}

  /**
   * Both sides finished. {@code roundTrips} counts the flights the client waited for before it
   * could send application data; group and scheme say "not observed" when the bytes were hidden.
   */
  public record Established(
      String protocol,
      String cipherSuite,
      String namedGroup,
      String signatureScheme,
      int roundTrips)
      implements Outcome {}

  /**
   * One side refused: {@code noticedBy} threw {@code exception} with {@code reason} (the deepest
   * cause's message), and its peer reported receiving {@code alert}.
   */
  public record Failed(Side noticedBy, String exception, String reason, String alert)
      implements Outcome {}

  /** All handshake messages in order, with who sent them: "client ClientHello", ... */
  public List<String> messageNames() {
    List<String> names = new ArrayList<>();
    for (Flight flight : flights) {
      for (WireRecord record : flight.records()) {
        for (Message message : record.messages()) {
          names.add(flight.from().name().toLowerCase() + " " + message.name());
        }
      }
    }
    return names;
  }

  /** Whether every encrypted record's content was observed (not labelled from the RFC). */
  public boolean encryptedContentObserved() {
    return flights.stream()
        .flatMap(f -> f.records().stream())
        .filter(WireRecord::encrypted)
        .allMatch(r -> r.messages().stream().allMatch(m -> m.source() == Source.JDK_LOG));
  }

  /** The transcript as short terminal lines. */
  public List<String> render() {
    List<String> lines = new ArrayList<>();
    int number = 0;
    for (Flight flight : flights) {
      number++;
      lines.add(
          "flight %d  %s   %d record%s, %d B"
              .formatted(
                  number,
                  flight.from().arrow(),
                  flight.records().size(),
                  flight.records().size() == 1 ? "" : "s",
                  flight.bytes()));
      for (WireRecord record : flight.records()) {
        renderRecord(record, lines);
      }
    }
    return lines;
  }

  private static final int WIDTH = 100;

  private static void renderRecord(WireRecord record, List<String> lines) {
    String head = "  %-18s %5d B".formatted(record.type(), record.wireLength());
    lines.add(record.note().isEmpty() ? head : head + "  " + record.note());
    for (Message message : record.messages()) {
      String size = message.source() == Source.RFC ? "   ? B" : "%4d B".formatted(message.length());
      String line = "    %-20s %s".formatted(message.name(), size);
      String fields =
          message.fields().entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining("; "));
      if (line.length() + 2 + fields.length() <= WIDTH) {
        lines.add((line + "  " + fields).stripTrailing());
        continue;
      }
      lines.add(line);
      message.fields().forEach((key, value) -> wrap("      " + key + ": ", value, lines));
    }
  }

  private static final int MAX_ITEMS = 6;

  /**
   * {@code prefix + value}, broken after commas so that no line passes {@link #WIDTH}; a list of
   * more than {@link #MAX_ITEMS} items is cut there and says how many it left out.
   */
  private static void wrap(String prefix, String value, List<String> lines) {
    StringBuilder line = new StringBuilder(prefix);
    String indent = " ".repeat(prefix.length());
    String[] all = value.split(", ");
    String[] items = all;
    if (all.length > MAX_ITEMS) {
      items = Arrays.copyOf(all, MAX_ITEMS + 1);
      items[MAX_ITEMS] = "… " + (all.length - MAX_ITEMS) + " more";
    }
    for (int i = 0; i < items.length; i++) {
      String item = items[i] + (i < items.length - 1 ? "," : "");
      if (line.length() > indent.length() && line.length() + 1 + item.length() > WIDTH) {
        lines.add(line.toString().stripTrailing());
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length() && !line.toString().endsWith(": ")) {
        line.append(' ');
      }
      line.append(item);
    }
    lines.add(line.toString());
  }
}
