package dev.prep.redis.demo;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A client socket that counts what its owner does with it: writes (each one a send system call),
 * reads, and round trips. A round trip is a read after a write: the client sent something and now
 * waits for the answer, however many requests that something held. Only the thread that owns the
 * connection touches the counters.
 */
final class CountingSocket extends Socket {
  private long writes;
  private long reads;
  private long roundTrips;
  private boolean sentSinceLastRead;

  long writes() {
    return writes;
  }

  long reads() {
    return reads;
  }

  long roundTrips() {
    return roundTrips;
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return new FilterOutputStream(super.getOutputStream()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writes++;
        sentSinceLastRead = true;
        out.write(b, off, len); // one write, not FilterOutputStream's byte at a time
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }
    };
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return new FilterInputStream(super.getInputStream()) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (sentSinceLastRead) {
          roundTrips++;
          sentSinceLastRead = false;
        }
        reads++;
        return in.read(b, off, len);
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }
    };
  }
}
