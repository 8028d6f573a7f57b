package dev.prep.network.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reno, InitialWindow and RtoEstimator follow RFC 5681, 6928 and 6298 to the byte")
class RenoTest {

  private static final int SMSS = 1000;

  @Test
  @DisplayName("slow start adds min(N, SMSS) per ACK: one segment per ACK, even for a big ACK")
  void slowStart() {
    var reno = new Reno(SMSS, 2 * SMSS, 100 * SMSS);
    reno.onNewAck(SMSS);
    assertThat(reno.cwnd()).isEqualTo(3 * SMSS);
    reno.onNewAck(3 * SMSS); // a stretch ACK still adds one SMSS (RFC 5681 equation 2)
    assertThat(reno.cwnd()).isEqualTo(4 * SMSS);
    reno.onNewAck(400);
    assertThat(reno.cwnd()).isEqualTo(4 * SMSS + 400);
    assertThat(reno.phase()).isEqualTo(Reno.Phase.SLOW_START);
  }

  @Test
  @DisplayName(
      "congestion avoidance adds SMSS*SMSS/cwnd per ACK: about one SMSS per window of ACKs")
  void congestionAvoidance() {
    var reno = new Reno(SMSS, 10 * SMSS, 10 * SMSS);
    assertThat(reno.phase()).isEqualTo(Reno.Phase.CONGESTION_AVOIDANCE);
    reno.onNewAck(SMSS);
    assertThat(reno.cwnd()).isEqualTo(10 * SMSS + 100);
    for (int i = 1; i < 10; i++) {
      reno.onNewAck(SMSS);
    }
    assertThat(reno.cwnd()).as("after one window of 10 ACKs").isBetween(10_950L, 11_000L);
  }

  @Test
  @DisplayName(
      "the third duplicate ACK: ssthresh = FlightSize/2, cwnd = ssthresh + 3, inflate, deflate")
  void fastRetransmitAndRecovery() {
    var reno = new Reno(SMSS, 20 * SMSS, 10 * SMSS);
    assertThat(reno.onDuplicateAck(20 * SMSS)).isFalse();
    assertThat(reno.onDuplicateAck(20 * SMSS)).isFalse();
    assertThat(reno.cwnd()).as("two duplicate ACKs change nothing").isEqualTo(20 * SMSS);
    assertThat(reno.onDuplicateAck(20 * SMSS)).as("the third one").isTrue();
    assertThat(reno.ssthresh()).isEqualTo(10 * SMSS);
    assertThat(reno.cwnd()).isEqualTo(13 * SMSS);
    assertThat(reno.phase()).isEqualTo(Reno.Phase.FAST_RECOVERY);
    assertThat(reno.onDuplicateAck(20 * SMSS)).isFalse();
    assertThat(reno.cwnd()).as("inflated by one SMSS").isEqualTo(14 * SMSS);
    reno.onNewAck(20 * SMSS);
    assertThat(reno.cwnd()).as("deflated to ssthresh").isEqualTo(10 * SMSS);
    assertThat(reno.phase()).isEqualTo(Reno.Phase.CONGESTION_AVOIDANCE);
  }

  @Test
  @DisplayName("ssthresh never falls below 2*SMSS")
  void ssthreshFloor() {
    var reno = new Reno(SMSS, 3 * SMSS, 10 * SMSS);
    for (int i = 0; i < 3; i++) {
      reno.onDuplicateAck(3 * SMSS);
    }
    assertThat(reno.ssthresh()).isEqualTo(2 * SMSS);
  }

  @Test
  @DisplayName("a timeout: cwnd = 1 SMSS, ssthresh halves once; a second timeout keeps ssthresh")
  void timeout() {
    var reno = new Reno(SMSS, 30 * SMSS, 100 * SMSS);
    reno.onTimeout(24 * SMSS, false);
    assertThat(reno.cwnd()).isEqualTo(SMSS);
    assertThat(reno.ssthresh()).isEqualTo(12 * SMSS);
    assertThat(reno.phase()).isEqualTo(Reno.Phase.SLOW_START);
    reno.onTimeout(SMSS, true);
    assertThat(reno.ssthresh())
        .as("RFC 5681 §3.1: held for a repeated timeout")
        .isEqualTo(12 * SMSS);
  }

  @Test
  @DisplayName("initial windows for MSS 1460: 1, 3 and 10 segments; the byte caps bite for big MSS")
  void initialWindows() {
    assertThat(InitialWindow.RFC_2001.bytes(1460)).isEqualTo(1460);
    assertThat(InitialWindow.RFC_3390.bytes(1460)).isEqualTo(4380);
    assertThat(InitialWindow.RFC_6928.bytes(1460)).isEqualTo(14600);
    assertThat(InitialWindow.RFC_3390.bytes(536)).isEqualTo(4 * 536);
    assertThat(InitialWindow.RFC_3390.bytes(2190)).isEqualTo(2 * 2190);
    assertThat(InitialWindow.RFC_6928.bytes(4000)).isEqualTo(14600);
    assertThat(InitialWindow.RFC_6928.bytes(9000)).isEqualTo(18000);
    assertThatThrownBy(() -> InitialWindow.RFC_6928.bytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("RTO: first sample SRTT + 4*(R/2); later ones smoothed; backoff doubles; clamped")
  void rto() {
    var rto = new RtoEstimator(1_000_000, 200_000, 60_000_000, 1_000);
    assertThat(rto.rtoMicros()).isEqualTo(1_000_000);
    rto.sample(100_000);
    assertThat(rto.srttMicros()).isEqualTo(100_000);
    assertThat(rto.rttvarMicros()).isEqualTo(50_000);
    assertThat(rto.rtoMicros()).isEqualTo(300_000);
    rto.sample(100_000);
    assertThat(rto.rttvarMicros()).isEqualTo(37_500);
    assertThat(rto.rtoMicros()).isEqualTo(250_000);
    rto.backOff();
    assertThat(rto.rtoMicros()).isEqualTo(500_000);
    for (int i = 0; i < 20; i++) {
      rto.sample(10_000);
    }
    assertThat(rto.rtoMicros()).as("never below the minimum").isEqualTo(200_000);
    assertThat(RtoEstimator.rfc6298().rtoMicros()).isEqualTo(1_000_000);
  }
}
