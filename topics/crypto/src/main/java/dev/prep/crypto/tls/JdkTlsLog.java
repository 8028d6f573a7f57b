package dev.prep.crypto.tls;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens to the JDK's own TLS log to see inside encrypted records. Everything after ServerHello is
 * encrypted, and the JDK exposes no traffic secrets, so a program cannot decrypt those records
 * itself; but the JDK logs each record's content right after decrypting it ("Plaintext after
 * DECRYPTION", a hex dump) when the JVM starts with {@code -Djavax.net.debug=} (the EMPTY value).
 * Then, per the JDK 25 source of {@code sun.security.ssl.SSLLogger}, the log goes to {@code
 * System.getLogger("javax.net.ssl")}, which the JDK's default logger finder backs with the
 * java.util.logging logger of that name: a handler on it receives those records. Any other value of
 * the property prints the log to stderr instead, and without the property there is no log.
 *
 * <p>{@code SSLLogger} reads the property once, when the first TLS class that logs is loaded, so
 * setting it later in a running JVM has no effect. {@link Capture#decrypted()} is then empty, and
 * the transcript says the names come from RFC 8446 rather than from the bytes.
 */
final class JdkTlsLog {

  /** The property that, set to the empty string at JVM start, routes the log here. */
  static final String PROPERTY = "javax.net.debug";

  // a strong reference: java.util.logging keeps loggers weakly, and our settings live on this one
  private static final Logger LOGGER = Logger.getLogger("javax.net.ssl");
  private static final Handler HANDLER =
      new Handler() {
        @Override
        public void publish(LogRecord entry) {
          Capture capture = current;
          if (capture != null) {
            capture.accept(entry);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private static volatile Capture current;

  static {
    LOGGER.setUseParentHandlers(false); // never echo the JDK's log to the console
    LOGGER.setLevel(Level.OFF); // and do not even format it while nobody listens
    LOGGER.addHandler(HANDLER);
  }

  private JdkTlsLog() {}

  /**
   * Makes sure the JDK's log, if this JVM routes it here, is neither printed nor formatted while
   * nobody captures it (its INFO and WARNING lines would otherwise reach the console).
   */
  static void silence() {
    // loading this class is the work: the static initializer configures the logger
  }

  /** Starts listening; close the capture to stop. One capture at a time. */
  static Capture start() {
    Capture capture = new Capture();
    current = capture;
    LOGGER.setLevel(Level.FINE); // SSLLogger.fine maps to System.Logger DEBUG, JUL FINE
    return capture;
  }

  /** What the JDK logged while a capture was open. */
  static final class Capture implements AutoCloseable {
    private final List<byte[]> decrypted = new ArrayList<>();
    private final List<String> fatal = new ArrayList<>();
    private int entries;

    private synchronized void accept(LogRecord entry) {
      entries++;
      String message = entry.getMessage();
      Object[] parameters = entry.getParameters();
      if ("Plaintext after DECRYPTION".equals(message)
          && parameters != null
          && parameters.length == 1) {
        decrypted.add(parseHexDump(String.valueOf(parameters[0])));
      } else if (message != null && message.startsWith("Fatal (")) {
        fatal.add(message);
      }
    }

    /** Decrypted record contents, oldest first, removed as they are returned. */
    synchronized List<byte[]> drainDecrypted() {
      List<byte[]> out = List.copyOf(decrypted);
      decrypted.clear();
      return out;
    }

    /** The JDK's "Fatal (ALERT): reason" lines: the alert an engine decided to send. */
    synchronized List<String> fatal() {
      return List.copyOf(fatal);
    }

    /** Whether the JDK logged anything at all: false means its log is off in this JVM. */
    synchronized boolean heardAnything() {
      return entries > 0;
    }

    @Override
    public void close() {
      LOGGER.setLevel(Level.OFF);
      current = null;
    }
  }

  /**
   * Bytes back from the JDK's {@code HexDumpEncoder} layout: {@code "0010: 0F 21 ... 5E .!K."}, an
   * offset, 16 bytes as hex in two groups of 8 (50 columns), then the same bytes as ASCII.
   */
  static byte[] parseHexDump(String dump) {
    StringBuilder hex = new StringBuilder();
    for (String line : dump.lines().map(String::strip).toList()) {
      if (line.length() > 6 && line.charAt(4) == ':' && line.charAt(5) == ' ') {
        String columns = line.substring(6, Math.min(line.length(), 56));
        hex.append(columns.replace(" ", ""));
      }
    }
    return HexFormat.of().parseHex(hex);
  }
}
