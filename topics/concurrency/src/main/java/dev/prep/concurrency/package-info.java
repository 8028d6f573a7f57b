/**
 * Concurrency: Go's goroutines, channels, WaitGroup and Context beside Java's virtual threads,
 * structured concurrency and scoped values. Teaching classes for the notebooks and demos live here;
 * the exercises' classes live in {@code exercises/concurrency} and {@code solutions/concurrency}.
 */
package dev.prep.concurrency;
