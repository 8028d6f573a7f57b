/**
 * A deterministic discrete-event network simulator: a virtual clock in microseconds ({@link
 * dev.prep.network.sim.Simulator}), one-way links with propagation delay, bandwidth, a drop-tail
 * queue and seeded loss, reordering and duplication ({@link dev.prep.network.sim.LinkSpec}),
 * endpoints that send packets and set timers ({@link dev.prep.network.sim.Endpoint}, {@link
 * dev.prep.network.sim.Context}), and a {@link dev.prep.network.sim.Trace} of every event. Same
 * seeds, same run.
 */
package dev.prep.network.sim;
