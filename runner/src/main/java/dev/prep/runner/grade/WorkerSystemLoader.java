package dev.prep.runner.grade;

/**
 * The grading worker's system class loader ({@code -Djava.system.class.loader}): the JVM's own
 * application loader, plus the submission being graded. Tools that define classes under the system
 * loader (Lincheck's generated test runners) can then resolve the learner's and the grader's
 * classes, which are compiled in memory and loaded child-first per request, never from a file.
 *
 * <p>Lincheck's own classes are defined here too, from the same jars, rather than by the
 * application loader: Lincheck looks classes up with {@code Class.forName} from its own code (to
 * instrument the class of every object the code under test allocates), and that call searches the
 * loader that defined Lincheck. Defined here, the search reaches the submission.
 */
public final class WorkerSystemLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static volatile CompiledClassLoader submission;
  private final Appended appended;

  /** Called by the JVM with the built-in application loader as the parent. */
  public WorkerSystemLoader(ClassLoader parent) {
    super(parent);
    this.appended = new Appended(parent);
  }

  /**
   * Called by the JVM when an agent adds a jar to the system class loader's search (Lincheck's
   * agent does, through ByteBuddy): a custom system loader must offer this method.
   */
  void appendToClassPathForInstrumentation(String path) throws java.net.MalformedURLException {
    appended.add(java.nio.file.Path.of(path).toUri().toURL());
  }

  /** Jars that agents append at run time. */
  private static final class Appended extends java.net.URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    Appended(ClassLoader parent) {
      super("prep-appended", new java.net.URL[0], parent);
    }

    void add(java.net.URL url) {
      addURL(url);
    }
  }

  /** The loader of the submission now being graded, or null between requests. */
  static void submission(CompiledClassLoader loader) {
    submission = loader;
  }

  /** Lincheck's packages, defined by this loader (see the class comment). */
  private static boolean isLincheck(String name) {
    return name.startsWith("org.jetbrains.lincheck.")
        || name.startsWith("org.jetbrains.kotlinx.lincheck.");
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isLincheck(name)) {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = defineFromParent(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
    try {
      return super.loadClass(name, resolve);
    } catch (ClassNotFoundException notOnTheClassPath) {
      if (appended.getURLs().length > 0) {
        try {
          return appended.loadClass(name);
        } catch (ClassNotFoundException notAppendedEither) {
          // the submission's, then
        }
      }
      CompiledClassLoader current = submission;
      if (current == null) {
        throw notOnTheClassPath;
      }
      return current.loadOwn(name);
    }
  }

  private Class<?> defineFromParent(String name) throws ClassNotFoundException {
    java.net.URL url = getParent().getResource(name.replace('.', '/') + ".class");
    if (url == null) {
      throw new ClassNotFoundException(name);
    }
    try (var in = url.openStream()) {
      byte[] bytes = in.readAllBytes();
      var source = codeSourceOf(url);
      return defineClass(
          name,
          bytes,
          0,
          bytes.length,
          new java.security.ProtectionDomain(source, null, this, null));
    } catch (java.io.IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  /**
   * The jar a class file came from ({@code jar:file:/x.jar!/a/B.class} gives {@code file:/x.jar}).
   */
  private static java.security.CodeSource codeSourceOf(java.net.URL url) {
    try {
      String spec = url.toString();
      int bang = spec.indexOf("!/");
      var location =
          spec.startsWith("jar:") && bang > 0
              ? java.net.URI.create(spec.substring(4, bang))
              : url.toURI();
      return new java.security.CodeSource(
          location.toURL(), (java.security.cert.Certificate[]) null);
    } catch (java.net.URISyntaxException | java.net.MalformedURLException e) {
      return new java.security.CodeSource(url, (java.security.cert.Certificate[]) null);
    }
  }
}
