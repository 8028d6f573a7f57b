package dev.prep.network.sim;

/**
 * One end of a connection: a sender, a receiver, or anything that reacts to packets. The simulator
 * calls {@link #start} once, then {@link #onPacket} for every packet that arrives. Both run on the
 * simulator's single thread at the current virtual time; an endpoint acts only through its {@link
 * Context} (send, schedule a timer, read the clock).
 */
public interface Endpoint {

  /** Called once, at the time of {@link Simulator#connect}, before any packet arrives. */
  void start(Context context);

  /** A packet arrived from the other end. */
  void onPacket(Packet packet);
}
