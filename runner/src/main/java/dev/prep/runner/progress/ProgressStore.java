package dev.prep.runner.progress;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads and writes {@code .prep/state.json}. Writes are atomic (a temp file beside it, then a
 * rename), so a crash never leaves half a file. A file that cannot be read is moved aside, never
 * silently replaced, and the caller is told where it went.
 */
public final class ProgressStore {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Clock clock;

  public ProgressStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  /** The stored progress, plus a notice when a corrupt file had to be set aside. */
  public record Loaded(Progress progress, Optional<String> notice) {}

  public Loaded load() {
    if (!Files.exists(file)) {
      return new Loaded(Progress.empty(), Optional.empty());
    }
    try {
      Progress p = JSON.readValue(file.toFile(), Progress.class);
      if (p.version() > Progress.VERSION) {
        return setAside("was written by a newer prep (version " + p.version() + ")");
      }
      return new Loaded(p, Optional.empty());
    } catch (JacksonException e) {
      var loc = e.getLocation();
      return setAside(
          "is not valid"
              + (loc == null
                  ? ""
                  : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private Loaded setAside(String why) {
    Path aside =
        file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " aside", e);
    }
    return new Loaded(
        Progress.empty(),
        Optional.of(
            file
                + " "
                + why
                + "; it was moved to "
                + aside.getFileName()
                + " and progress starts fresh (copy entries back from it if you need them)."));
  }

  public void save(Progress progress) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "state", ".tmp");
      try {
        JSON.writeValue(tmp.toFile(), progress);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
