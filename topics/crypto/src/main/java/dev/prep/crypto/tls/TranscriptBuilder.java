package dev.prep.crypto.tls;

import dev.prep.crypto.tls.HandshakeTranscript.Established;
import dev.prep.crypto.tls.HandshakeTranscript.Flight;
import dev.prep.crypto.tls.HandshakeTranscript.Message;
import dev.prep.crypto.tls.HandshakeTranscript.Outcome;
import dev.prep.crypto.tls.HandshakeTranscript.Side;
import dev.prep.crypto.tls.HandshakeTranscript.Source;
import dev.prep.crypto.tls.HandshakeTranscript.WireRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import javax.net.ssl.SSLEngine;

/**
 * Collects a {@link HandshakeTranscript} while {@link InMemoryHandshake} moves bytes: records as
 * they are sent (parsed when plaintext), their decrypted content as the receiver reads them (when
 * the JDK's log is on), and, for content nobody could see, what RFC 8446 §2 says is there.
 */
final class TranscriptBuilder {

  /** A record whose content may still arrive (decrypted, on the receiving side). */
  private static final class Pending {
    final Side from;
    final int contentType;
    final int wireLength;
    final boolean encrypted;
    final boolean alert;
    final List<Message> messages = new ArrayList<>();

    Pending(Side from, int contentType, int wireLength, boolean encrypted, boolean alert) {
      this.from = from;
      this.contentType = contentType;
      this.wireLength = wireLength;
      this.encrypted = encrypted;
      this.alert = alert;
    }
  }

  private final String protocol;
  private final boolean tls13;
  private final List<List<Pending>> flights = new ArrayList<>();
  private final List<Side> flightSides = new ArrayList<>();
  private final Map<Side, Deque<Pending>> unread = new EnumMap<>(Side.class);
  private final Map<Side, Boolean> sentChangeCipherSpec = new EnumMap<>(Side.class);
  private int roundTrips = -1;

  /** What a field reads when the message that carries it was encrypted and not observed. */
  static final String NOT_OBSERVED = "not observed (encrypted)";

  TranscriptBuilder(String protocol) {
    this.protocol = protocol;
    this.tls13 = protocol.equals("TLSv1.3");
    for (Side side : Side.values()) {
      unread.put(side, new ArrayDeque<>());
      sentChangeCipherSpec.put(side, false);
    }
  }

  /** {@code from} wrote bytes {@code [start, end)} of {@code out}; {@code alert}: a fatal one. */
  void sent(Side from, ByteBuffer out, int start, int end, boolean alert) {
    byte[] bytes = Arrays.copyOfRange(out.array(), start, end);
    if (flightSides.isEmpty() || flightSides.getLast() != from) {
      flights.add(new ArrayList<>());
      flightSides.add(from);
    }
    for (TlsWire.TlsRecord record : TlsWire.records(bytes)) {
      // TLS 1.3 hides the real type inside application_data; TLS 1.2 encrypts after its CCS
      boolean encrypted = record.contentType() == 23 || sentChangeCipherSpec.get(from);
      Pending pending =
          new Pending(from, record.contentType(), record.wireLength(), encrypted, alert);
      if (!encrypted) {
        pending.messages.addAll(plaintext(record));
      }
      if (record.contentType() == 20) {
        sentChangeCipherSpec.put(from, true);
      }
      flights.getLast().add(pending);
      unread.get(from).add(pending);
    }
  }

  /** The peer of {@code from} read {@code bytes} of what it sent, decrypting {@code contents}. */
  void received(Side from, int bytes, List<byte[]> contents) {
    List<Pending> read = new ArrayList<>();
    int left = bytes;
    while (left > 0 && !unread.get(from).isEmpty()) {
      Pending next = unread.get(from).poll();
      read.add(next);
      left -= next.wireLength;
    }
    var encrypted = read.stream().filter(p -> p.encrypted).iterator();
    for (byte[] content : contents) {
      if (encrypted.hasNext()) {
        encrypted.next().messages.addAll(decrypted(content));
      }
    }
  }

  /** The client's handshake just finished: the server flights so far are its round trips. */
  void clientFinished() {
    if (roundTrips < 0) {
      roundTrips = (int) flightSides.stream().filter(s -> s == Side.SERVER).count();
    }
  }

  Established established(SSLEngine client) {
    String group =
        field("ServerHello", "key_share")
            .or(() -> field("ServerKeyExchange", "ecdhe_group"))
            .map(share -> share.replaceFirst(" \\(.*", ""))
            .orElse(NOT_OBSERVED);
    String scheme =
        field("CertificateVerify", "signature_scheme")
            .or(() -> field("ServerKeyExchange", "signature_scheme"))
            .orElse(NOT_OBSERVED);
    return new Established(
        client.getSession().getProtocol(),
        client.getSession().getCipherSuite(),
        group,
        scheme,
        roundTrips);
  }

  HandshakeTranscript build(Outcome outcome, Duration wall) {
    List<Flight> built = new ArrayList<>();
    for (int i = 0; i < flights.size(); i++) {
      List<WireRecord> records = new ArrayList<>();
      boolean labelled = false;
      for (Pending p : flights.get(i)) {
        String note = note(p);
        List<Message> messages = p.messages;
        if (p.encrypted && messages.isEmpty() && !p.alert) {
          note = labelled ? "encrypted (continued)" : "encrypted; not observed, RFC 8446 §2 order:";
          messages = labelled ? List.of() : rfcMessages(flightSides.get(i), i);
          labelled = true;
        }
        records.add(
            new WireRecord(
                TlsCodePoints.contentType(p.contentType),
                p.wireLength,
                p.encrypted,
                messages,
                note));
      }
      built.add(new Flight(flightSides.get(i), records));
    }
    return new HandshakeTranscript(protocol, built, outcome, wall);
  }

  private String note(Pending p) {
    if (p.alert) {
      return p.encrypted ? "encrypted alert" : "alert";
    }
    if (p.contentType == 20) {
      return tls13 ? "a dummy for middleboxes (RFC 8446 §D.4)" : "switch to the new keys";
    }
    if (p.encrypted) {
      return "encrypted; content from the JDK's log";
    }
    return "";
  }

  /** What RFC 8446 §2 (Figure 1) says an unobserved encrypted record of this flight holds. */
  private List<Message> rfcMessages(Side from, int flightIndex) {
    boolean firstServerFlight =
        from == Side.SERVER
            && flightSides.subList(0, flightIndex).stream().noneMatch(s -> s == Side.SERVER);
    List<String> names =
        !tls13 || from == Side.CLIENT
            ? List.of("Finished")
            : firstServerFlight
                ? List.of("EncryptedExtensions", "Certificate", "CertificateVerify", "Finished")
                : List.of("NewSessionTicket");
    return names.stream().map(n -> new Message(n, -1, new LinkedHashMap<>(), Source.RFC)).toList();
  }

  private List<Message> plaintext(TlsWire.TlsRecord record) {
    return switch (record.contentType()) {
      case 22 -> messages(record.fragment(), Source.WIRE);
      case 21 -> List.of(alert(record.fragment(), Source.WIRE));
      default -> List.of();
    };
  }

  private List<Message> decrypted(byte[] content) {
    try {
      return messages(content, Source.JDK_LOG);
    } catch (IllegalArgumentException notHandshake) {
      // a 2-byte content that is no handshake message: an alert (RFC 8446 §6)
      return List.of(alert(content, Source.JDK_LOG));
    }
  }

  private List<Message> messages(byte[] content, Source source) {
    return TlsWire.handshakes(content).stream()
        .map(h -> new Message(h.name(), h.length(), TlsWire.fields(h, tls13), source))
        .toList();
  }

  private static Message alert(byte[] content, Source source) {
    SequencedMap<String, String> fields = new LinkedHashMap<>();
    if (content.length == 2) {
      fields.put("level", content[0] == 2 ? "fatal" : "warning");
      fields.put("description", TlsCodePoints.alert(content[1] & 0xff));
    }
    return new Message("Alert", content.length, fields, source);
  }

  private Optional<String> field(String message, String key) {
    return flights.stream()
        .flatMap(List::stream)
        .flatMap(p -> p.messages.stream())
        .filter(m -> m.name().equals(message) && m.fields().containsKey(key))
        .map(m -> m.fields().get(key))
        .findFirst();
  }
}
