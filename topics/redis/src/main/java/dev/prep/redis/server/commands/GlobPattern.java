package dev.prep.redis.server.commands;

/**
 * The glob patterns of KEYS and CONFIG GET, as redis/redis {@code src/util.c} {@code
 * stringmatchlen} reads them: {@code *} any run, {@code ?} one character, {@code [abc]}, {@code
 * [^abc]} and {@code [a-z]} sets, {@code \} escapes the next character. No regular expressions.
 */
public final class GlobPattern {
  private GlobPattern() {}

  /** Does {@code s} match {@code pattern}? {@code noCase} compares letters case-insensitively. */
  public static boolean matches(String pattern, String s, boolean noCase) {
    return match(pattern, 0, s, 0, noCase);
  }

  private static boolean match(String p, int pi, String s, int si, boolean noCase) {
    int plen = p.length();
    int slen = s.length();
    while (pi < plen && si <= slen) {
      char pc = p.charAt(pi);
      switch (pc) {
        case '*' -> {
          while (pi + 1 < plen && p.charAt(pi + 1) == '*') pi++;
          if (pi + 1 == plen) return true;
          for (int from = si; from <= slen; from++) {
            if (match(p, pi + 1, s, from, noCase)) return true;
          }
          return false;
        }
        case '?' -> {
          if (si == slen) return false;
          si++;
        }
        case '[' -> {
          if (si == slen) return false;
          int end = setEnd(p, pi);
          if (!inSet(p, pi + 1, end, s.charAt(si), noCase)) return false;
          si++;
          pi = end < plen ? end : plen - 1;
        }
        default -> {
          if (pc == '\\' && pi + 1 < plen) pc = p.charAt(++pi);
          if (si == slen || !same(pc, s.charAt(si), noCase)) return false;
          si++;
        }
      }
      pi++;
    }
    return pi == plen && si == slen;
  }

  /** The index of the {@code ]} closing the set opened at {@code open}, or the pattern's length. */
  private static int setEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '^') i++;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) i += 2;
      else if (c == ']') return i;
      else i++;
    }
    return p.length(); // an unterminated set runs to the end of the pattern, as in Redis
  }

  private static boolean inSet(String p, int from, int end, char c, boolean noCase) {
    boolean negate = from < end && p.charAt(from) == '^';
    if (negate) from++;
    boolean found = false;
    for (int i = from; i < end; i++) {
      char pc = p.charAt(i);
      if (pc == '\\' && i + 1 < end) {
        found |= same(p.charAt(++i), c, noCase);
      } else if (i + 2 < end && p.charAt(i + 1) == '-') {
        char lo = p.charAt(i);
        char hi = p.charAt(i + 2);
        if (lo > hi) {
          char t = lo;
          lo = hi;
          hi = t;
        }
        char x = noCase ? Character.toLowerCase(c) : c;
        if (noCase) {
          lo = Character.toLowerCase(lo);
          hi = Character.toLowerCase(hi);
        }
        found |= x >= lo && x <= hi;
        i += 2;
      } else {
        found |= same(pc, c, noCase);
      }
    }
    return found != negate;
  }

  private static boolean same(char a, char b, boolean noCase) {
    return a == b || (noCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
