package dev.prep.gc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a mutator (a goroutine running the program): it moves pointers it already holds. A
 * goroutine can only store a pointer it has in a local variable, and only load one from a slot it
 * can reach, as real code can; it cannot conjure a pointer to an object it lost.
 *
 * <p>Text forms ({@code g1} is the goroutine): {@code g1: x = A.0} loads a field into a local,
 * {@code g1: A.0 = x} stores a local into a field or global, {@code g1: A.0 = nil} clears it,
 * {@code g1: x = y} copies between locals, {@code g1: x = new C(2)} allocates C with 2 fields.
 */
public sealed interface Op {

  /** The goroutine that runs this step. */
  String goroutine();

  /**
   * {@code g: var = *from} ({@code from} null for nil): a stack write, which Go does without a
   * barrier.
   */
  record Load(String goroutine, String var, Slot from) implements Op {
    @Override
    public String toString() {
      return goroutine
          + ": "
          + var
          + " = "
          + (from == null ? "nil" : from instanceof Slot.StackVar s ? s.name() : from.toString());
    }
  }

  /** {@code *to = g:var} (or nil when var is null): a heap or global write, through the barrier. */
  record Store(String goroutine, Slot to, String var) implements Op {
    @Override
    public String toString() {
      return goroutine + ": " + to + " = " + (var == null ? "nil" : var);
    }
  }

  /** {@code g: var = new object(fields)}: allocation into a local variable. */
  record New(String goroutine, String var, String object, int fields) implements Op {
    @Override
    public String toString() {
      return goroutine + ": " + var + " = new " + object + "(" + fields + ")";
    }
  }

  /** Parses one of the text forms in the class comment. */
  static Op parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a mutator step: '"
              + text.strip()
              + "' (expected e.g. g1: x = A.0, g1: A.0 = x, g1: x = new C(2))");
    }
    String g = m.group(1);
    String left = m.group(2);
    String right = m.group(3);
    Matcher alloc = NEW.matcher(right);
    boolean leftIsLocal = left.matches(LOCAL);
    if (alloc.matches()) {
      if (!leftIsLocal) {
        throw new IllegalArgumentException(
            "'" + text.strip() + "': allocate into a local variable, then store it");
      }
      return new New(g, left, alloc.group(1), Integer.parseInt(alloc.group(2)));
    }
    if (leftIsLocal) {
      if (right.equals("nil")) {
        return new Load(g, left, null);
      }
      Slot from = right.matches(LOCAL) ? new Slot.StackVar(g, right) : Slot.parse(right);
      return new Load(g, left, from);
    }
    Slot to = Slot.parse(left);
    if (to instanceof Slot.StackVar) {
      throw new IllegalArgumentException(
          "'" + text.strip() + "': write a local as x = ..., not as g:x");
    }
    if (right.equals("nil")) {
      return new Store(g, to, null);
    }
    if (!right.matches(LOCAL)) {
      throw new IllegalArgumentException(
          "'"
              + text.strip()
              + "': a store's right side is a local variable or nil (load the pointer into a local first)");
    }
    return new Store(g, to, right);
  }

  String LOCAL = "[a-z][a-z0-9_]*";
  Pattern FORM = Pattern.compile("([A-Za-z0-9_]+)\\s*:\\s*(\\S+)\\s*=\\s*(.+)");
  Pattern NEW = Pattern.compile("new\\s+([A-Z][A-Za-z0-9_]*)\\s*\\(\\s*(\\d+)\\s*\\)");
}
