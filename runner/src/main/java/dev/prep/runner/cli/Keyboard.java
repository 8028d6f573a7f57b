package dev.prep.runner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Single keys without Enter for {@code prep watch}: the terminal is put into non-canonical mode
 * with {@code stty} and restored on close (and on Ctrl-C). Without a terminal (a pipe, an IDE
 * console) keys are read line by line: type the letter and Enter.
 */
final class Keyboard implements AutoCloseable {
  private static final Path TTY = Path.of("/dev/tty");
  private final String saved;
  private final Thread restoreOnExit;

  private Keyboard(String saved) {
    this.saved = saved;
    this.restoreOnExit = new Thread(this::restore, "restore-terminal");
    if (saved != null) {
      Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }
  }

  static Keyboard open() {
    if (System.console() == null || !Files.isReadable(TTY)) {
      return new Keyboard(null);
    }
    String saved = stty("-g");
    if (saved == null || stty("-icanon", "-echo", "min", "1") == null) {
      return new Keyboard(null);
    }
    return new Keyboard(saved.strip());
  }

  boolean singleKeys() {
    return saved != null;
  }

  /** Blocks for the next key; -1 at end of input. */
  int read(InputStream in) throws IOException {
    int c = in.read();
    if (saved == null) {
      while (c == '\n' || c == '\r') {
        c = in.read();
      }
      int rest = c;
      while (rest != -1 && rest != '\n') {
        rest = in.read();
      }
    }
    return c;
  }

  @Override
  public void close() {
    if (saved != null) {
      restore();
      try {
        Runtime.getRuntime().removeShutdownHook(restoreOnExit);
      } catch (IllegalStateException alreadyExiting) {
        // the hook restores the terminal itself
      }
    }
  }

  private void restore() {
    stty(saved);
  }

  private static String stty(String... args) {
    try {
      var command = new java.util.ArrayList<>(List.of("stty"));
      command.addAll(List.of(args));
      Process p =
          new ProcessBuilder(command)
              .redirectInput(TTY.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
