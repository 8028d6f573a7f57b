package dev.prep.runner.course;

import java.nio.file.Path;

/**
 * A notebook file of a topic. Its id is the file stem ({@code 03-append-growth}); its short name
 * drops the number ({@code append-growth}); either is accepted where a notebook is named.
 *
 * @param path relative to the course root
 */
public record NotebookRef(String topic, String id, Path path) {

  public String shortName() {
    int dash = id.indexOf('-');
    return dash > 0 && id.substring(0, dash).chars().allMatch(Character::isDigit)
        ? id.substring(dash + 1)
        : id;
  }
}
