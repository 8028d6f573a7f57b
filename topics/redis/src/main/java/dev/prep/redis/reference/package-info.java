/**
 * The reference Redis put together: {@link dev.prep.redis.reference.ReferenceRedis} (the event
 * loop, every command, active expiry) and {@link dev.prep.redis.reference.RedisServerMain}, which
 * {@code prep redis-server} runs.
 */
package dev.prep.redis.reference;
