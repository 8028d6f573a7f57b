/**
 * Redis: how it works and what interviewers ask, and a mini Redis over RESP. The protocol's values
 * and their encoding ({@code resp}); the reference server, a single-threaded NIO event loop like
 * Redis's own, with its keyspace and command table ({@code server}); demos that run against it or a
 * real redis-server ({@code demo}). The learner's classes live in {@code exercises/redis} and
 * {@code solutions/redis}.
 */
package dev.prep.redis;
