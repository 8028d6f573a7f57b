package dev.prep.network.sim;

/**
 * The two links {@link Simulator#connect} built between endpoints a and b.
 *
 * @param forward a to b (e.g. data)
 * @param backward b to a (e.g. acknowledgements)
 */
public record Connection(Link forward, Link backward) {}
