package dev.prep.crypto.tls;

import dev.prep.crypto.tls.HandshakeTranscript.Failed;
import dev.prep.crypto.tls.HandshakeTranscript.Outcome;
import dev.prep.crypto.tls.HandshakeTranscript.Side;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * A TLS handshake between two {@link SSLEngine}s in one JVM: no sockets, each engine's output is
 * the other's input, a {@link ByteBuffer} each way. {@code SSLEngine} does no I/O of its own: it
 * asks its caller to {@code wrap} (produce bytes to send), {@code unwrap} (consume bytes received)
 * or run a delegated task (the expensive key exchange and signature work), and this class obeys,
 * copying every record it carries into a {@link HandshakeTranscript}.
 */
public final class InMemoryHandshake {

  /** Ports for the client's session-cache key: a new one per handshake means no resumption. */
  private static final AtomicInteger PORTS = new AtomicInteger(20_000);

  private static final int MAX_STEPS = 200;

  /** The JDK 25 wording: "(certificate_unknown) Received fatal alert: certificate_unknown". */
  private static final Pattern RECEIVED_ALERT = Pattern.compile("Received fatal alert: (\\w+)");

  private InMemoryHandshake() {}

  /**
   * Runs one full handshake.
   *
   * @param server the server's context ({@link InMemoryPki#serverContext()})
   * @param client the client's context ({@link InMemoryPki#clientContext})
   * @param host the host the client wants: sent as SNI and checked against the certificate ("HTTPS"
   *     endpoint identification, RFC 2818 §3.1 / RFC 6125)
   * @param protocol the only version both engines enable, {@code "TLSv1.3"} or {@code "TLSv1.2"}
   * @param observe whether to read decrypted records from the JDK's log ({@link JdkTlsLog}); it
   *     costs time, so leave it off for timing
   */
  public static HandshakeTranscript run(
      SSLContext server, SSLContext client, String host, String protocol, boolean observe)
      throws SSLException {
    SSLEngine clientEngine = client.createSSLEngine(host, PORTS.incrementAndGet());
    clientEngine.setUseClientMode(true);
    SSLParameters clientParameters = clientEngine.getSSLParameters();
    clientParameters.setProtocols(new String[] {protocol});
    clientParameters.setEndpointIdentificationAlgorithm("HTTPS");
    // the JDK sends no SNI for a host name without a dot ("localhost"): ask for it explicitly
    clientParameters.setServerNames(List.of(new SNIHostName(host)));
    clientEngine.setSSLParameters(clientParameters);

    SSLEngine serverEngine = server.createSSLEngine();
    serverEngine.setUseClientMode(false);
    serverEngine.setEnabledProtocols(new String[] {protocol});

    TranscriptBuilder transcript = new TranscriptBuilder(protocol);
    JdkTlsLog.silence();
    JdkTlsLog.Capture capture = observe ? JdkTlsLog.start() : null;
    try {
      long start = System.nanoTime();
      Outcome outcome = new Run(clientEngine, serverEngine, transcript, capture).drive();
      return transcript.build(outcome, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      if (capture != null) {
        capture.close();
      }
    }
  }

  /** The two engines, the bytes in flight each way, and what has been seen so far. */
  private static final class Run {
    private final Peer client;
    private final Peer server;
    private final TranscriptBuilder transcript;
    private final JdkTlsLog.Capture capture;
    private final ByteBuffer application = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer nothing = ByteBuffer.allocate(0);
    private Peer current; // the side whose engine call is running: the one that threw, if any

    Run(
        SSLEngine clientEngine,
        SSLEngine serverEngine,
        TranscriptBuilder transcript,
        JdkTlsLog.Capture capture) {
      this.client = new Peer(Side.CLIENT, clientEngine);
      this.server = new Peer(Side.SERVER, serverEngine);
      this.transcript = transcript;
      this.capture = capture;
    }

    Outcome drive() throws SSLException {
      client.engine.beginHandshake();
      server.engine.beginHandshake();
      for (int step = 0; step < MAX_STEPS; step++) {
        boolean moved;
        try {
          moved = advance(client, server) | advance(server, client);
        } catch (SSLException e) {
          return fail(e);
        }
        if (client.finished
            && server.finished
            && client.out.position() == 0
            && server.out.position() == 0) {
          return transcript.established(client.engine);
        }
        if (!moved) {
          throw new SSLException("handshake stuck: neither engine can move");
        }
      }
      throw new SSLException("handshake did not finish in " + MAX_STEPS + " steps");
    }

    /** Lets {@code self} do all it can: tasks, wraps, unwraps of what {@code peer} sent. */
    private boolean advance(Peer self, Peer peer) throws SSLException {
      boolean moved = false;
      while (true) {
        current = self;
        HandshakeStatus status = self.engine.getHandshakeStatus();
        switch (status) {
          case NEED_TASK -> {
            Runnable task;
            while ((task = self.engine.getDelegatedTask()) != null) {
              task.run();
            }
          }
          case NEED_WRAP -> {
            int before = self.out.position();
            SSLEngineResult result = self.engine.wrap(nothing, self.out);
            self.noteFinished(result);
            if (result.bytesProduced() == 0) {
              return moved;
            }
            transcript.sent(self.side, self.out, before, self.out.position(), false);
            if (self.side == Side.CLIENT && self.finished) {
              transcript.clientFinished();
            }
          }
          default -> { // NEED_UNWRAP(_AGAIN), or done but a post-handshake message may be waiting
            if (peer.out.position() == 0 && status != HandshakeStatus.NEED_UNWRAP_AGAIN) {
              return moved;
            }
            peer.out.flip();
            SSLEngineResult result;
            try {
              result = self.engine.unwrap(peer.out, application);
            } finally {
              peer.out.compact();
              application.clear();
            }
            self.noteFinished(result);
            if (result.bytesConsumed() == 0) {
              return moved;
            }
            transcript.received(peer.side, result.bytesConsumed(), decrypted());
            if (self.side == Side.CLIENT && self.finished) {
              transcript.clientFinished();
            }
          }
        }
        moved = true;
      }
    }

    private List<byte[]> decrypted() {
      return capture == null ? List.of() : capture.drainDecrypted();
    }

    /** {@code current} threw: let it send its alert, let the peer read it, report both. */
    private Outcome fail(SSLException noticed) {
      Peer self = current;
      Peer peer = self == client ? server : client;
      String exception = noticed.getClass().getSimpleName();
      int before = self.out.position();
      try {
        self.engine.wrap(nothing, self.out);
      } catch (SSLException again) {
        return new Failed(self.side, exception, rootCause(noticed), "none sent");
      }
      int produced = self.out.position() - before;
      if (produced == 0) {
        return new Failed(self.side, exception, rootCause(noticed), "none sent");
      }
      transcript.sent(self.side, self.out, before, self.out.position(), true);
      self.out.flip();
      int unread = self.out.remaining(); // the alert, and whatever was sent before it
      String alert = "none (the peer read it without complaint)";
      try {
        while (self.out.hasRemaining()) {
          if (peer.engine.unwrap(self.out, application).bytesConsumed() == 0) {
            break;
          }
          application.clear();
        }
      } catch (SSLException received) {
        Matcher name = RECEIVED_ALERT.matcher(String.valueOf(received.getMessage()));
        alert = name.find() ? name.group(1) : String.valueOf(received.getMessage());
      }
      transcript.received(self.side, unread, decrypted());
      return new Failed(self.side, exception, rootCause(noticed), alert);
    }
  }

  private static String rootCause(Throwable thrown) {
    Throwable deepest = thrown;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    return String.valueOf(deepest.getMessage());
  }

  /** One side: its engine, the bytes it sent that the peer has not read yet. */
  private static final class Peer {
    final Side side;
    final SSLEngine engine;
    final ByteBuffer out = ByteBuffer.allocate(1 << 17);
    boolean finished;

    Peer(Side side, SSLEngine engine) {
      this.side = side;
      this.engine = engine;
    }

    void noteFinished(SSLEngineResult result) {
      if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
        finished = true;
      }
    }
  }
}
