package dev.prep.redis.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;

/*
 * Pipelining (管道): send many commands, then read all the replies, instead of waiting for each.
 *
 * A Redis command is cheap: the server looks a key up in a hash table and writes a few bytes. What
 * costs is the round trip around it. The client writes the request (a system call), the kernel
 * wakes the server, the server reads, runs the command, writes the reply (two more system calls),
 * the kernel wakes the client, which reads it. With one command per round trip the client spends
 * almost all its time waiting, and the server too: it does one read and one write per command.
 * redis.io's page on pipelining ("Redis pipelining") puts it the same way: the round-trip time,
 * not the command, bounds a client that waits for every reply.
 *
 * A pipeline writes N requests back to back and reads N replies at the end: one wait instead of
 * N, and a few large reads and writes on both sides instead of N small ones (Jedis buffers the
 * requests and writes whenever its output buffer fills: 8192 bytes in RedisOutputStream unless
 * -Djedis.bufferSize says otherwise). The server answers in order, so the client matches the
 * i-th reply to the i-th request. Pipelining is not atomic: other clients' commands may run
 * between yours. MULTI ... EXEC is (a transaction, 事务): the server queues the commands (replying QUEUED to
 * each) and runs them all at EXEC with nobody in between, but it does not roll back when one of
 * them fails at run time. Jedis pipelines a transaction too: it writes MULTI and the commands,
 * reads OK and the QUEUEDs, then sends EXEC and reads its array of replies: two round trips
 * (Jedis 8.0.2, Transaction.exec), plus the server's work of queueing.
 *
 * This demo sends the same 10,000 SETs three ways, on connections whose socket counts writes,
 * reads and round trips (a read that follows a write: the moments the client waited). Each way
 * runs once unmeasured first, so the JIT has compiled client and (in-process) server.
 *
 * What you should see: 10,000 round trips one by one, 1 for the pipeline and 2 for MULTI/EXEC;
 * the pipeline many times faster. How many times depends on the machine and its load; the test
 * checks only that the pipeline wins. Over a real network each round trip costs more, so the gap
 * grows: multiply the round trips by the network's RTT.
 *
 * Run: prep demo redis pipelining            (against the in-process reference server)
 *      prep demo redis pipelining -- --redis redis://127.0.0.1:6379
 */
public final class PipeliningDemo {

  static final int SETS = 10_000;
  private static final int WARM_UP = 2_000;

  private PipeliningDemo() {}

  /** One way of sending the SETs, measured. */
  record Run(String way, int sets, long nanos, long roundTrips, long writes, long reads) {
    double setsPerSecond() {
      return sets * 1e9 / nanos;
    }
  }

  /** One connection, one SET per round trip. */
  static Run oneByOne(DemoRedis redis, int n) {
    var socket = new CountingSocket();
    try (Jedis jedis = redis.connectOver(socket)) {
      jedis.ping(); // connected and ready: what follows is only the SETs
      long before = socket.roundTrips();
      long writes = socket.writes();
      long reads = socket.reads();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        jedis.set(key(i), "one-by-one " + i); // writes, flushes, waits for +OK
      }
      return measured("one by one", n, start, socket, before, writes, reads);
    }
  }

  /** One connection, all SETs written, then all replies read. */
  static Run pipelined(DemoRedis redis, int n) {
    var socket = new CountingSocket();
    try (Jedis jedis = redis.connectOver(socket)) {
      jedis.ping();
      long before = socket.roundTrips();
      long writes = socket.writes();
      long reads = socket.reads();
      long start = System.nanoTime();
      Pipeline pipeline = jedis.pipelined();
      for (int i = 0; i < n; i++) {
        pipeline.set(key(i), "pipelined " + i); // buffered, flushed when the buffer fills
      }
      pipeline.sync(); // flushes the rest, then reads every reply
      return measured("pipelined", n, start, socket, before, writes, reads);
    }
  }

  /** One connection, MULTI, all SETs, EXEC: atomic, and (but for EXEC) pipelined by Jedis. */
  static Run multiExec(DemoRedis redis, int n) {
    var socket = new CountingSocket();
    try (Jedis jedis = redis.connectOver(socket)) {
      jedis.ping();
      long before = socket.roundTrips();
      long writes = socket.writes();
      long reads = socket.reads();
      long start = System.nanoTime();
      Transaction tx = jedis.multi();
      for (int i = 0; i < n; i++) {
        tx.set(key(i), "multi/exec " + i); // the server queues it and answers QUEUED
      }
      List<Object> replies = tx.exec(); // reads OK and the QUEUEDs; sends EXEC, reads n replies
      if (replies == null || replies.size() != n) {
        throw new IllegalStateException("EXEC returned " + replies + " for " + n + " SETs");
      }
      return measured("MULTI/EXEC", n, start, socket, before, writes, reads);
    }
  }

  private static Run measured(
      String way, int n, long start, CountingSocket socket, long trips, long writes, long reads) {
    long nanos = System.nanoTime() - start;
    return new Run(
        way,
        n,
        nanos,
        socket.roundTrips() - trips,
        socket.writes() - writes,
        socket.reads() - reads);
  }

  static String key(int i) {
    return "demo:pipelining:" + i;
  }

  /** Each way once to warm up, then each way measured, in the same order. */
  static List<Run> measure(DemoRedis redis, int n) {
    oneByOne(redis, WARM_UP);
    pipelined(redis, WARM_UP);
    multiExec(redis, WARM_UP);
    List<Run> runs = new ArrayList<>();
    runs.add(oneByOne(redis, n));
    runs.add(pipelined(redis, n));
    runs.add(multiExec(redis, n));
    return runs;
  }

  static void deleteKeys(DemoRedis redis, int n) {
    try (Jedis jedis = redis.connect()) {
      Pipeline pipeline = jedis.pipelined();
      for (int i = 0; i < n; i++) {
        pipeline.del(key(i));
      }
      pipeline.sync();
    }
  }

  public static void main(String[] args) throws Exception {
    DemoRedis.run("pipelining", args, PipeliningDemo::show);
  }

  private static void show(DemoRedis redis) {
    System.out.println("== Pipelining: 10,000 SETs one by one, pipelined, and in MULTI/EXEC ==");
    System.out.println(
        "Watch: the round trips column. Waiting for each reply costs a round trip per command;");
    System.out.println("       a pipeline waits once.");
    System.out.println(redis.describe());
    System.out.println();
    deleteKeys(redis, Math.max(SETS, WARM_UP));
    List<Run> runs = measure(redis, SETS);
    System.out.printf(
        "%-11s %9s %12s %12s %8s %8s %9s%n",
        "way", "time ms", "SETs/s", "round trips", "writes", "reads", "speed-up");
    Run first = runs.getFirst();
    for (Run r : runs) {
      System.out.printf(
          Locale.ROOT,
          "%-11s %9.1f %,12.0f %,12d %,8d %,8d %8.1fx%n",
          r.way(),
          r.nanos() / 1e6,
          r.setsPerSecond(),
          r.roundTrips(),
          r.writes(),
          r.reads(),
          (double) first.nanos() / r.nanos());
    }
    try (Jedis jedis = redis.connect()) {
      System.out.printf(
          "%s is now %s: the last writer's value.%n", key(SETS - 1), jedis.get(key(SETS - 1)));
    }
    deleteKeys(redis, Math.max(SETS, WARM_UP));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "One by one, each SET took %.1f us, nearly all of it a round trip; over a network each%n"
            + "round trip also costs the network's RTT, so the gap grows.%n",
        first.nanos() / 1e3 / first.sets());
    Run pipelined = runs.get(1);
    Run multi = runs.get(2);
    System.out.printf(
        Locale.ROOT,
        "You saw: %,d round trips become %,d in a pipeline, %.1fx faster here and now; MULTI/EXEC"
            + " made the batch atomic for %d round trips.%n",
        first.roundTrips(),
        pipelined.roundTrips(),
        (double) first.nanos() / pipelined.nanos(),
        multi.roundTrips());
  }
}
