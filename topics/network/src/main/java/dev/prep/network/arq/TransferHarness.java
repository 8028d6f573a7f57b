package dev.prep.network.arq;

import dev.prep.network.sim.Endpoint;
import dev.prep.network.sim.EventLimitException;
import dev.prep.network.sim.LinkSpec;
import dev.prep.network.sim.Packet;
import dev.prep.network.sim.Simulator;
import dev.prep.network.sim.Trace;
import dev.prep.network.sim.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Runs one transfer of numbered messages from a sender to a receiver over the simulator and checks
 * it from the outside, from the trace, trusting nothing the protocol says about itself: every
 * message reaches the application exactly once and in order; every DATA packet carries the right
 * sequence number; the sender never has more unacknowledged messages than its window (the harness
 * tracks which ACKs reached the sender); the transfer ends before a virtual deadline; and once the
 * sender is done it sends nothing more. Used by the graders and the demo.
 */
public final class TransferHarness {

  private TransferHarness() {}

  /** The messages {@code m0, m1, ...}. */
  public static List<String> messages(int count) {
    var list = new ArrayList<String>(count);
    for (int i = 0; i < count; i++) {
      list.add("m" + i);
    }
    return List.copyOf(list);
  }

  /**
   * How to watch the sender.
   *
   * @param window the most unacknowledged messages allowed
   * @param seqSpace sequence numbers modulo this; 0 for unbounded (seq = message index)
   * @param selectiveAcks true if an ACK names one packet's seq; false if cumulative (next expected)
   */
  public record Rules(int window, int seqSpace, boolean selectiveAcks) {

    /** The rules {@code config} promises to keep. */
    public static Rules of(ArqConfig config) {
      return new Rules(config.sendWindow(), config.seqSpace(), config.selectiveAcks());
    }
  }

  /**
   * One transfer.
   *
   * @param messages what the sender sends, in order
   * @param data the sender-to-receiver link
   * @param ack the receiver-to-sender link
   * @param deadlineMicros the transfer must be done by then (virtual time)
   * @param drainMicros how long to keep watching after the sender is done
   * @param maxEvents the simulator's event bound
   */
  public record Scenario(
      List<String> messages,
      LinkSpec data,
      LinkSpec ack,
      long deadlineMicros,
      long drainMicros,
      long maxEvents) {

    /** Copies the messages. */
    public Scenario {
      messages = List.copyOf(messages);
    }

    /** A scenario with a 1 s drain and a 400,000-event bound. */
    public static Scenario of(List<String> messages, LinkSpec data, LinkSpec ack, long deadline) {
      return new Scenario(messages, data, ack, deadline, 1_000_000, 400_000);
    }
  }

  /**
   * What happened.
   *
   * @param violation the first broken rule, as a sentence naming seed, time and sequence numbers;
   *     null if none
   * @param completed the sender finished and the application got every message, in order
   * @param completionMicros when the sender finished (or when the run stopped)
   * @param delivered what the application got, in order
   * @param dataSends DATA packets the sender sent
   * @param retransmissions DATA packets carrying a message sent before
   * @param timeouts timers that fired at the sender
   * @param maxOutstanding the most unacknowledged messages seen at once
   * @param lateSends DATA packets sent after the sender was done
   * @param idleAfterDone no timer or packet was left once the drain ended
   * @param trace the whole run
   */
  public record Report(
      String violation,
      boolean completed,
      long completionMicros,
      List<String> delivered,
      long dataSends,
      long retransmissions,
      long timeouts,
      int maxOutstanding,
      long lateSends,
      boolean idleAfterDone,
      Trace trace) {

    /** True if no rule was broken and the transfer completed. */
    public boolean ok() {
      return violation == null && completed;
    }

    /** The DATA sends as {@code time:seq}, oldest first, e.g. {@code 0.000:0 0.000:1 70.000:2}. */
    public String dataSendTimeline() {
      return trace.events(TraceEvent.Type.SEND).stream()
          .filter(e -> e.packet().isData())
          .map(e -> TraceEvent.millis(e.timeMicros()) + ":" + e.packet().seq())
          .collect(Collectors.joining(" "));
    }
  }

  /**
   * Resends over a range of seeds, a learner's protocol against the course's on the same seeds, and
   * the seed where the learner's resent the most more than the course's: what a grader needs to say
   * "within 1.5 times ours" and name the seed to look at.
   *
   * @param mine the learner's resends summed over the seeds
   * @param ours the course's resends summed over the same seeds
   * @param worstSeed the seed where {@code mine - ours} was largest
   * @param worstExcess that difference (negative if the learner resent less on every seed)
   */
  public record ResendTally(long mine, long ours, long worstSeed, long worstExcess) {

    /** Runs both protocols on every seed from {@code first} to {@code last}, inclusive. */
    public static ResendTally over(
        long first, long last, LongFunction<Report> learner, LongFunction<Report> course) {
      long mine = 0;
      long ours = 0;
      long worstSeed = -1;
      long worstExcess = Long.MIN_VALUE;
      for (long seed = first; seed <= last; seed++) {
        long m = learner.apply(seed).retransmissions();
        long o = course.apply(seed).retransmissions();
        mine += m;
        ours += o;
        if (m - o > worstExcess) {
          worstExcess = m - o;
          worstSeed = seed;
        }
      }
      return new ResendTally(mine, ours, worstSeed, worstExcess);
    }
  }

  /**
   * The course's own sender and receiver for {@code config} on {@code scenario}: the yardstick the
   * graders, the demo and the notebook measure against.
   */
  public static Report runCourse(Scenario scenario, ArqConfig config, int packetBytes) {
    var sender = new ArqSender(config, scenario.messages(), packetBytes);
    return runWithCourseReceiver(scenario, config, sender, sender::isDone);
  }

  /** Runs {@code sender} against the course's receiver for {@code config}, under its rules. */
  public static Report runWithCourseReceiver(
      Scenario scenario, ArqConfig config, Endpoint sender, BooleanSupplier senderDone) {
    return run(scenario, Rules.of(config), sender, senderDone, app -> new ArqReceiver(config, app));
  }

  /**
   * Runs {@code scenario}: connects {@code sender} (finished when {@code senderDone} says so) to
   * the receiver {@code receiverFactory} builds around the harness's application callback.
   */
  public static Report run(
      Scenario scenario,
      Rules rules,
      Endpoint sender,
      BooleanSupplier senderDone,
      Function<Consumer<String>, Endpoint> receiverFactory) {
    var watch = new Watch(scenario, rules);
    var sim = new Simulator(scenario.maxEvents());
    watch.sim = sim;
    sim.trace().addListener(watch::onEvent);
    Endpoint receiver = receiverFactory.apply(watch::onDeliver);
    sim.connect("sender", sender, "receiver", receiver, scenario.data(), scenario.ack());
    boolean done = false;
    long doneAt = -1;
    try {
      sim.runUntilMicros(0); // the endpoints' start() first
      sim.runUntil(
          () -> watch.violation != null || senderDone.getAsBoolean(), scenario.deadlineMicros());
      done = watch.violation == null && senderDone.getAsBoolean();
      doneAt = sim.nowMicros();
      if (done) {
        watch.doneAtMicros = doneAt;
        sim.runUntil(() -> watch.violation != null, doneAt + scenario.drainMicros());
      }
    } catch (EventLimitException e) {
      watch.fail(
          "the simulation ran "
              + scenario.maxEvents()
              + " events without finishing (a timer that keeps re-arming, or packets answered"
              + " with packets forever?); "
              + watch.progress());
    }
    if (watch.violation == null && !done) {
      watch.violationAt(
          Math.min(sim.nowMicros(), scenario.deadlineMicros()),
          "the transfer did not finish by the deadline of "
              + TraceEvent.millis(scenario.deadlineMicros())
              + " ms (stalled?); "
              + watch.progress());
    }
    if (watch.violation == null && watch.delivered.size() != scenario.messages().size()) {
      watch.violationAt(
          doneAt,
          "the sender said it was done but the application got only "
              + watch.delivered.size()
              + " of "
              + scenario.messages().size()
              + " messages");
    }
    boolean completed =
        done && watch.delivered.size() == scenario.messages().size() && watch.violation == null;
    return new Report(
        watch.violation,
        completed,
        done ? doneAt : sim.nowMicros(),
        List.copyOf(watch.delivered),
        watch.dataSends,
        watch.dataSends - watch.everSent.size(),
        watch.timeouts,
        watch.maxOutstanding,
        watch.lateSends,
        done && sim.isIdle(),
        sim.trace());
  }

  private static final class Watch {
    final Scenario scenario;
    final Rules rules;
    final Map<String, Integer> indexOf = new HashMap<>();
    final List<String> delivered = new ArrayList<>();
    final Set<Long> everSent = new HashSet<>();
    final Set<Long> acked = new HashSet<>();
    Simulator sim;
    String violation;
    long base;
    long next;
    long dataSends;
    long timeouts;
    int maxOutstanding;
    long lateSends;
    long doneAtMicros = Long.MAX_VALUE;

    Watch(Scenario scenario, Rules rules) {
      this.scenario = scenario;
      this.rules = rules;
      for (int i = 0; i < scenario.messages().size(); i++) {
        indexOf.put(scenario.messages().get(i), i);
      }
    }

    long wire(long index) {
      return rules.seqSpace() == 0 ? index : Math.floorMod(index, rules.seqSpace());
    }

    void onEvent(TraceEvent e) {
      if (violation != null) {
        return;
      }
      Packet p = e.packet();
      switch (e.type()) {
        case SEND -> {
          if (e.where().equals(scenario.data().name()) && p.isData()) {
            onDataSend(e.timeMicros(), p);
          }
        }
        case DELIVER -> {
          if (e.where().equals(scenario.ack().name()) && p.isAck()) {
            onAckAtSender(p.ack());
          }
        }
        case TIMER -> {
          if (e.where().equals("sender")) {
            timeouts++;
          }
        }
        default -> {}
      }
    }

    void onDataSend(long t, Packet p) {
      dataSends++;
      if (t > doneAtMicros) {
        lateSends++;
      }
      Integer index = indexOf.get(p.payload());
      if (index == null) {
        violationAt(
            t,
            "the sender sent a DATA packet (seq "
                + p.seq()
                + ") whose payload \""
                + p.payload()
                + "\" is none of the messages: put messages.get(i) in the packet");
        return;
      }
      if (p.seq() != wire(index)) {
        violationAt(
            t,
            "the sender sent "
                + p.payload()
                + " with seq "
                + p.seq()
                + ", expected "
                + (rules.seqSpace() == 0
                    ? index + " (its index)"
                    : wire(index) + " (" + index + " mod " + rules.seqSpace() + ")"));
        return;
      }
      if (index < base || acked.contains((long) index)) {
        violationAt(
            t,
            "the sender sent "
                + p.payload()
                + " again after its ACK had reached the"
                + " sender: an acknowledged packet is never resent (cancel its timer when the ACK"
                + " arrives)");
        return;
      }
      if (index >= base + rules.window()) {
        violationAt(
            t,
            "the sender sent "
                + p.payload()
                + " while the oldest unacknowledged"
                + " message was m"
                + base
                + ": that makes "
                + (index - base + 1)
                + " outstanding, more than the window of "
                + rules.window());
        return;
      }
      everSent.add((long) index);
      next = Math.max(next, index + 1L);
      maxOutstanding = (int) Math.max(maxOutstanding, next - base);
    }

    void onAckAtSender(long ack) {
      if (rules.selectiveAcks()) {
        for (long m = base; m < next && m < base + rules.window(); m++) {
          if (wire(m) == ack) {
            acked.add(m);
            break;
          }
        }
        while (acked.remove(base)) {
          base++;
        }
      } else {
        long ahead =
            rules.seqSpace() == 0 ? ack - base : Math.floorMod(ack - base, rules.seqSpace());
        if (ahead > 0 && ahead <= next - base) {
          base += ahead;
        }
      }
    }

    void onDeliver(String message) {
      if (violation != null) {
        return;
      }
      int k = delivered.size();
      if (k < scenario.messages().size() && scenario.messages().get(k).equals(message)) {
        delivered.add(message);
        return;
      }
      long t = sim.nowMicros();
      if (delivered.contains(message)) {
        violationAt(
            t,
            "the application got "
                + message
                + " twice (now as message #"
                + k
                + "): a duplicate or retransmitted packet was delivered again");
      } else if (k >= scenario.messages().size()) {
        violationAt(
            t,
            "the application got "
                + message
                + " after all "
                + scenario.messages().size()
                + " messages");
      } else {
        violationAt(
            t,
            "the application got "
                + message
                + " as message #"
                + k
                + " but "
                + scenario.messages().get(k)
                + " comes first: delivery must be in order, without gaps");
      }
    }

    String progress() {
      return "the application had "
          + delivered.size()
          + " of "
          + scenario.messages().size()
          + " messages, the sender had "
          + (next - base)
          + " unacknowledged from m"
          + base;
    }

    void violationAt(long t, String what) {
      fail("t = " + TraceEvent.millis(t) + " ms: " + what);
    }

    void fail(String what) {
      if (violation == null) {
        violation = "seed " + scenario.data().seed() + ", " + what;
      }
    }
  }
}
