/**
 * Memory: stack vs heap, escape analysis, memory barriers and the Java Memory Model, data races,
 * and the stacks of goroutines, platform threads and virtual threads. Teaching classes for the
 * notebooks and demos live here; the exercises' classes live in {@code exercises/memory} and {@code
 * solutions/memory}.
 */
package dev.prep.memory;
