package dev.prep.runner.progress;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the learner has done, as stored in {@code .prep/state.json}. Immutable: every change returns
 * a new value that the caller saves.
 *
 * @param current the exercise {@code prep watch} works on, or null for "the first not done"
 * @param results the last grade of each exercise tried: {@code pass} or {@code fail}
 * @param passedAt when each exercise first passed
 * @param hints how many hints of each exercise have been revealed
 * @param notebooksRead when each notebook ({@code topic/NN-name}) was last read
 */
public record Progress(
    int version,
    String current,
    Map<String, String> results,
    Map<String, Instant> passedAt,
    Map<String, Integer> hints,
    Map<String, Instant> notebooksRead) {

  public static final int VERSION = 1;

  public Progress {
    results = sorted(results);
    passedAt = sorted(passedAt);
    hints = sorted(hints);
    notebooksRead = sorted(notebooksRead);
  }

  public static Progress empty() {
    return new Progress(VERSION, null, Map.of(), Map.of(), Map.of(), Map.of());
  }

  public boolean isDone(String exerciseId) {
    return passedAt.containsKey(exerciseId);
  }

  /** {@code done}, {@code failing} or {@code not started}. */
  public String state(String exerciseId) {
    if ("pass".equals(results.get(exerciseId))) {
      return "done";
    }
    if (results.containsKey(exerciseId)) {
      return isDone(exerciseId) ? "failing (passed before)" : "failing";
    }
    return isDone(exerciseId) ? "done" : "not started";
  }

  public int hintsRevealed(String exerciseId) {
    return hints.getOrDefault(exerciseId, 0);
  }

  public Progress withResult(String exerciseId, boolean passed, Instant now) {
    var r = new TreeMap<>(results);
    r.put(exerciseId, passed ? "pass" : "fail");
    var p = new TreeMap<>(passedAt);
    if (passed) {
      p.putIfAbsent(exerciseId, now);
    }
    return new Progress(version, current, r, p, hints, notebooksRead);
  }

  public Progress withHintsRevealed(String exerciseId, int count) {
    var h = new TreeMap<>(hints);
    h.put(exerciseId, count);
    return new Progress(version, current, results, passedAt, h, notebooksRead);
  }

  public Progress withNotebookRead(String notebookKey, Instant now) {
    var n = new TreeMap<>(notebooksRead);
    n.put(notebookKey, now);
    return new Progress(version, current, results, passedAt, hints, n);
  }

  public Progress withCurrent(String exerciseId) {
    return new Progress(version, exerciseId, results, passedAt, hints, notebooksRead);
  }

  /** Forgets the last result (after a reset), keeping when it first passed. */
  public Progress withoutResult(String exerciseId) {
    var r = new TreeMap<>(results);
    r.remove(exerciseId);
    return new Progress(version, current, r, passedAt, hints, notebooksRead);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
