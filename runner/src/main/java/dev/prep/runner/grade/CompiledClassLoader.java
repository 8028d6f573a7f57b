package dev.prep.runner.grade;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

/**
 * Loads one grading's freshly compiled classes, child-first, so a stale copy of the learner's class
 * elsewhere on the class path never shadows the code just written. One per request, then dropped
 * with all the learner's static state.
 */
final class CompiledClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;
  private final SourceOrder sourceOrder;

  CompiledClassLoader(Map<String, byte[]> classes, SourceOrder sourceOrder, ClassLoader parent) {
    super("prep-grading", parent);
    this.classes = Map.copyOf(classes);
    this.sourceOrder = sourceOrder;
  }

  /** Where the grader methods it loaded sit in their sources: for {@link SourceMethodOrder}. */
  SourceOrder sourceOrder() {
    return sourceOrder;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!classes.containsKey(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = findClass(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  /**
   * Loads {@code name} only if this request compiled it, never through the parent: the worker's
   * system loader falls back to this one, and this one's parents lead back to it.
   */
  Class<?> loadOwn(String name) throws ClassNotFoundException {
    if (!classes.containsKey(name)) {
      throw new ClassNotFoundException(name);
    }
    return loadClass(name, false);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /**
   * Serves the class files this request compiled as resources ({@code dev/prep/x/Y.class}), so a
   * grader can read the learner's bytecode with {@code java.lang.classfile} to check a habit no run
   * can show, such as which random generator a class uses.
   */
  @Override
  public InputStream getResourceAsStream(String name) {
    if (name.endsWith(".class")) {
      byte[] bytes = classes.get(name.substring(0, name.length() - 6).replace('/', '.'));
      if (bytes != null) {
        return new ByteArrayInputStream(bytes);
      }
    }
    return super.getResourceAsStream(name);
  }
}
