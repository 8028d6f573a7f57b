package dev.prep.runner.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;

  ProgressStore store() {
    return new ProgressStore(dir.resolve(".prep/state.json"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  @DisplayName("what is saved is what is loaded, and no temp file is left behind")
  void roundTrip() throws IOException {
    Progress p =
        Progress.empty()
            .withResult("slices/a", true, NOW)
            .withHintsRevealed("slices/b", 2)
            .withCurrent("slices/b");

    store().save(p);
    var loaded = store().load();

    assertThat(loaded.progress()).isEqualTo(p);
    assertThat(loaded.notice()).isEmpty();
    try (Stream<Path> files = Files.list(dir.resolve(".prep"))) {
      assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("state.json");
    }
  }

  @Test
  @DisplayName("a corrupt state file is moved aside with a notice naming it, never silently reset")
  void corruptFileIsSetAside() throws IOException {
    Files.createDirectories(dir.resolve(".prep"));
    Files.writeString(dir.resolve(".prep/state.json"), "{\"version\": 1, \"results\": {");

    var loaded = store().load();

    assertThat(loaded.progress()).isEqualTo(Progress.empty());
    assertThat(loaded.notice())
        .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("state.json is not valid (line 1")
        .contains("state.json.corrupt-20261127-100000");
    assertThat(dir.resolve(".prep/state.json.corrupt-20261127-100000"))
        .hasContent("{\"version\": 1, \"results\": {");
    assertThat(dir.resolve(".prep/state.json")).doesNotExist();
  }

  @Test
  @DisplayName(
      "an exercise that passed once and fails now reads as failing, and stays counted as done")
  void states() {
    Progress p = Progress.empty().withResult("t/a", true, NOW).withResult("t/a", false, NOW);

    assertThat(p.state("t/a")).isEqualTo("failing (passed before)");
    assertThat(p.isDone("t/a")).isTrue();
    assertThat(p.state("t/b")).isEqualTo("not started");
  }
}
