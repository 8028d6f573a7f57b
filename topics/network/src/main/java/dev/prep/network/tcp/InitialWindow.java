package dev.prep.network.tcp;

/**
 * TCP's initial congestion window (初始窗口) across three RFCs, in bytes, for a sender maximum segment
 * size {@code smss}. The IW is the cwnd a connection starts slow start with.
 */
public enum InitialWindow {
  /** RFC 2001 §2 (1997): one segment. */
  RFC_2001("1 segment") {
    @Override
    public long bytes(int smss) {
      return checked(smss);
    }
  },
  /** RFC 3390 §1 (2002, also RFC 5681 §3.1): min(4*SMSS, max(2*SMSS, 4380 bytes)). */
  RFC_3390("min(4*SMSS, max(2*SMSS, 4380))") {
    @Override
    public long bytes(int smss) {
      return Math.min(4L * checked(smss), Math.max(2L * smss, 4380));
    }
  },
  /**
   * RFC 6928 §2 (2013; Linux: TCP_INIT_CWND 10 in include/net/tcp.h): min(10*MSS, max(2*MSS,
   * 14600)).
   */
  RFC_6928("min(10*MSS, max(2*MSS, 14600))") {
    @Override
    public long bytes(int smss) {
      return Math.min(10L * checked(smss), Math.max(2L * smss, 14600));
    }
  };

  private final String formula;

  InitialWindow(String formula) {
    this.formula = formula;
  }

  /** The initial window in bytes for segments of {@code smss} bytes (at least 1). */
  public abstract long bytes(int smss);

  /** The rule as the RFC writes it. */
  public String formula() {
    return formula;
  }

  private static int checked(int smss) {
    if (smss < 1) {
      throw new IllegalArgumentException("smss must be >= 1 byte, got " + smss);
    }
    return smss;
  }
}
