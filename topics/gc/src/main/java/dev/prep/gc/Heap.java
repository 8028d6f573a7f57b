package dev.prep.gc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.Set;

/**
 * A small heap for watching a collector work: named objects with pointer fields, global variables,
 * goroutine stacks of local variables, and a colour for every object and every stack. Deterministic
 * (everything iterates in the order it was declared) and copyable, so a grader can try every
 * interleaving from the same starting point.
 *
 * <p>The text form, one declaration per line ({@code #} starts a comment):
 *
 * <pre>
 * $g   -> A         a global
 * g1:x -> B         local x on goroutine g1's stack
 * A    -> B, nil    object A with two fields
 * B                 object B with none
 * </pre>
 */
public final class Heap {

  private final Map<String, String[]> objects = new LinkedHashMap<>();
  private final Map<String, Color> colors = new LinkedHashMap<>();
  private final Map<String, String> globals = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> stacks = new LinkedHashMap<>();
  private final Map<String, Color> stackColors = new LinkedHashMap<>();

  /** An empty heap. */
  public Heap() {}

  /** Parses the text form (see the class comment). */
  public static Heap parse(String text) {
    var heap = new Heap();
    var pointers = new LinkedHashMap<Slot, String>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] sides = line.split("->", -1);
      if (sides.length > 2) {
        throw new IllegalArgumentException(
            "line " + lineNumber + ": more than one '->' in '" + raw.strip() + "'");
      }
      String left = sides[0].strip();
      List<String> targets =
          sides.length == 1
              ? List.of()
              : Arrays.stream(sides[1].split(",")).map(String::strip).toList();
      if (targets.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException(
            "line "
                + lineNumber
                + ": an empty target in '"
                + raw.strip()
                + "' (write nil for no pointer)");
      }
      if (left.startsWith("$") || left.contains(":")) {
        if (targets.size() != 1) {
          throw new IllegalArgumentException(
              "line " + lineNumber + ": a root holds exactly one pointer: '" + raw.strip() + "'");
        }
        Slot slot = Slot.parse(left);
        if (slot instanceof Slot.StackVar var) {
          heap.stacks
              .computeIfAbsent(var.goroutine(), g -> new LinkedHashMap<>())
              .put(var.name(), null);
          heap.stackColors.putIfAbsent(var.goroutine(), Color.WHITE);
        } else if (slot instanceof Slot.Global global) {
          heap.globals.put(global.name(), null);
        }
        pointers.put(slot, targets.getFirst());
      } else {
        if (!left.matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException(
              "line " + lineNumber + ": '" + left + "' is not an object name (letters, digits, _)");
        }
        if (heap.objects.containsKey(left)) {
          throw new IllegalArgumentException(
              "line " + lineNumber + ": object " + left + " declared twice");
        }
        heap.allocate(left, targets.size(), Color.WHITE);
        for (int i = 0; i < targets.size(); i++) {
          pointers.put(new Slot.Field(left, i), targets.get(i));
        }
      }
    }
    pointers.forEach(
        (slot, target) -> {
          String object = "nil".equals(target) ? null : target;
          if (object != null && !heap.objects.containsKey(object)) {
            throw new IllegalArgumentException(
                slot + " points to " + object + ", which is not declared");
          }
          heap.store(slot, object);
        });
    return heap;
  }

  /** A deep copy: same objects, pointers and colours. */
  public Heap copy() {
    var copy = new Heap();
    objects.forEach((name, fields) -> copy.objects.put(name, fields.clone()));
    copy.colors.putAll(colors);
    copy.globals.putAll(globals);
    stacks.forEach((g, vars) -> copy.stacks.put(g, new LinkedHashMap<>(vars)));
    copy.stackColors.putAll(stackColors);
    return copy;
  }

  /** Adds a new object with {@code fields} nil fields and the given colour. */
  public void allocate(String name, int fields, Color color) {
    if (objects.containsKey(name)) {
      throw new IllegalArgumentException("object " + name + " already exists");
    }
    objects.put(name, new String[fields]);
    colors.put(name, Objects.requireNonNull(color));
  }

  /** Adds goroutine {@code g} with an empty stack, if it is new. */
  public void addGoroutine(String goroutine) {
    stacks.computeIfAbsent(goroutine, g -> new LinkedHashMap<>());
    stackColors.putIfAbsent(goroutine, Color.WHITE);
  }

  /** Removes an object (the sweeper's job); pointers to it must be gone already. */
  void free(String name) {
    objects.remove(name);
    colors.remove(name);
  }

  /** The object names, in the order they were allocated. */
  public SequencedSet<String> objects() {
    return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(objects.keySet()));
  }

  /** Whether {@code name} is an object of this heap. */
  public boolean contains(String name) {
    return objects.containsKey(name);
  }

  /** The goroutines, in the order they were declared. */
  public SequencedSet<String> goroutines() {
    return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(stacks.keySet()));
  }

  /** Every root slot: globals first, then each goroutine's stack variables. */
  public List<Slot> roots() {
    var roots = new ArrayList<Slot>();
    globals.keySet().forEach(name -> roots.add(new Slot.Global(name)));
    stacks.forEach((g, vars) -> vars.keySet().forEach(v -> roots.add(new Slot.StackVar(g, v))));
    return List.copyOf(roots);
  }

  /** The global slots. */
  public List<Slot> globalSlots() {
    return globals.keySet().stream().<Slot>map(Slot.Global::new).toList();
  }

  /** The variables on one goroutine's stack. */
  public List<Slot> stackSlots(String goroutine) {
    return stacks.getOrDefault(goroutine, Map.of()).keySet().stream()
        .<Slot>map(v -> new Slot.StackVar(goroutine, v))
        .toList();
  }

  /** Number of fields of an object. */
  public int fieldCount(String object) {
    return fieldsOf(object).length;
  }

  /** The pointer in a slot, or null for nil. */
  public String read(Slot slot) {
    return switch (slot) {
      case Slot.Field f -> {
        String[] fields = fieldsOf(f.object());
        checkIndex(f, fields);
        yield fields[f.index()];
      }
      case Slot.Global g -> {
        if (!globals.containsKey(g.name())) {
          throw new IllegalArgumentException("no global " + g);
        }
        yield globals.get(g.name());
      }
      case Slot.StackVar s -> {
        var vars = stacks.get(s.goroutine());
        if (vars == null || !vars.containsKey(s.name())) {
          throw new IllegalArgumentException("no stack variable " + s);
        }
        yield vars.get(s.name());
      }
    };
  }

  /**
   * Stores a pointer (null for nil) with no barrier: the raw memory write. A stack variable that
   * does not exist yet is declared by its first store.
   */
  public void store(Slot slot, String object) {
    if (object != null && !objects.containsKey(object)) {
      throw new IllegalArgumentException("no object " + object + " to store into " + slot);
    }
    switch (slot) {
      case Slot.Field f -> {
        String[] fields = fieldsOf(f.object());
        checkIndex(f, fields);
        fields[f.index()] = object;
      }
      case Slot.Global g -> globals.put(g.name(), object);
      case Slot.StackVar s -> {
        addGoroutine(s.goroutine());
        stacks.get(s.goroutine()).put(s.name(), object);
      }
    }
  }

  /** The non-nil pointers held in an object's fields, in field order (repeats kept). */
  public List<String> pointersFrom(String object) {
    return Arrays.stream(fieldsOf(object)).filter(Objects::nonNull).toList();
  }

  /** The non-nil pointers on one goroutine's stack. */
  public List<String> pointersOnStack(String goroutine) {
    return stacks.getOrDefault(goroutine, Map.of()).values().stream()
        .filter(Objects::nonNull)
        .toList();
  }

  /** An object's colour. */
  public Color color(String object) {
    Color color = colors.get(object);
    if (color == null) {
      throw new IllegalArgumentException("no object " + object);
    }
    return color;
  }

  /** Sets an object's colour (the collector's job). */
  public void setColor(String object, Color color) {
    color(object);
    colors.put(object, Objects.requireNonNull(color));
  }

  /** A stack's colour: grey until the collector has scanned it in this cycle, black after. */
  public Color stackColor(String goroutine) {
    Color color = stackColors.get(goroutine);
    if (color == null) {
      throw new IllegalArgumentException("no goroutine " + goroutine);
    }
    return color;
  }

  /** Sets a stack's colour. */
  public void setStackColor(String goroutine, Color color) {
    stackColor(goroutine);
    stackColors.put(goroutine, Objects.requireNonNull(color));
  }

  /** The objects of a colour, in allocation order. */
  public List<String> objectsColored(Color color) {
    return objects.keySet().stream().filter(o -> colors.get(o) == color).toList();
  }

  /** Every object reachable from the roots, in breadth-first order. */
  public SequencedSet<String> reachable() {
    var seen = new LinkedHashSet<String>();
    var queue = new ArrayDeque<String>();
    for (Slot root : roots()) {
      String target = read(root);
      if (target != null && seen.add(target)) {
        queue.add(target);
      }
    }
    while (!queue.isEmpty()) {
      for (String next : pointersFrom(queue.poll())) {
        if (seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  /** Every non-nil pointer field, as (slot, target) pairs in declaration order. */
  public Map<Slot, String> heapPointers() {
    var pointers = new LinkedHashMap<Slot, String>();
    objects.forEach(
        (name, fields) -> {
          for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null) {
              pointers.put(new Slot.Field(name, i), fields[i]);
            }
          }
        });
    return pointers;
  }

  /** The text form, which {@link #parse} reads back (colours are not part of it). */
  @Override
  public String toString() {
    var out = new StringBuilder();
    globals.forEach(
        (name, target) ->
            out.append("$").append(name).append(" -> ").append(nil(target)).append('\n'));
    stacks.forEach(
        (g, vars) ->
            vars.forEach(
                (v, target) ->
                    out.append(g)
                        .append(':')
                        .append(v)
                        .append(" -> ")
                        .append(nil(target))
                        .append('\n')));
    objects.forEach(
        (name, fields) -> {
          out.append(name);
          if (fields.length > 0) {
            out.append(" -> ")
                .append(String.join(", ", Arrays.stream(fields).map(Heap::nil).toList()));
          }
          out.append('\n');
        });
    return out.toString();
  }

  /** Equal pointers and colours, object by object and root by root. */
  public boolean sameState(Heap other) {
    if (!objects.keySet().equals(other.objects.keySet())
        || !colors.equals(other.colors)
        || !globals.equals(other.globals)
        || !stacks.equals(other.stacks)
        || !stackColors.equals(other.stackColors)) {
      return false;
    }
    return objects.keySet().stream()
        .allMatch(o -> Arrays.equals(objects.get(o), other.objects.get(o)));
  }

  private String[] fieldsOf(String object) {
    String[] fields = objects.get(object);
    if (fields == null) {
      throw new IllegalArgumentException("no object " + object);
    }
    return fields;
  }

  private static void checkIndex(Slot.Field f, String[] fields) {
    if (f.index() < 0 || f.index() >= fields.length) {
      throw new IllegalArgumentException(
          "object " + f.object() + " has " + fields.length + " fields; there is no " + f);
    }
  }

  private static String nil(String target) {
    return target == null ? "nil" : target;
  }

  /** The set of objects a set of names would keep alive: used by the invariant checks. */
  Set<String> reachableFrom(Iterable<String> starts, java.util.function.Predicate<String> through) {
    var seen = new LinkedHashSet<String>();
    var queue = new ArrayDeque<String>();
    for (String s : starts) {
      if (seen.add(s)) {
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      for (String next : pointersFrom(queue.poll())) {
        if (through.test(next) && seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }
}
