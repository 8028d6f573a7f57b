package dev.prep.redis.server.commands;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers the way Redis reads and prints them, which is stricter than {@link Long#parseLong} and
 * different from {@link Double#toString}: a client sees the difference in replies.
 *
 * <ul>
 *   <li>{@link #parseLong}: redis/redis {@code src/util.c} {@code string2ll}. No {@code +}, no
 *       spaces, no leading zeros ({@code "007"}, {@code "-0"} are refused), at most 20 characters,
 *       the full {@code long} range.
 *   <li>{@link #parseDouble}: {@code src/object.c} {@code getDoubleFromObject}: C's {@code strtod}
 *       over the whole string, refusing an empty string, leading white space, NaN, and overflow or
 *       underflow to zero ({@code ERANGE}). {@code inf}, {@code +inf}, {@code -inf}, {@code 1e3},
 *       {@code .5}, {@code 5.}, {@code +1} and hexadecimal {@code 0x10} are fine.
 *   <li>{@link #parseRangeBound}: {@code src/t_zset.c} {@code zslParseRange}: {@code strtod} with
 *       only "consumed everything, not NaN" checked, so {@code ""} is 0 and {@code 1e400} is inf.
 *   <li>{@link #formatDouble}: {@code src/networking.c} {@code addReplyDouble} in Redis 7.0: {@code
 *       "%.17g"}, and {@code inf}/{@code -inf}. So 1 prints {@code 1}, 1.5 {@code 1.5}, 0.1 {@code
 *       0.10000000000000001}, 1e20 {@code 1e+20} (Redis 7.2 switched to the shortest round-trip
 *       form; these are 7.0.15's, checked against a real server).
 * </ul>
 */
public final class RedisNumbers {
  private RedisNumbers() {}

  /** {@code LONG_STR_SIZE} in {@code util.h}: longer strings are never integers. */
  private static final int LONG_STR_SIZE = 21;

  private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

  /** The integer {@code s} spells, as {@code string2ll} reads it, or null if it is not one. */
  public static Long parseLong(String s) {
    int len = s.length();
    if (len == 0 || len >= LONG_STR_SIZE) return null;
    if (len == 1 && s.charAt(0) == '0') return 0L;
    int i = 0;
    boolean negative = s.charAt(0) == '-';
    if (negative && ++i == len) return null;
    char first = s.charAt(i);
    if (first < '1' || first > '9') return null;
    // accumulate as a negative number: its range is one larger, so Long.MIN_VALUE fits
    long v = -(first - '0');
    for (i++; i < len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return null;
      if (v < Long.MIN_VALUE / 10) return null;
      v *= 10;
      int d = c - '0';
      if (v < Long.MIN_VALUE + d) return null;
      v -= d;
    }
    if (negative) return v;
    return v == Long.MIN_VALUE ? null : -v;
  }

  /** The double {@code s} spells, as {@code getDoubleFromObject} reads it, or null. */
  public static Double parseDouble(String s) {
    if (s.isEmpty() || isSpace(s.charAt(0))) return null;
    Strtod r = strtod(s, 0);
    if (r == null || r.end != s.length() || Double.isNaN(r.value)) return null;
    if (Double.isInfinite(r.value) && !r.literalInfinity) return null; // overflow: ERANGE
    if (r.value == 0 && r.nonZeroDigits) return null; // underflow to zero: ERANGE
    return r.value;
  }

  /**
   * A score bound of ZRANGEBYSCORE and friends, without its {@code (} prefix, as {@code
   * zslParseRange} reads it: null only if text is left over or the value is NaN.
   */
  public static Double parseRangeBound(String s) {
    if (s.isEmpty()) return 0.0; // strtod parses nothing and stops at the terminator
    int start = 0;
    while (start < s.length() && isSpace(s.charAt(start))) start++;
    Strtod r = strtod(s, start);
    if (r == null) return null; // nothing parsed: strtod stops at the first byte, text is left
    if (r.end != s.length() || Double.isNaN(r.value)) return null;
    return r.value;
  }

  /** A double as Redis 7.0 replies it: {@code %.17g}, or {@code inf} / {@code -inf}. */
  public static String formatDouble(double d) {
    if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
    if (Double.isNaN(d)) return "nan";
    if (d == 0) return 1 / d < 0 ? "-0" : "0";
    BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN);
    int exponent = rounded.precision() - rounded.scale() - 1;
    StringBuilder digits = new StringBuilder(rounded.unscaledValue().abs().toString());
    while (digits.length() < 17) digits.append('0');
    StringBuilder out = new StringBuilder(24);
    if (d < 0) out.append('-');
    if (exponent < -4 || exponent >= 17) { // %g: scientific notation
      out.append(digits.charAt(0));
      appendFraction(out, digits, 1);
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) out.append('0');
      out.append(abs);
    } else if (exponent >= 0) {
      out.append(digits, 0, exponent + 1);
      appendFraction(out, digits, exponent + 1);
    } else {
      out.append('0');
      StringBuilder fraction = new StringBuilder("0".repeat(-exponent - 1)).append(digits);
      appendFraction(out, fraction, 0);
    }
    return out.toString();
  }

  /** Appends {@code .digits[from..]} without trailing zeros (%g without '#'), or nothing. */
  private static void appendFraction(StringBuilder out, CharSequence digits, int from) {
    int end = digits.length();
    while (end > from && digits.charAt(end - 1) == '0') end--;
    if (end > from) out.append('.').append(digits, from, end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** What C's {@code strtod} consumed from {@code from}, and the value. */
  private record Strtod(double value, int end, boolean literalInfinity, boolean nonZeroDigits) {}

  /** C's {@code strtod} on {@code s[from..]}; null if no number starts there. */
  private static Strtod strtod(String s, int from) {
    int i = from;
    int len = s.length();
    if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    if (startsWithIgnoreCase(s, i, "infinity") || startsWithIgnoreCase(s, i, "inf")) {
      int end = i + (startsWithIgnoreCase(s, i, "infinity") ? 8 : 3);
      double inf = s.charAt(from) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return new Strtod(inf, end, true, false);
    }
    if (startsWithIgnoreCase(s, i, "nan")) return new Strtod(Double.NaN, i + 3, false, false);
    if (startsWithIgnoreCase(s, i, "0x") && i + 2 < len && hexDigit(s.charAt(i + 2))) {
      return hex(s, from, i + 2);
    }
    boolean nonZero = false;
    int digits = 0;
    while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      nonZero |= s.charAt(i) != '0';
      i++;
      digits++;
    }
    if (i < len && s.charAt(i) == '.') {
      i++;
      while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nonZero |= s.charAt(i) != '0';
        i++;
        digits++;
      }
    }
    if (digits == 0) return null;
    i = exponentEnd(s, i, 'e');
    double value = Double.parseDouble(s.substring(from, i));
    return new Strtod(value, i, false, nonZero);
  }

  /** Hexadecimal {@code [+-]0x h[.h][p[+-]d]}: Java wants the {@code p} exponent, C does not. */
  private static Strtod hex(String s, int from, int digitsStart) {
    int i = digitsStart;
    int len = s.length();
    boolean nonZero = false;
    while (i < len && hexDigit(s.charAt(i))) nonZero |= s.charAt(i++) != '0';
    if (i < len && s.charAt(i) == '.') {
      i++;
      while (i < len && hexDigit(s.charAt(i))) nonZero |= s.charAt(i++) != '0';
    }
    int mantissaEnd = i;
    i = exponentEnd(s, i, 'p');
    String text = s.substring(from, i) + (i == mantissaEnd ? "p0" : "");
    return new Strtod(Double.parseDouble(text), i, false, nonZero);
  }

  /** The end of an optional exponent {@code e[+-]digits} at {@code i}, or {@code i}. */
  private static int exponentEnd(String s, int i, char marker) {
    int len = s.length();
    if (i < len && Character.toLowerCase(s.charAt(i)) == marker) {
      int j = i + 1;
      if (j < len && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
      int digitsStart = j;
      while (j < len && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
      if (j > digitsStart) return j;
    }
    return i;
  }

  private static boolean hexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean startsWithIgnoreCase(String s, int at, String word) {
    return s.regionMatches(true, at, word, 0, word.length());
  }
}
