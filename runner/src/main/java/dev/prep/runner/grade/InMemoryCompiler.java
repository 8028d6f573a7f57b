package dev.prep.runner.grade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles sources in memory with one long-lived javac and file manager, so a warm worker pays
 * neither for loading javac nor for re-reading the library jars' indexes.
 */
final class InMemoryCompiler {
  private static final List<String> OPTIONS =
      List.of("-g:source,lines", "-proc:none", "-Xlint:none", "-implicit:none");

  private final JavaCompiler javac;
  private final StandardJavaFileManager standard;
  private List<Path> classpath = List.of();

  InMemoryCompiler() {
    javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "the grading JVM has no Java compiler: run prep with a full JDK 25, not a JRE");
    }
    standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
  }

  /** The compiled classes (binary name to bytes), or the errors. */
  record Result(Map<String, byte[]> classes, List<Diagnostic> diagnostics) {
    boolean ok() {
      return diagnostics.isEmpty();
    }
  }

  Result compile(List<SourceFile> sources, List<Path> requestedClasspath) {
    useClasspath(requestedClasspath);
    Map<String, byte[]> classes = new HashMap<>();
    var collector = new DiagnosticCollector<JavaFileObject>();
    List<Source> units = sources.stream().map(Source::new).toList();
    var files = new MemoryFileManager(standard, classes);
    boolean ok = javac.getTask(null, files, collector, OPTIONS, null, units).call();
    List<Diagnostic> errors = errors(collector);
    if (!ok && errors.isEmpty()) {
      errors = List.of(new Diagnostic("(compiler)", 0, 0, "", "javac failed without a message"));
    }
    return new Result(ok ? Map.copyOf(classes) : Map.of(), errors);
  }

  private void useClasspath(List<Path> requested) {
    if (!requested.equals(classpath)) {
      try {
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, requested);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot use class path " + requested, e);
      }
      classpath = List.copyOf(requested);
    }
  }

  private static List<Diagnostic> errors(DiagnosticCollector<JavaFileObject> collector) {
    List<Diagnostic> errors = new ArrayList<>();
    for (var d : collector.getDiagnostics()) {
      if (d.getKind() != javax.tools.Diagnostic.Kind.ERROR) {
        continue;
      }
      String message = d.getMessage(Locale.ROOT);
      if (d.getSource() instanceof Source source) {
        errors.add(
            new Diagnostic(
                source.file.path(),
                d.getLineNumber(),
                d.getColumnNumber(),
                source.file.line(d.getLineNumber()),
                message));
      } else {
        errors.add(new Diagnostic("(compiler)", 0, 0, "", message));
      }
    }
    return errors;
  }

  /** A learner's or grader's file as javac sees it. */
  private static final class Source extends SimpleJavaFileObject {
    private final SourceFile file;

    Source(SourceFile file) {
      super(URI.create("string:///" + file.className().replace('.', '/') + ".java"), Kind.SOURCE);
      this.file = file;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return file.content();
    }
  }

  /**
   * Class files written into a map instead of a directory. Never closed: the standard file manager
   * it forwards to outlives each compilation, since its jar indexes are the warm cache.
   */
  private static final class MemoryFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, byte[]> classes;

    MemoryFileManager(StandardJavaFileManager standard, Map<String, byte[]> classes) {
      super(standard);
      this.classes = classes;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              classes.put(className, toByteArray());
            }
          };
        }
      };
    }
  }
}
