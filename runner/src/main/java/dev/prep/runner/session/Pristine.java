package dev.prep.runner.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The committed version of a learner's file: what {@code prep reset} restores and what {@code prep
 * verify --stubs} grades, so the learner's edits never make the build fail. It is the file as
 * committed at git's {@code HEAD}; outside a git checkout it is the file on disk.
 */
public final class Pristine {
  private Pristine() {}

  /**
   * @param path relative to the checkout root
   * @return the committed text, or empty when git is missing or the file is not tracked
   */
  public static Optional<String> committed(Path root, Path path) {
    String spec = "HEAD:" + path.toString().replace('\\', '/');
    try {
      Process git =
          new ProcessBuilder("git", "-C", root.toString(), "show", spec)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] bytes;
      try (InputStream in = git.getInputStream()) {
        bytes = in.readAllBytes();
      }
      if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The committed text if git knows it, else the file on disk. */
  public static String committedOrCurrent(Path root, Path path) throws IOException {
    Optional<String> committed = committed(root, path);
    return committed.isPresent() ? committed.get() : Files.readString(root.resolve(path));
  }
}
