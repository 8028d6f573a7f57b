package dev.prep.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grader for {@code network/window-maximum}: the learner's {@link WindowMaximum}.
 *
 * <p>Three kinds of check per task. Examples from a table, the interview classics first. Properties
 * checked against a brute-force oracle on generated inputs: a fixed seed, so the same code always
 * gets the same verdict, and inputs that start tiny and grow, so the first input that fails is a
 * small one the learner can trace by hand (duplicates, negative numbers and {@code int}'s extremes
 * on purpose). And a time ladder: inputs doubling in size, worst case for a rescanning answer (a
 * strictly decreasing array, a string without repeats), with a budget for the whole ladder. The
 * ladder stops at the first size that ends over budget, so an O(n·k) or O(n²) answer fails within a
 * few seconds instead of running for minutes; the reference needs a few percent of the budget.
 */
@DisplayName(
    "window-maximum: every window's maximum with a monotonic deque; the longest run without a"
        + " repeat")
class WindowMaximumTest {
  private static final long SEED = 239;
  private static final int CASES = 600;
  private static final long BUDGET_MILLIS = 1500;
  private static final int[] EXTREMES = {
    Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0, 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE
  };

  // ---- task 1: WindowMaximum.of ----

  @ParameterizedTest(name = "of([{0}], {1}) = [{2}]", quoteTextArguments = false)
  @Tag("task:1")
  @DisplayName("the maxima of every window, oldest first:")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 3 -1 -3 5 3 6 7         | 3 | 3 3 5 5 6 7
          4 2 12 3                  | 1 | 4 2 12 3
          4 2 12 3                  | 4 | 12
          9 8 7 6 5                 | 2 | 9 8 7 6
          1 2 3 4 5                 | 2 | 2 3 4 5
          3 3 1                     | 2 | 3 3
          2 1 2 1 2 1               | 3 | 2 2 2 2
          -5 -1 -3                  | 2 | -1 -1
          7                         | 1 | 7
          -2147483648 -2147483648   | 1 | -2147483648 -2147483648
          2147483647 -2147483648 0  | 2 | 2147483647 0
          """)
  void examples(String values, int k, String expected) {
    int[] input = ints(values);
    assertThat(maxima(input, k, "from the examples table"))
        .as(
            "of(%s, %d): %d windows of %d values, each window's largest value, first window first",
            Arrays.toString(input), k, input.length - k + 1, k)
        .isEqualTo(ints(expected));
  }

  @ParameterizedTest(name = "of([4 2 12 3], {0})")
  @Tag("task:1")
  @DisplayName("a window size outside 1..values.length is an IllegalArgumentException:")
  @ValueSource(ints = {0, -1, 5, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void rejectsBadK(int k) {
    int[] values = {4, 2, 12, 3};
    assertThatThrownBy(() -> WindowMaximum.of(values, k))
        .as(
            "of([4, 2, 12, 3], %d): no window of %d values fits in 4 values, so throw"
                + " IllegalArgumentException before looking at the values",
            k, k)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("task:1")
  @DisplayName("an empty array has no window at all: IllegalArgumentException; null: NPE")
  void rejectsEmptyAndNull() {
    assertThatThrownBy(() -> WindowMaximum.of(new int[0], 1))
        .as("of([], 1): k = 1 is larger than the 0 values, so throw IllegalArgumentException")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WindowMaximum.of(null, 1))
        .as("of(null, 1): a null array is a NullPointerException")
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  @Tag("task:1")
  @DisplayName("the input is left alone and the result is a new array, even for k = 1")
  void leavesInputAlone() {
    int[] values = {5, 1, 4, 2, 3};
    int[] result = maxima(values, 1, "");
    assertThat(values)
        .as("the values after of([5, 1, 4, 2, 3], 1): the caller's array must not change")
        .containsExactly(5, 1, 4, 2, 3);
    assertThat(result)
        .as("of(values, 1) returns a new array, not the caller's own (they may change it later)")
        .isNotSameAs(values)
        .containsExactly(5, 1, 4, 2, 3);
    maxima(values, 3, "");
    assertThat(values)
        .as("the values after of([5, 1, 4, 2, 3], 3): the caller's array must not change")
        .containsExactly(5, 1, 4, 2, 3);
  }

  @Test
  @Tag("task:1")
  @DisplayName("property: equals a brute-force scan on 600 generated arrays, every k from 1 to n")
  void matchesBruteForce() {
    var random = new SplittableRandom(SEED);
    for (int c = 0; c < CASES; c++) {
      int n = 1 + random.nextInt(1 + c / 12);
      IntUnaryOperator value =
          switch (c % 3) {
            case 0 -> i -> random.nextInt(-5, 6);
            case 1 -> i -> random.nextInt();
            default -> i -> EXTREMES[random.nextInt(EXTREMES.length)];
          };
      checkAgainstOracle(IntStream.range(0, n).map(value).toArray(), random, c);
    }
  }

  @Test
  @Tag("task:1")
  @DisplayName("property: equals a brute-force scan on 400 arrays full of equal values (0, 1, 2)")
  void matchesBruteForceWithDuplicates() {
    var random = new SplittableRandom(SEED + 1);
    for (int c = 0; c < 400; c++) {
      int n = 1 + random.nextInt(1 + c / 10);
      checkAgainstOracle(IntStream.range(0, n).map(i -> random.nextInt(3)).toArray(), random, c);
    }
  }

  private static void checkAgainstOracle(int[] values, SplittableRandom random, int c) {
    int k = 1 + random.nextInt(values.length);
    int[] expected = bruteMaxima(values, k);
    String context = "(generated case " + c + ", seed " + SEED + ")";
    assertThat(maxima(values.clone(), k, context))
        .as(
            "of(%s, %d) %s: window i holds values[i .. i + %d]; expected what a brute-force scan of"
                + " each window gives. Trace this input by hand: which index should have left the"
                + " deque, or stayed in it?",
            Arrays.toString(values), k, context, k - 1)
        .isEqualTo(expected);
  }

  @Test
  @Tag("task:1")
  @DisplayName("runs in O(n): a decreasing array of 262,144 values, k = 131,072, within 1.5 s")
  void linearTime() {
    long spentNanos = 0;
    for (int n = 1 << 10; n <= 1 << 18; n <<= 1) {
      int k = n / 2;
      int[] values = new int[n];
      for (int i = 0; i < n; i++) {
        values[i] = n - i; // strictly decreasing: the maximum leaves every window
      }
      long start = System.nanoTime();
      int[] maxima = maxima(values, k, "(a strictly decreasing array)");
      long took = System.nanoTime() - start;
      spentNanos += took;
      int windows = n - k + 1;
      assertThat(maxima)
          .as("of(values, %d) for n - i at index i (n = %d): %d windows", k, n, windows)
          .hasSize(windows);
      int size = n;
      int wrong = firstMismatch(maxima, i -> size - i);
      assertThat(wrong)
          .as(
              "the first window whose maximum is wrong in of(values, %d) for the decreasing array"
                  + " n - i (n = %d): window i starts with the largest value, n - i; got %s there",
              k, n, wrong < 0 ? "" : String.valueOf(maxima[wrong]))
          .isEqualTo(-1);
      assertThat(spentNanos / 1_000_000)
          .as(
              "milliseconds spent so far: of(values, %d) on a strictly decreasing array of n = %d"
                  + " values took %d ms, all sizes from n = 1,024 up to here %d ms, over the %d ms"
                  + " budget for every size up to n = 262,144 (the deque solution took about 55 ms"
                  + " for all of them on a C1-only JVM and two busy cores). Rescanning a window"
                  + " costs k steps, O(n·k) in all, and in a decreasing array the maximum leaves"
                  + " every window: keep a deque of indices whose values decrease, so each index is"
                  + " added once and removed at most once",
              k, n, took / 1_000_000, spentNanos / 1_000_000, BUDGET_MILLIS)
          .isLessThanOrEqualTo(BUDGET_MILLIS);
    }
  }

  // ---- task 2: WindowMaximum.longestUniqueSubstring ----

  @ParameterizedTest(name = "\"{0}\" gives {1}", quoteTextArguments = false)
  @Tag("task:2")
  @DisplayName("the longest run of characters without a repeat:")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          abcabcbb | 3
          bbbbb    | 1
          pwwkew   | 3
          abba     | 2
          dvdf     | 3
          tmmzuxt  | 5
          abcdef   | 6
          a        | 1
          ''       | 0
          """)
  void longestExamples(String s, int expected) {
    assertThat(longest(s, "from the examples table"))
        .as(
            "longestUniqueSubstring(\"%s\"): the length of the longest substring in which no"
                + " character occurs twice",
            s)
        .isEqualTo(expected);
  }

  @Test
  @Tag("task:2")
  @DisplayName("spaces and symbols are characters too; null is a NullPointerException")
  void longestOddCharacters() {
    assertThat(longest(" ", "")).as("longestUniqueSubstring(\" \"): one space").isEqualTo(1);
    assertThat(longest("a b\u0000c\uffff", ""))
        .as("longestUniqueSubstring(\"a b\\u0000c\\uffff\"): six distinct chars, \\u0000 included")
        .isEqualTo(6);
    assertThatThrownBy(() -> WindowMaximum.longestUniqueSubstring(null))
        .as("longestUniqueSubstring(null)")
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  @Tag("task:2")
  @DisplayName("property: equals a brute-force search on 600 generated strings")
  void longestMatchesBruteForce() {
    var random = new SplittableRandom(SEED + 2);
    String[] alphabets = {"ab", "abc", "abcdefghijklmnopqrstuvwxyz", "a \u0000\uffff\ud83d\ude00"};
    for (int c = 0; c < CASES; c++) {
      String alphabet = alphabets[c % alphabets.length];
      int n = random.nextInt(1 + c / 10);
      var s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String context = "(generated case " + c + ", seed " + (SEED + 2) + ")";
      assertThat(longest(s.toString(), context))
          .as(
              "longestUniqueSubstring(\"%s\") %s: expected what trying every substring gives."
                  + " Trace it by hand: does start ever move backwards, or stay put past a repeat?",
              escape(s.toString()), context)
          .isEqualTo(bruteLongest(s.toString()));
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("runs in O(n): 32,768 distinct characters within 1.5 s")
  void longestLinearTime() {
    long spentNanos = 0;
    for (int n = 1 << 8; n <= 1 << 15; n <<= 1) {
      var s = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        s.append((char) (0x100 + i)); // all distinct, below the surrogates at U+D800
      }
      String text = s.toString();
      long start = System.nanoTime();
      int length = longest(text, "(a string of " + n + " distinct characters)");
      long took = System.nanoTime() - start;
      spentNanos += took;
      assertThat(length)
          .as("longestUniqueSubstring of %d distinct characters: the whole string", n)
          .isEqualTo(n);
      assertThat(spentNanos / 1_000_000)
          .as(
              "milliseconds spent so far: longestUniqueSubstring on %d distinct characters took %d"
                  + " ms, all sizes from 256 up to here %d ms, over the %d ms budget for every size"
                  + " up to 32,768 (the reference took about 11 ms). Restarting at every start"
                  + " index costs O(n²) when nothing repeats: keep one window and move only its"
                  + " start, forward, to just past the earlier copy of a repeated character",
              n, took / 1_000_000, spentNanos / 1_000_000, BUDGET_MILLIS)
          .isLessThanOrEqualTo(BUDGET_MILLIS);
    }
  }

  // ---- helpers: the oracles, and calls that name their input when the learner's code throws ----

  private static int[] bruteMaxima(int[] values, int k) {
    int[] maxima = new int[values.length - k + 1];
    for (int i = 0; i < maxima.length; i++) {
      maxima[i] = Arrays.stream(values, i, i + k).max().orElseThrow();
    }
    return maxima;
  }

  private static int bruteLongest(String s) {
    int longest = 0;
    for (int start = 0; start < s.length(); start++) {
      for (int end = start; end < s.length(); end++) {
        String window = s.substring(start, end + 1);
        if (window.chars().distinct().count() == window.length()) {
          longest = Math.max(longest, window.length());
        }
      }
    }
    return longest;
  }

  private static int[] maxima(int[] values, int k, String context) {
    try {
      return WindowMaximum.of(values, k);
    } catch (UnsupportedOperationException todo) {
      throw todo;
    } catch (RuntimeException e) {
      throw new AssertionError(
          "of(" + describe(values) + ", " + k + ") " + context + " threw " + e, e);
    }
  }

  private static int longest(String s, String context) {
    try {
      return WindowMaximum.longestUniqueSubstring(s);
    } catch (UnsupportedOperationException todo) {
      throw todo;
    } catch (RuntimeException e) {
      throw new AssertionError(
          "longestUniqueSubstring(\"" + escape(s) + "\") " + context + " threw " + e, e);
    }
  }

  private static int firstMismatch(int[] actual, IntUnaryOperator expected) {
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != expected.applyAsInt(i)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(int[] values) {
    return values.length <= 64
        ? Arrays.toString(values)
        : "an array of " + values.length + " values starting " + values[0] + ", " + values[1];
  }

  private static String escape(String s) {
    var out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(c >= ' ' && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }

  private static int[] ints(String text) {
    return Arrays.stream(text.strip().split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }
}
