/**
 * Network: sliding windows (滑动窗口). A deterministic discrete-event network simulator ({@code sim})
 * with delay, bandwidth, a drop-tail queue and seeded loss, reordering and duplication; the
 * course's ARQ protocols on it ({@code arq}); a TCP Reno-style sender showing slow start and the
 * AIMD sawtooth ({@code tcp}); rate limiters with an injectable clock ({@code limit}). The
 * exercises' classes live in {@code exercises/network} and {@code solutions/network}.
 */
package dev.prep.network;
