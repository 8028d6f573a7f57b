package dev.prep.runner.grade;

/**
 * The grading worker's system class loader ({@code -Djava.system.class.loader}): the JVM's own
 * application loader, plus the submission being graded. Tools that define classes under the system
 * loader (Lincheck's generated test runners) can then resolve the learner's and the grader's
 * classes, which are compiled in memory and loaded child-first per request, never from a file.
 */
public final class WorkerSystemLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static volatile ClassLoader submission;
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
  static void submission(ClassLoader loader) {
    submission = loader;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
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
      ClassLoader current = submission;
      if (current == null) {
        throw notOnTheClassPath;
      }
      return current.loadClass(name);
    }
  }
}
