/**
 * Small models the Redis notebooks (05-09) run in their cells: the cluster's hash slot function
 * ({@link dev.prep.redis.teach.HashSlot}), a simulation of approximated LRU against true LRU
 * ({@link dev.prep.redis.teach.LruSimulation}) and a Bloom filter ({@link
 * dev.prep.redis.teach.BloomFilter}). Each is unit-tested against the numbers its primary source
 * gives.
 */
package dev.prep.redis.teach;
