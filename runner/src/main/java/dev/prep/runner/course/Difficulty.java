package dev.prep.runner.course;

/** How hard an exercise is, as its topic's metadata says. */
public enum Difficulty {
  EASY,
  MEDIUM,
  HARD
}
