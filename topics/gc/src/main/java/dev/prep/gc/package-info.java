/**
 * Garbage collection: a small deterministic heap simulator — objects, roots (globals and goroutine
 * stacks), a mutator, an incremental tricolour marker with a pluggable write barrier, a sweep — for
 * watching a concurrent collector work and fail; and the JVM's collectors beside Go's. The
 * exercises' classes live in {@code exercises/gc} and {@code solutions/gc}.
 */
package dev.prep.gc;
