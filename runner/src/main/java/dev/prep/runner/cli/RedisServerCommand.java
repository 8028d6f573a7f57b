package dev.prep.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "redis-server",
    description =
        "Run the redis topic's reference server in the foreground on 127.0.0.1 (Ctrl-C stops"
            + " it), for redis-cli, redis-benchmark or any Redis client.")
final class RedisServerCommand implements Callable<Integer> {
  static final String MAIN = "dev.prep.redis.reference.RedisServerMain";

  @ParentCommand PrepCommand prep;

  @Option(names = "--port", paramLabel = "N", description = "The port (default 6379).")
  String port;

  @Option(
      names = "--requirepass",
      paramLabel = "PASSWORD",
      description = "Clients must AUTH with it first.")
  String requirepass;

  @Option(
      names = "--maxmemory",
      paramLabel = "BYTES",
      description = "A memory limit, e.g. 100mb (default 0: none).")
  String maxmemory;

  @Option(
      names = "--maxmemory-policy",
      paramLabel = "NAME",
      description = "What to evict over the limit: noeviction (default), allkeys-lru, ...")
  String policy;

  @Override
  public Integer call() {
    var course = prep.session().course();
    List<String> args = new ArrayList<>();
    add(args, "--port", port);
    add(args, "--requirepass", requirepass);
    add(args, "--maxmemory", maxmemory);
    add(args, "--maxmemory-policy", policy);
    return ChildJvm.run(List.of(), course.topicClasspath(course.topic("redis")), MAIN, args);
  }

  private static void add(List<String> args, String option, String value) {
    if (value != null) {
      args.add(option);
      args.add(value);
    }
  }
}
