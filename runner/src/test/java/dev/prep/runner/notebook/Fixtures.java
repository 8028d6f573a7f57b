package dev.prep.runner.notebook;

import dev.prep.runner.notebook.fixture.Greeter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Fixture notebooks under src/test/resources/notebook, and engine settings for them. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/notebook/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String displayPath(String name) {
    return "topics/fixture/notebooks/" + name;
  }

  static Notebook notebook(String name) throws NotebookFormatException {
    return Notebook.parse(path(name), displayPath(name));
  }

  /** The test classes stand in for a topic's classes; {@link Greeter} is what notebooks import. */
  static EngineSettings settings() {
    try {
      Path testClasses =
          Path.of(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return EngineSettings.of(
          List.of(testClasses), List.of("import dev.prep.runner.notebook.fixture.*;"));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
