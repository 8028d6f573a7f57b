package dev.prep.runner.grade;

import java.io.PrintStream;

/**
 * The worker's end of the protocol: the original stdout, written one whole line at a time by the
 * grading thread, the watchdog and the exit hook alike.
 */
final class Channel {
  private final PrintStream out;

  Channel(PrintStream out) {
    this.out = out;
  }

  synchronized void send(WorkerMessage message) {
    out.println(WireFormat.encode(message));
    out.flush();
  }
}
