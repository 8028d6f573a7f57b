/**
 * A real {@code redis-server}, run as a child process: what the reference server is measured
 * against, by the differential and encoding tests and by {@code prep bench redis}. Its own package
 * because it belongs to neither side: not to the reference ({@code server}), which it checks, nor
 * to the bench alone, since tests use it too.
 */
package dev.prep.redis.real;
