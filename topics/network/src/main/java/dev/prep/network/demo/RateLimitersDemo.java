package dev.prep.network.demo;

import dev.prep.network.limit.FakeClock;
import dev.prep.network.limit.FixedWindowLimiter;
import dev.prep.network.limit.LeakyBucketLimiter;
import dev.prep.network.limit.RateLimiter;
import dev.prep.network.limit.SlidingLogLimiter;
import dev.prep.network.limit.SlidingWindowCounterLimiter;
import dev.prep.network.limit.TokenBucketLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/*
 * Five rate limiters (限流) side by side, on the same traffic, on a virtual clock.
 *
 * Every limiter is set to "10 requests a second" in its own terms:
 *   fixed window (固定窗口)          10 per aligned 1 s window, count reset at each boundary
 *   sliding log (滑动日志)           10 in any (now − 1 s, now], one timestamp kept per request
 *   sliding counter (滑动窗口计数)   previous window × the part of it still covered + current ≤ 10
 *   token bucket (令牌桶)            10 tokens, refilled at 10 a second, starts full
 *   leaky bucket (漏桶), a queue     holds 10 requests, passes one on every 100 ms
 *
 * The leaky bucket is a queue here, as Nginx's limit_req is: it does not refuse a burst that fits,
 * it delays it, so its columns count what reaches the service (when each request leaves the
 * bucket), not when it arrived.
 *
 * Three kinds of traffic, all from idle:
 *   steady    random arrivals (exponential gaps, seeded) averaging 12 a second for 10 s;
 *   boundary  10 requests in the last 100 ms of the first second and 10 in the first 100 ms of the
 *             next: the fixed window's blind spot;
 *   burst     200 a second for 2 s.
 * Columns: accepted, rejected, the most that reached the service in any sliding 1 s span (found
 * with the two-pointer sliding-window pattern, see maxInAnySpan), and the most numbers the limiter
 * kept for this one key at any moment (its memory per user).
 *
 * What to see: the sliding log is the only one never above 10 in any second; the fixed window lets
 * 20 through in 200 ms at the boundary; the token bucket passes its capacity at once, then its
 * rate; the leaky bucket's output is never more than one per 100 ms.
 *
 * Run: prep demo network rate-limiters
 */
public final class RateLimitersDemo {

  static final int LIMIT = 10;
  static final long SEED = 7;
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;

  private RateLimitersDemo() {}

  /** A named list of arrival times in nanoseconds, ascending. */
  record Traffic(String name, String description, List<Long> arrivals) {}

  /** What one limiter did with one traffic. */
  record Outcome(
      String limiter, int accepted, int rejected, List<Long> passedAt, int maxStored, int run) {

    /** The most requests that reached the service in any span (t − 1 s, t]. */
    int maxInAnySecond() {
      return maxInAnySpan(passedAt, SECOND);
    }

    /** How many reached the service in [from, to). */
    long passedBetween(long from, long to) {
      return passedAt.stream().filter(t -> t >= from && t < to).count();
    }
  }

  static Traffic steady() {
    var random = new SplittableRandom(SEED);
    List<Long> arrivals = new ArrayList<>();
    double t = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) / 12.0; // exponential gap, mean 1/12 s
      if (t >= 10) {
        return new Traffic(
            "steady", "random, 12/s on average for 10 s (seed " + SEED + ")", arrivals);
      }
      arrivals.add(Math.round(t * 1000) * MS); // whole milliseconds keep the tables readable
    }
  }

  static Traffic boundary() {
    List<Long> arrivals = new ArrayList<>();
    for (long ms = 900; ms < 1100; ms += 10) {
      arrivals.add(ms * MS);
    }
    return new Traffic("boundary", "10 in 0.90-0.99 s, 10 in 1.00-1.09 s", arrivals);
  }

  static Traffic burst() {
    List<Long> arrivals = new ArrayList<>();
    for (long ms = 0; ms < 2000; ms += 5) {
      arrivals.add(ms * MS);
    }
    return new Traffic("burst", "200/s for 2 s, one every 5 ms", arrivals);
  }

  /** The five limiters, fresh, all at "10 a second", on {@code clock}. */
  static List<RateLimiter> limiters(FakeClock clock) {
    return List.of(
        new FixedWindowLimiter(LIMIT, SECOND, clock),
        new SlidingLogLimiter(LIMIT, SECOND, clock),
        new SlidingWindowCounterLimiter(LIMIT, SECOND, clock),
        new TokenBucketLimiter(LIMIT, LIMIT, clock),
        new LeakyBucketLimiter(LIMIT, LIMIT, clock));
  }

  /** Runs {@code traffic} through the five limiters side by side, one outcome per limiter. */
  static List<Outcome> run(Traffic traffic) {
    var clock = new FakeClock();
    List<RateLimiter> limiters = limiters(clock);
    List<Tally> tallies = limiters.stream().map(l -> new Tally()).toList();
    for (long t : traffic.arrivals()) {
      clock.setNanos(t); // every limiter sees each request at the same instant
      for (int i = 0; i < limiters.size(); i++) {
        tallies.get(i).record(limiters.get(i), t);
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < limiters.size(); i++) {
      outcomes.add(tallies.get(i).outcome(limiters.get(i).name()));
    }
    return outcomes;
  }

  /** One limiter's decisions so far. */
  private static final class Tally {
    private final List<Long> passedAt = new ArrayList<>();
    private int rejected;
    private int maxStored;
    private int run = -1; // accepted back to back before the first refusal

    void record(RateLimiter limiter, long t) {
      if (limiter.tryAcquire()) {
        // a queue passes a request on when it leaves the bucket; the others at once
        passedAt.add(limiter instanceof LeakyBucketLimiter leaky ? leaky.lastLeavesAt() : t);
      } else {
        rejected++;
        run = run < 0 ? passedAt.size() : run;
      }
      maxStored = Math.max(maxStored, limiter.storedNumbers());
    }

    Outcome outcome(String name) {
      return new Outcome(
          name,
          passedAt.size(),
          rejected,
          List.copyOf(passedAt),
          maxStored,
          run < 0 ? passedAt.size() : run);
    }
  }

  /**
   * The largest number of {@code times} (ascending) in any span (t − span, t]: two pointers, the
   * right one adds a time, the left one drops the times that fell out. O(n).
   */
  static int maxInAnySpan(List<Long> times, long span) {
    int best = 0;
    for (int left = 0, right = 0; right < times.size(); right++) {
      while (times.get(left) <= times.get(right) - span) {
        left++;
      }
      best = Math.max(best, right - left + 1);
    }
    return best;
  }

  public static void main(String[] args) {
    System.out.println("== Five rate limiters, one traffic, a virtual clock ==");
    System.out.println(
        "Watch: which limiter lets more than 10 through in some 1 s span, and which smooths.");
    System.out.println(
        "Each is set to 10 requests/s: fixed window, sliding log, sliding counter, token bucket"
            + " (capacity 10), leaky bucket (a queue of 10, one out every 100 ms; its columns"
            + " count requests leaving it).");
    System.out.println();
    Outcome fixedAtBoundary = null;
    Outcome tokenInBurst = null;
    for (Traffic traffic : List.of(steady(), boundary(), burst())) {
      List<Outcome> outcomes = run(traffic);
      System.out.printf(
          "-- %s: %s, %d requests --%n",
          traffic.name(), traffic.description(), traffic.arrivals().size());
      System.out.printf(
          "%-16s %8s %8s %14s %12s%n",
          "limiter", "accepted", "rejected", "max in any 1s", "stored max");
      for (Outcome o : outcomes) {
        System.out.printf(
            "%-16s %8d %8d %14d %12d%n",
            o.limiter(), o.accepted(), o.rejected(), o.maxInAnySecond(), o.maxStored());
      }
      if (traffic.name().equals("boundary")) {
        printTimeline(traffic, outcomes);
        fixedAtBoundary = outcomes.getFirst();
      }
      if (traffic.name().equals("burst")) {
        tokenInBurst = outcomes.get(3);
        System.out.printf(
            "token bucket: %d accepted back to back before its first refusal (capacity %d),"
                + " then one per 100 ms.%n",
            tokenInBurst.run(), LIMIT);
      }
      System.out.println();
    }
    System.out.printf(
        "You saw: the fixed window pass %d requests in the 200 ms around a boundary (2 x its"
            + " limit), the sliding log never more than %d in any second, and the token bucket"
            + " pass a burst of %d, its capacity.%n",
        fixedAtBoundary.passedBetween(900 * MS, 1100 * MS), LIMIT, tokenInBurst.run());
  }

  /** The boundary traffic per 100 ms: what arrived and what each limiter let through. */
  private static void printTimeline(Traffic traffic, List<Outcome> outcomes) {
    System.out.println();
    System.out.printf("%-11s %7s", "per 100 ms", "arrived");
    for (Outcome o : outcomes) {
      String[] words = o.limiter().split(" ");
      System.out.printf(" %8s", words[0].equals("sliding") ? words[1] : words[0]);
    }
    System.out.println();
    for (long slot = 8; slot <= 20; slot++) {
      long from = slot * 100 * MS;
      long to = from + 100 * MS;
      long arrived = traffic.arrivals().stream().filter(t -> t >= from && t < to).count();
      System.out.printf("%4d-%4d ms %7d", from / MS, to / MS - 1, arrived);
      for (Outcome o : outcomes) {
        System.out.printf(" %8d", o.passedBetween(from, to));
      }
      System.out.println();
    }
    Outcome fixed = outcomes.getFirst();
    System.out.printf(
        "fixed window: %d passed between 0.90 s and 1.10 s, 2 x its limit of %d in 200 ms.%n",
        fixed.passedBetween(900 * MS, 1100 * MS), LIMIT);
  }
}
