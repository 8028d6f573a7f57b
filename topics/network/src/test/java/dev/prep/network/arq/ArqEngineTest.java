package dev.prep.network.arq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.network.arq.TransferHarness.Rules;
import dev.prep.network.arq.TransferHarness.Scenario;
import dev.prep.network.sim.LinkSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ARQ engine: stop-and-wait, Go-Back-N and Selective Repeat pass the harness")
class ArqEngineTest {

  static final long DELAY = 10_000;
  static final long RTO = 50_000;

  static Scenario lossy(long seed, int count) {
    return lossy(seed, count, 0.1);
  }

  static Scenario lossy(long seed, int count, double reorder) {
    var data =
        LinkSpec.ideal("data")
            .withDelayMicros(DELAY)
            .withBytesPerSecond(1_000_000)
            .withLoss(0.1)
            .withReorder(reorder, 8_000)
            .withDuplicate(0.05)
            .withSeed(seed);
    var ack =
        LinkSpec.ideal("ack")
            .withDelayMicros(DELAY)
            .withLoss(0.1)
            .withReorder(reorder, 8_000)
            .withDuplicate(0.05)
            .withSeed(seed + 1_000_003);
    return Scenario.of(TransferHarness.messages(count), data, ack, 120_000_000);
  }

  static TransferHarness.Report run(ArqConfig config, Scenario scenario) {
    return TransferHarness.runCourse(scenario, config, 960);
  }

  @ParameterizedTest(name = "window {0}")
  @ValueSource(ints = {1, 4, 8})
  @DisplayName("every protocol delivers everything in order over 30 lossy seeds")
  void allProtocolsSurviveImpairments(int n) {
    for (ArqConfig config :
        new ArqConfig[] {
          ArqConfig.goBackN(n, RTO),
          ArqConfig.selectiveRepeat(n, RTO),
          ArqConfig.selectiveRepeat(n, RTO).withSeqSpace(2 * n),
          ArqConfig.goBackN(n, RTO).withSeqSpace(n + 1)
        }) {
      for (long seed = 1; seed <= 30; seed++) {
        // the sequence-space rules assume a link that never reorders: wrapped numbers only on those
        var report = run(config, lossy(seed, 150, config.seqSpace() == 0 ? 0.1 : 0));
        assertThat(report.violation()).as(config + " seed " + seed).isNull();
        assertThat(report.completed()).isTrue();
        assertThat(report.maxOutstanding()).isLessThanOrEqualTo(n);
        assertThat(report.lateSends()).isZero();
        assertThat(report.idleAfterDone()).isTrue();
      }
    }
  }

  @Test
  @DisplayName("on an ideal link nothing is retransmitted")
  void idealLinkNoRetransmissions() {
    var data = LinkSpec.ideal("data").withDelayMicros(DELAY);
    var ack = LinkSpec.ideal("ack").withDelayMicros(DELAY);
    var scenario = Scenario.of(TransferHarness.messages(100), data, ack, 10_000_000);
    var report = run(ArqConfig.goBackN(5, RTO), scenario);
    assertThat(report.ok()).isTrue();
    assertThat(report.retransmissions()).isZero();
    assertThat(report.completionMicros()).isEqualTo(20 * 2 * DELAY);
  }

  @Test
  @DisplayName("Selective Repeat with a window above half the sequence space delivers a stale copy")
  void unsafeWindowBreaks() {
    // S = 4, N = 3: the receiver's window moves to {3, 0, 1} while the sender still retransmits 0
    var config = ArqConfig.selectiveRepeat(3, RTO).withSeqSpace(4);
    assertThat(config.isSafe()).isFalse();
    var data = LinkSpec.ideal("data").withDelayMicros(DELAY);
    var ack = LinkSpec.ideal("ack").withDelayMicros(DELAY).withDrops(0, 1, 2);
    var report = run(config, Scenario.of(TransferHarness.messages(6), data, ack, 10_000_000));
    assertThat(report.violation()).contains("m0 twice");
  }

  @Test
  @DisplayName("wrapped sequence numbers plus reordering confuse even a window within the rule")
  void reorderingBreaksTheRule() {
    var config = ArqConfig.goBackN(4, RTO).withSeqSpace(5);
    assertThat(config.isSafe()).isTrue();
    assertThat(run(config, lossy(1, 150, 0.1)).violation()).contains("as message #");
  }

  @Test
  @DisplayName("the harness catches a sender that keeps more than its window outstanding")
  void harnessCatchesWindowOverrun() {
    var config = ArqConfig.goBackN(5, RTO);
    var scenario = lossy(3, 50);
    var sender = new ArqSender(config, scenario.messages(), 960);
    var report =
        TransferHarness.run(
            scenario,
            new Rules(4, 0, false),
            sender,
            sender::isDone,
            app -> new ArqReceiver(config, app));
    assertThat(report.violation())
        .isEqualTo(
            "seed 3, t = 0.000 ms: the sender sent m4 while the oldest unacknowledged message was"
                + " m0: that makes 5 outstanding, more than the window of 4");
    assertThat(report.completed()).isFalse();
  }

  @Test
  @DisplayName("the harness reports a stalled transfer at the deadline")
  void harnessCatchesStall() {
    var config = ArqConfig.goBackN(4, RTO);
    var data = LinkSpec.ideal("data").withDelayMicros(DELAY).withLoss(1.0);
    var ack = LinkSpec.ideal("ack").withDelayMicros(DELAY);
    var scenario = Scenario.of(TransferHarness.messages(10), data, ack, 2_000_000);
    var report = run(config, scenario);
    assertThat(report.violation())
        .startsWith("seed 0, t = 2000.000 ms: the transfer did not finish by the deadline")
        .endsWith("the application had 0 of 10 messages, the sender had 4 unacknowledged from m0");
  }
}
