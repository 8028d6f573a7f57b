package dev.prep.runner.grade;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The worker JVM's main class: reads {@link WorkerMessage.Grade} requests from stdin, one per line,
 * and answers on the original stdout. Learner code only ever runs here.
 *
 * <p>Usage: {@code java -cp <runner + request class path> dev.prep.runner.grade.GradingWorker
 * <outputCapBytes>}
 */
public final class GradingWorker {
  private final Channel channel;
  private final OutputCapture capture;
  private final InMemoryCompiler compiler = new InMemoryCompiler();
  private final Launcher launcher = LauncherFactory.create();
  private final Set<String> ownClasspath;
  private List<String> libraryClasspath = List.of();
  private ClassLoader libraries = ClassLoader.getSystemClassLoader();
  private volatile GraderRun active;

  private GradingWorker(Channel channel, OutputCapture capture) {
    this.channel = channel;
    this.capture = capture;
    this.ownClasspath =
        Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
            .collect(Collectors.toSet());
  }

  /** How long a new worker waits for a first request before it warms up on its own. */
  static final long REQUEST_GRACE_MILLIS = 1000;

  public static void main(String[] args) throws IOException {
    int cap = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
    var protocolOut =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    InputStream protocolIn = new FileInputStream(FileDescriptor.in);
    System.setIn(InputStream.nullInputStream());
    var capture = new OutputCapture(cap);
    capture.install();
    var worker = new GradingWorker(new Channel(protocolOut), capture);
    Runtime.getRuntime().addShutdownHook(new Thread(worker::reportExit, "prep-exit-reporter"));
    worker.serve(new BufferedReader(new InputStreamReader(protocolIn, StandardCharsets.UTF_8)));
    Runtime.getRuntime().halt(0); // threads the learner left behind must not keep the JVM alive
  }

  private void serve(BufferedReader in) throws IOException {
    long start = System.nanoTime();
    if (!requestWithin(in, REQUEST_GRACE_MILLIS)) {
      warmUp(); // nobody is waiting yet (a replacement worker, say): be warm for the next save
    }
    channel.send(
        new WorkerMessage.Ready(
            ProcessHandle.current().pid(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    for (String line; (line = in.readLine()) != null; ) {
      if (WireFormat.decode(line) instanceof WorkerMessage.Grade request) {
        var run = new GraderRun(request, channel, capture);
        active = run;
        boolean tainted = run.run(compiler, librariesFor(request.classpath()), launcher);
        active = null;
        capture.take();
        if (tainted) {
          return;
        }
      }
    }
  }

  /**
   * A one-shot check sends its request while this JVM boots; warming up then would only delay it.
   */
  private static boolean requestWithin(BufferedReader in, long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!in.ready()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * While nobody waits: loads and warms javac, and runs one trivial test through the Launcher, so
   * the first real request finds both compiler and JUnit warm.
   */
  private void warmUp() {
    List<Path> ownJars = ownClasspath.stream().map(Path::of).toList();
    var warm =
        compiler.compile(
            List.of(
                new SourceFile(
                    "WarmUpTest.java",
                    "class WarmUpTest { @org.junit.jupiter.api.Test void runs() {"
                        + " String.valueOf(1); } }")),
            ownJars);
    if (warm.ok()) {
      var loader = new CompiledClassLoader(warm.classes(), new SourceOrder(List.of()), libraries);
      try {
        launcher.execute(
            GraderRun.configured(
                    LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectClass(loader.loadClass("WarmUpTest"))))
                .build());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("warm-up class vanished", e);
      }
    }
    capture.take();
  }

  /**
   * A loader for the request's libraries that are not already on this JVM's class path, cached
   * while requests keep using the same class path.
   */
  private ClassLoader librariesFor(List<String> classpath) {
    if (classpath.equals(libraryClasspath)) {
      return libraries;
    }
    List<URL> extra = new ArrayList<>();
    for (String entry : classpath) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (!ownClasspath.contains(path.toString())) {
        try {
          extra.add(path.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    // the system loader: in a Lincheck worker, the one that defines Lincheck and sees the
    // submission
    ClassLoader app = ClassLoader.getSystemClassLoader();
    libraries =
        extra.isEmpty()
            ? app
            : new URLClassLoader("prep-libraries", extra.toArray(URL[]::new), app);
    libraryClasspath = List.copyOf(classpath);
    return libraries;
  }

  /**
   * Shutdown hook: runs only when something called System.exit (the worker itself halts), so it can
   * name the test and the learner's line that called it.
   */
  private void reportExit() {
    GraderRun run = active;
    if (run != null) {
      channel.send(new WorkerMessage.HazardFound(run.exitHazard()));
    }
  }
}
