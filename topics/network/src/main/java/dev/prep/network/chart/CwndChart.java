package dev.prep.network.chart;

import dev.prep.network.tcp.CwndTrace;
import dev.prep.network.tcp.CwndTrace.Event;
import dev.prep.network.tcp.CwndTrace.Sample;
import dev.prep.network.tcp.Reno;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Draws a {@link CwndTrace}: time across, cwnd in segments up, the ssthresh line, and a mark for
 * each fast retransmit (F) and timeout (T). As text for a terminal ({@link #text}) or as an SVG
 * file ({@link #svg}). Plain functions of the trace: the same trace, the same picture.
 */
public final class CwndChart {

  private CwndChart() {}

  /** The legend under a {@link #text} chart. */
  public static final String LEGEND =
      "* cwnd   : cwnd inflated in fast recovery   - ssthresh   F fast retransmit   T timeout";

  /**
   * A chart {@code columns} wide and {@code rows} high (plot area, without the axes), then a line
   * of event marks and the time axis.
   */
  public static String text(CwndTrace trace, int columns, int rows) {
    if (columns < 10 || rows < 4) {
      throw new IllegalArgumentException("need at least 10 columns and 4 rows");
    }
    List<Sample> samples = trace.samples();
    if (samples.isEmpty()) {
      return "(no samples)\n";
    }
    Scale scale = Scale.of(trace);
    char[][] grid = new char[rows][columns];
    for (char[] row : grid) {
      Arrays.fill(row, ' ');
    }
    char[] marks = new char[columns];
    Arrays.fill(marks, ' ');
    int next = 0;
    Sample carried = samples.getFirst();
    for (int c = 0; c < columns; c++) {
      long end = scale.startMicros + (scale.spanMicros() * (c + 1)) / columns;
      boolean last = c == columns - 1;
      Range plain = new Range();
      Range inflated = new Range();
      (carried.phase() == Reno.Phase.FAST_RECOVERY ? inflated : plain)
          .add(trace.segments(carried.cwnd()));
      while (next < samples.size() && (samples.get(next).timeMicros() < end || last)) {
        Sample s = samples.get(next++);
        (s.phase() == Reno.Phase.FAST_RECOVERY ? inflated : plain).add(trace.segments(s.cwnd()));
        if (s.event() == Event.TIMEOUT) {
          marks[c] = 'T';
        } else if (s.event() == Event.FAST_RETRANSMIT && marks[c] != 'T') {
          marks[c] = 'F';
        }
        carried = s;
      }
      double ssthresh = trace.segments(carried.ssthresh());
      if (ssthresh <= scale.topSegments) {
        grid[row(ssthresh, scale, rows)][c] = '-';
      }
      inflated.draw(grid, c, ':', scale, rows);
      plain.draw(grid, c, '*', scale, rows);
    }
    var out = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      double value = scale.topSegments * (rows - 1 - r) / (rows - 1);
      boolean labelled = r == 0 || r == rows - 1 || r == (rows - 1) / 2;
      String label = labelled ? String.format(Locale.ROOT, "%5.0f", value) : "     ";
      out.append(label).append(" │").append(new String(grid[r]).stripTrailing()).append('\n');
    }
    out.append("      └").append("─".repeat(columns)).append('\n');
    out.append("       ").append(new String(marks).stripTrailing()).append('\n');
    out.append(timeAxis(scale, columns)).append('\n');
    return out.toString();
  }

  /** The lowest and highest cwnd in one column, in segments. */
  private static final class Range {
    private double low = Double.MAX_VALUE;
    private double high = -1;

    void add(double segments) {
      low = Math.min(low, segments);
      high = Math.max(high, segments);
    }

    void draw(char[][] grid, int column, char symbol, Scale scale, int rows) {
      if (high < 0) {
        return;
      }
      for (int r = row(high, scale, rows); r <= row(low, scale, rows); r++) {
        grid[r][column] = symbol;
      }
    }
  }

  private static int row(double segments, Scale scale, int rows) {
    int fromBottom = (int) Math.round(segments / scale.topSegments * (rows - 1));
    return Math.clamp(rows - 1 - fromBottom, 0, rows - 1);
  }

  private static String timeAxis(Scale scale, int columns) {
    char[] axis = new char[columns + 12];
    Arrays.fill(axis, ' ');
    for (int tick = 0; tick <= 4; tick++) {
      int column = (columns - 1) * tick / 4;
      long micros = scale.startMicros + scale.spanMicros() * tick / 4;
      String label = String.format(Locale.ROOT, "%.1fs", micros / 1e6);
      int at =
          Math.min(7 + column - (tick == 0 ? 0 : label.length() / 2), axis.length - label.length());
      label.getChars(0, label.length(), axis, at);
    }
    return new String(axis).stripTrailing();
  }

  /** Plot range: time from the first to the last sample, segments from 0 to a round number. */
  private record Scale(long startMicros, long endMicros, double topSegments) {
    static Scale of(CwndTrace trace) {
      List<Sample> samples = trace.samples();
      double max = samples.stream().mapToDouble(s -> trace.segments(s.cwnd())).max().orElse(1);
      double step = max <= 20 ? 5 : max <= 100 ? 10 : max <= 400 ? 50 : 100;
      double top = Math.max(step, Math.ceil(max / step) * step);
      long start = samples.getFirst().timeMicros();
      long end = Math.max(start + 1, samples.getLast().timeMicros());
      return new Scale(start, end, top);
    }

    long spanMicros() {
      return endMicros - startMicros;
    }
  }

  /**
   * An SVG picture of the trace (about 760 by 360 pixels): cwnd as a blue step line, ssthresh
   * dashed, fast retransmits as orange and timeouts as red circles, each with a tooltip.
   */
  public static String svg(CwndTrace trace, String title) {
    final int width = 760;
    final int height = 360;
    final int left = 56;
    final int right = 16;
    final int top = 52;
    final int bottom = 44;
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    var out = new StringBuilder();
    out.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                width,
                height,
                width,
                height))
        .append("  <title>")
        .append(escape(title))
        .append("</title>\n")
        .append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(text(left, 20, "start", escape(title), "font-size=\"14\" font-weight=\"bold\""));
    List<Sample> samples = trace.samples();
    if (samples.isEmpty()) {
      return out.append("</svg>\n").toString();
    }
    Scale scale = Scale.of(trace);
    LongToDoubleFunction x =
        t -> left + (double) (t - scale.startMicros) / scale.spanMicros() * plotWidth;
    DoubleUnaryOperator y =
        segments ->
            top
                + plotHeight
                - Math.min(segments, scale.topSegments) / scale.topSegments * plotHeight;
    // axes, grid lines and labels
    for (int tick = 0; tick <= 4; tick++) {
      double value = scale.topSegments * tick / 4;
      double yy = y.applyAsDouble(value);
      out.append(line(left, yy, left + plotWidth, yy, "#ddd", ""))
          .append(text(left - 6, yy + 4, "end", fmt(value), ""));
      long micros = scale.startMicros + scale.spanMicros() * tick / 4;
      double xx = x.applyAsDouble(micros);
      out.append(line(xx, top + plotHeight, xx, top + plotHeight + 4, "black", ""))
          .append(
              text(
                  xx,
                  top + plotHeight + 18,
                  "middle",
                  String.format(Locale.ROOT, "%.1f s", micros / 1e6),
                  ""));
    }
    out.append(line(left, top, left, top + plotHeight, "black", ""))
        .append(line(left, top + plotHeight, left + plotWidth, top + plotHeight, "black", ""))
        .append(text(left + plotWidth / 2.0, height - 8, "middle", "time", ""))
        .append(
            text(
                14,
                top + plotHeight / 2.0,
                "middle",
                "cwnd (segments)",
                "transform=\"rotate(-90 14 " + fmt(top + plotHeight / 2.0) + ")\""));
    out.append(
        polyline(steps(trace, samples, Sample::cwnd, x, y, scale.topSegments), "#1f6fd1", ""));
    out.append(
        polyline(
            steps(trace, samples, Sample::ssthresh, x, y, scale.topSegments),
            "#555",
            " stroke-dasharray=\"6 4\""));
    for (Sample s : samples) {
      if (s.event() == Event.FAST_RETRANSMIT || s.event() == Event.TIMEOUT) {
        boolean timeout = s.event() == Event.TIMEOUT;
        out.append(
            String.format(
                Locale.ROOT,
                "  <circle cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\"><title>%s at %.3f s: cwnd %s,"
                    + " ssthresh %s segments</title></circle>\n",
                fmt(x.applyAsDouble(s.timeMicros())),
                fmt(y.applyAsDouble(trace.segments(s.cwnd()))),
                timeout ? "#d62728" : "#ff7f0e",
                timeout ? "timeout" : "fast retransmit",
                s.timeMicros() / 1e6,
                fmt(trace.segments(s.cwnd())),
                fmt(trace.segments(s.ssthresh()))));
      }
    }
    double legendY = top - 14;
    out.append(line(left, legendY - 4, left + 24, legendY - 4, "#1f6fd1", ""))
        .append(text(left + 28, legendY, "start", "cwnd", ""))
        .append(line(left + 70, legendY - 4, left + 94, legendY - 4, "#555", "6 4"))
        .append(text(left + 98, legendY, "start", "ssthresh", ""))
        .append(circle(left + 166, legendY - 4, "#ff7f0e"))
        .append(text(left + 174, legendY, "start", "fast retransmit", ""))
        .append(circle(left + 274, legendY - 4, "#d62728"))
        .append(text(left + 282, legendY, "start", "timeout", ""));
    return out.append("</svg>\n").toString();
  }

  /**
   * A step line through the samples, at most four points per pixel column (its first value, the
   * highest, the lowest, the last). Values above the plot (ssthresh before the first loss,
   * "arbitrarily high") are left out.
   */
  private static List<double[]> steps(
      CwndTrace trace,
      List<Sample> samples,
      ToLongFunction<Sample> value,
      LongToDoubleFunction x,
      DoubleUnaryOperator y,
      double topSegments) {
    List<double[]> points = new ArrayList<>();
    long column = Long.MIN_VALUE;
    double columnX = 0;
    double first = 0;
    double high = 0;
    double low = 0;
    double last = Double.NaN;
    for (Sample s : samples) {
      double v = trace.segments(value.applyAsLong(s));
      if (v > topSegments) {
        continue;
      }
      double xx = x.applyAsDouble(s.timeMicros());
      long pixel = (long) Math.floor(xx);
      if (pixel != column) {
        if (!Double.isNaN(last)) {
          addColumn(points, columnX, first, high, low, last, y);
          points.add(new double[] {xx, y.applyAsDouble(last)});
        }
        column = pixel;
        columnX = xx;
        first = v;
        high = v;
        low = v;
      }
      high = Math.max(high, v);
      low = Math.min(low, v);
      last = v;
    }
    if (!Double.isNaN(last)) {
      addColumn(points, columnX, first, high, low, last, y);
      points.add(
          new double[] {x.applyAsDouble(samples.getLast().timeMicros()), y.applyAsDouble(last)});
    }
    return points;
  }

  private static void addColumn(
      List<double[]> points,
      double x,
      double first,
      double high,
      double low,
      double last,
      DoubleUnaryOperator y) {
    for (double v : new double[] {first, high, low, last}) {
      points.add(new double[] {x, y.applyAsDouble(v)});
    }
  }

  private static String polyline(List<double[]> points, String colour, String extra) {
    var b = new StringBuilder("  <polyline fill=\"none\" stroke=\"" + colour + "\"" + extra);
    b.append(" stroke-width=\"1.5\" points=\"");
    for (double[] p : points) {
      b.append(fmt(p[0])).append(',').append(fmt(p[1])).append(' ');
    }
    return b.toString().stripTrailing() + "\"/>\n";
  }

  private static String line(
      double x1, double y1, double x2, double y2, String colour, String dash) {
    return String.format(
        Locale.ROOT,
        "  <line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"%s/>\n",
        fmt(x1),
        fmt(y1),
        fmt(x2),
        fmt(y2),
        colour,
        dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String circle(double cx, double cy, String colour) {
    return "  <circle cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\"/>\n"
        .formatted(fmt(cx), fmt(cy), colour);
  }

  private static String text(double x, double y, String anchor, String text, String extra) {
    return "  <text x=\"%s\" y=\"%s\" text-anchor=\"%s\"%s>%s</text>\n"
        .formatted(fmt(x), fmt(y), anchor, extra.isEmpty() ? "" : " " + extra, text);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** XML-escapes text content and attribute values. */
  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
