package dev.prep.network;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sliding-window algorithm pattern (滑动窗口): two answers that move a window across an input once,
 * instead of recomputing every window from scratch.
 *
 * <p><b>Task 1, {@link #of}</b>: the maximum of every window of {@code k} consecutive values (the
 * interview classic "sliding window maximum", LeetCode 239). Recomputing each window's maximum
 * costs O(k) per window, O(n·k) in all. The monotonic deque does it in O(n): keep the
 * <em>indices</em> of the values that can still become a window's maximum, oldest first, their
 * values strictly decreasing from the front; each index enters the deque once and leaves it at most
 * once.
 *
 * <p><b>Task 2, {@link #longestUniqueSubstring}</b>: the length of the longest substring without a
 * repeated character (LeetCode 3), in O(n) with a window {@code [start, end]} whose start only ever
 * moves forward.
 */
public final class WindowMaximum {
  private WindowMaximum() {}

  /**
   * The maximum of every window of {@code k} consecutive values.
   *
   * <p>The window starting at index {@code i} covers {@code values[i] .. values[i + k - 1]}, so
   * there are {@code values.length - k + 1} windows and the result has that length: {@code
   * result[i]} is the largest of those {@code k} values. For {@code [1, 3, -1, -3, 5, 3, 6, 7]} and
   * {@code k = 3} the result is {@code [3, 3, 5, 5, 6, 7]}. Any {@code int} may occur, duplicates,
   * {@link Integer#MIN_VALUE} and {@link Integer#MAX_VALUE} included. {@code values} is not
   * modified.
   *
   * <p>Runs in O(n) time for n = {@code values.length}, whatever {@code k} is: the grader times a
   * strictly decreasing array of up to 262,144 values with {@code k} half its length, where a
   * nested loop over each window (O(n·k)) takes minutes.
   *
   * @param values the values, at least one (a window needs {@code k ≥ 1} of them)
   * @param k the window size, {@code 1 ≤ k ≤ values.length}
   * @return a new array of {@code values.length - k + 1} window maxima, oldest window first
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code k < 1} or {@code k > values.length} (so always for
   *     an empty array), naming {@code k} and the length in the message
   */
  public static int[] of(int[] values, int k) {
    Deque<Integer> candidates = new ArrayDeque<>();
    // a k that fits no window is the caller's mistake: say so instead of returning an empty array
    if (k < 1 || k > values.length) {
      throw new IllegalArgumentException(
          "k must be between 1 and values.length = " + values.length + ", was " + k);
    }
    int[] maxima = new int[values.length - k + 1];
    for (int i = 0; i < values.length; i++) {
      if (!candidates.isEmpty() && candidates.peekFirst() <= i - k) {
        candidates.pollFirst(); // the oldest candidate slid out of the window
      }
      while (!candidates.isEmpty() && values[candidates.peekLast()] <= values[i]) {
        candidates.pollLast(); // an older value no larger than values[i] can never be a maximum
      }
      candidates.addLast(i);
      if (i >= k - 1) {
        maxima[i - k + 1] = values[candidates.peekFirst()]; // the front is the window's maximum
      }
    }
    return maxima;
  }

  /**
   * The length of the longest substring of {@code s} in which no character occurs twice.
   *
   * <p>Characters are {@code char}s (UTF-16 code units, as {@link String#charAt} returns them); a
   * substring is a run of consecutive characters. {@code "abcabcbb"} gives 3 ({@code "abc"}),
   * {@code "pwwkew"} gives 3 ({@code "wke"}), {@code "abba"} gives 2, and {@code ""} gives 0.
   *
   * <p>Runs in O(n) time for n = {@code s.length()}: the grader times strings of up to 32,768
   * distinct characters, where restarting the scan at every start index (O(n²)) is far too slow.
   *
   * @param s the string, possibly empty
   * @return the length of its longest substring without a repeated character
   * @throws NullPointerException if {@code s} is null
   */
  public static int longestUniqueSubstring(String s) {
    // one slot per char value: the index just past where it was last seen, 0 for never (a
    // HashMap<Character, Integer> works as well)
    int[] seenBefore = new int[Character.MAX_VALUE + 1];
    int start = 0;
    int longest = 0;
    for (int end = 0; end < s.length(); end++) {
      char c = s.charAt(end);
      // a repeat inside the window moves start just past it; one before start changes nothing
      start = Math.max(start, seenBefore[c]);
      seenBefore[c] = end + 1;
      longest = Math.max(longest, end - start + 1);
    }
    return longest;
  }
}
