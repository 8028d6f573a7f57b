package dev.prep.network.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Simulator: virtual time, deterministic ties, timers, the event bound")
class SimulatorTest {

  @Test
  @DisplayName("events run in time order, ties in the order they were scheduled")
  void orderIsTimeThenInsertion() {
    var sim = new Simulator();
    var seen = new ArrayList<String>();
    sim.schedule(20, () -> seen.add("b@20"));
    sim.schedule(10, () -> seen.add("a@10"));
    sim.schedule(20, () -> seen.add("c@20"));
    sim.schedule(0, () -> sim.schedule(10, () -> seen.add("d@10")));
    sim.runUntilIdle();
    assertThat(seen).containsExactly("a@10", "d@10", "b@20", "c@20");
    assertThat(sim.nowMicros()).isEqualTo(20);
  }

  @Test
  @DisplayName("a cancelled timer never runs and is not counted")
  void cancelledTimerDoesNotRun() {
    var sim = new Simulator();
    var seen = new ArrayList<String>();
    Timer t = sim.schedule(5, () -> seen.add("cancelled"));
    sim.schedule(7, () -> seen.add("kept"));
    assertThat(t.isPending()).isTrue();
    t.cancel();
    sim.runUntilIdle();
    assertThat(seen).containsExactly("kept");
    assertThat(t.isPending()).isFalse();
    assertThat(sim.eventsRun()).isEqualTo(1);
  }

  @Test
  @DisplayName("runUntilMicros stops at the deadline and moves the clock to it")
  void runUntilMicros() {
    var sim = new Simulator();
    var seen = new ArrayList<Long>();
    for (long t = 0; t <= 100; t += 25) {
      long at = t;
      sim.scheduleAt(at, () -> seen.add(at));
    }
    sim.runUntilMicros(60);
    assertThat(seen).containsExactly(0L, 25L, 50L);
    assertThat(sim.nowMicros()).isEqualTo(60);
    assertThat(sim.isIdle()).isFalse();
  }

  @Test
  @DisplayName("a timer that re-arms forever hits the event bound with a clear message")
  void eventBound() {
    var sim = new Simulator(1000);
    Runnable[] loop = new Runnable[1];
    loop[0] = () -> sim.schedule(1, loop[0]);
    sim.schedule(0, loop[0]);
    assertThatThrownBy(sim::runUntilIdle)
        .isInstanceOf(EventLimitException.class)
        .hasMessageContaining("after 1000 events");
  }

  @Test
  @DisplayName("scheduling in the past is refused")
  void noPast() {
    var sim = new Simulator();
    sim.schedule(10, () -> {});
    sim.runUntilIdle();
    assertThatThrownBy(() -> sim.scheduleAt(5, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Sends {@code count} data packets at start; records what arrives. */
  static final class Blaster implements Endpoint {
    final int count;
    final List<Packet> received = new ArrayList<>();
    Context context;

    Blaster(int count) {
      this.count = count;
    }

    @Override
    public void start(Context c) {
      context = c;
      for (int i = 0; i < count; i++) {
        c.send(Packet.data(i, 960, "m" + i));
      }
    }

    @Override
    public void onPacket(Packet packet) {
      received.add(packet);
    }
  }

  @Test
  @DisplayName("delay plus serialization: packets queue behind each other at the bandwidth")
  void delayAndBandwidth() {
    var sim = new Simulator();
    var sink = new Blaster(0);
    var source = new Blaster(3);
    // 1000 wire bytes at 1 MB/s = 1 ms each; 10 ms propagation
    var data = LinkSpec.ideal("data").withDelayMicros(10_000).withBytesPerSecond(1_000_000);
    sim.connect("src", source, "dst", sink, data, LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    assertThat(sim.trace().events(TraceEvent.Type.DELIVER))
        .extracting(TraceEvent::timeMicros)
        .containsExactly(11_000L, 12_000L, 13_000L);
    assertThat(sink.received).extracting(Packet::seq).containsExactly(0L, 1L, 2L);
    assertThat(sink.received).extracting(Packet::payload).containsExactly("m0", "m1", "m2");
  }

  @Test
  @DisplayName("a full drop-tail queue drops the overflow")
  void dropTail() {
    var sim = new Simulator();
    var sink = new Blaster(0);
    var source = new Blaster(10);
    var data = LinkSpec.ideal("data").withBytesPerSecond(1_000_000).withQueuePackets(4);
    var conn = sim.connect("src", source, "dst", sink, data, LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    assertThat(conn.forward().queueDropCount()).isEqualTo(6);
    assertThat(conn.forward().maxQueuedPackets()).isEqualTo(4);
    assertThat(sink.received).extracting(Packet::seq).containsExactly(0L, 1L, 2L, 3L);
    assertThat(sim.trace().count(TraceEvent.Type.DROP_QUEUE)).isEqualTo(6);
  }

  @Test
  @DisplayName("scripted drops lose exactly the packets named")
  void scriptedDrops() {
    var sim = new Simulator();
    var sink = new Blaster(0);
    var source = new Blaster(6);
    var data = LinkSpec.ideal("data").withDrops(1, 4);
    sim.connect("src", source, "dst", sink, data, LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    assertThat(sink.received).extracting(Packet::seq).containsExactly(0L, 2L, 3L, 5L);
    assertThat(sim.trace().events(TraceEvent.Type.DROP_LOSS))
        .extracting(e -> e.packet().seq())
        .containsExactly(1L, 4L);
  }

  private static String run(LinkSpec data) {
    var sim = new Simulator();
    var sink = new Blaster(0);
    var source = new Blaster(200);
    sim.connect("src", source, "dst", sink, data, LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    return sim.trace().format();
  }

  @Test
  @DisplayName("same seed, same run; another seed, another run")
  void determinism() {
    var spec =
        LinkSpec.ideal("data")
            .withDelayMicros(5_000)
            .withBytesPerSecond(1_000_000)
            .withLoss(0.1)
            .withReorder(0.2, 5_000)
            .withDuplicate(0.05)
            .withSeed(42);
    assertThat(run(spec)).isEqualTo(run(spec));
    assertThat(run(spec)).isNotEqualTo(run(spec.withSeed(43)));
  }

  @Test
  @DisplayName("loss, reordering and duplication happen at about their rates")
  void impairmentRates() {
    var sim = new Simulator();
    var sink = new Blaster(0);
    var source = new Blaster(2000);
    var data =
        LinkSpec.ideal("data")
            .withBytesPerSecond(10_000_000)
            .withLoss(0.1)
            .withReorder(0.2, 2_000)
            .withDuplicate(0.05)
            .withSeed(7);
    var conn = sim.connect("src", source, "dst", sink, data, LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    assertThat(conn.forward().lostCount()).isBetween(150L, 250L);
    assertThat(conn.forward().duplicatedCount()).isBetween(60L, 140L);
    long outOfOrder = 0;
    for (int i = 1; i < sink.received.size(); i++) {
      if (sink.received.get(i).seq() < sink.received.get(i - 1).seq()) {
        outOfOrder++;
      }
    }
    assertThat(outOfOrder).isGreaterThan(100);
    assertThat(sink.received).hasSize((int) conn.forward().deliveredCount());
    // loss is decided before duplication, so a lost packet is never duplicated
    assertThat(conn.forward().deliveredCount())
        .isEqualTo(2000 - conn.forward().lostCount() + conn.forward().duplicatedCount());
  }

  @Test
  @DisplayName("timers set through the context are traced with their label")
  void timerTrace() {
    var sim = new Simulator();
    Endpoint ticker =
        new Endpoint() {
          @Override
          public void start(Context c) {
            c.schedule(2_500, "rto", () -> c.send(Packet.ack(1)));
          }

          @Override
          public void onPacket(Packet packet) {}
        };
    var sink = new Blaster(0);
    sim.connect("tick", ticker, "dst", sink, LinkSpec.ideal("data"), LinkSpec.ideal("ack"));
    sim.runUntilIdle();
    assertThat(sim.trace().format())
        .contains("2.500 ms  tick   TIMER      rto")
        .contains("2.500 ms  data   DELIVER    ACK ack=1");
    assertThat(sink.received).hasSize(1);
  }
}
