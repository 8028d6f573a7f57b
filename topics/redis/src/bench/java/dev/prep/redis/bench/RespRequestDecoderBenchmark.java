package dev.prep.redis.bench;

import dev.prep.redis.server.Client;
import dev.prep.redis.server.RespRequestDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/*
 * How fast the reference server turns bytes into requests: RespRequestDecoder on a pipelined batch.
 *
 * The batch is what redis-benchmark -t set,get -P 16 sends, eight times over: 64 SETs and 64 GETs
 * on its default key "key:__rand_int__" with its default 3-byte value, as RESP multibulk requests.
 * One decoder, as one connection has, is fed the batch in chunks of a given size and drained after
 * each chunk, the way the event loop does after each read:
 *
 *   chunk 16384   Redis's read buffer (PROTO_IOBUF_LEN, 16 KiB, src/server.h): the whole batch
 *                 arrives in one read, every request is complete when it is parsed
 *   chunk 1460    one Ethernet-sized TCP segment's payload: some requests straddle two reads
 *   chunk 7       a pathological trickle: nearly every request is resumed several times
 *
 * Scores: decode is requests per microsecond (128 per invocation); decode:bytes, an auxiliary
 * counter, is bytes per microsecond (that is, MB/s). Compare the first with the whole server's
 * pipelined throughput from prep bench redis (requests/s divided by a million): the difference is
 * what the event loop, the commands and the system calls cost.
 *
 * The source lives in the topic and compiles in solutions/, where JMH's annotation processor runs.
 * Run: prep bench redis RespRequestDecoder        (add -- -prof gc for allocation per request)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RespRequestDecoderBenchmark {

  static final int REQUESTS = 128;

  @Param({"16384", "1460", "7"})
  public int chunk;

  private byte[] batch;
  private RespRequestDecoder decoder;

  /** Bytes decoded, reported per microsecond next to the requests. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void setUp() {
    batch = batch(REQUESTS);
    decoder = new RespRequestDecoder(new Client(1, "127.0.0.1:0", true, 0));
  }

  /** {@code n} requests, SET and GET alternating, as one byte array. */
  static byte[] batch(int n) {
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      List<String> args =
          i % 2 == 0
              ? List.of("SET", "key:__rand_int__", "xxx")
              : List.of("GET", "key:__rand_int__");
      out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String a : args) {
        out.writeBytes(
            ("$" + a.length() + "\r\n" + a + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out.toByteArray();
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public int decode(Bytes counter, Blackhole bh) {
    int requests = 0;
    for (int offset = 0; offset < batch.length; offset += chunk) {
      decoder.feed(batch, offset, Math.min(chunk, batch.length - offset));
      for (List<String> request; (request = decoder.next()) != null; ) {
        bh.consume(request);
        requests++;
      }
    }
    if (requests != REQUESTS) {
      throw new IllegalStateException(requests + " requests decoded, expected " + REQUESTS);
    }
    counter.bytes += batch.length;
    return requests;
  }
}
