package dev.prep.runner.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Notices saves of the current exercise's files. File events wake it at once where the platform
 * delivers them; a check every {@value #POLL_MS} ms catches saves where they never arrive (network
 * drives, some containers, WSL). Editors that save in bursts are debounced.
 */
final class FileChanges implements AutoCloseable {
  static final long POLL_MS = 250;
  static final long DEBOUNCE_MS = 60;

  private final WatchService events;
  private volatile List<Path> files = List.of();
  private Map<Path, String> seen = Map.of();

  FileChanges(boolean pollOnly) {
    WatchService ws = null;
    if (!pollOnly) {
      try {
        ws = FileSystems.getDefault().newWatchService();
      } catch (IOException | UnsupportedOperationException e) {
        ws = null;
      }
    }
    this.events = ws;
  }

  /** Starts following these files (the current exercise's). */
  synchronized void follow(List<Path> newFiles) {
    files = List.copyOf(newFiles);
    seen = snapshot();
    if (events != null) {
      for (Path f : files) {
        try {
          f.toAbsolutePath()
              .getParent()
              .register(
                  events,
                  StandardWatchEventKinds.ENTRY_MODIFY,
                  StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
          // polling still covers this folder
        }
      }
    }
  }

  /** Blocks until one of the files changed and stayed quiet for a moment. */
  void awaitChange() throws InterruptedException {
    while (true) {
      waitForEventOrTimeout();
      if (changed()) {
        do {
          Thread.sleep(DEBOUNCE_MS);
        } while (changed());
        return;
      }
    }
  }

  private void waitForEventOrTimeout() throws InterruptedException {
    if (events == null) {
      Thread.sleep(POLL_MS);
      return;
    }
    try {
      var key = events.poll(POLL_MS, TimeUnit.MILLISECONDS);
      if (key != null) {
        key.pollEvents();
        key.reset();
      }
    } catch (ClosedWatchServiceException e) {
      Thread.sleep(POLL_MS);
    }
  }

  private synchronized boolean changed() {
    Map<Path, String> now = snapshot();
    boolean changed = !Objects.equals(now, seen);
    seen = now;
    return changed;
  }

  private Map<Path, String> snapshot() {
    Map<Path, String> state = new HashMap<>();
    for (Path f : files) {
      try {
        FileTime t = Files.getLastModifiedTime(f);
        state.put(f, t.toMillis() + ":" + Files.size(f));
      } catch (IOException e) {
        state.put(f, "missing");
      }
    }
    return state;
  }

  @Override
  public void close() {
    if (events != null) {
      try {
        events.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }
}
