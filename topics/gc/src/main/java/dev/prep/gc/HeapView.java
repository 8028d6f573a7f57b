package dev.prep.gc;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Draws a heap three ways: compact text for the terminal ({@code ○} white, {@code ◐} grey, {@code
 * ●} black, so it reads without colour), Mermaid for notebooks (GitHub draws it) and Graphviz DOT.
 */
public final class HeapView {

  private HeapView() {}

  /** The colour's symbol: ○ white, ◐ grey, ● black. */
  public static String symbol(Color color) {
    return switch (color) {
      case WHITE -> "○";
      case GREY -> "◐";
      case BLACK -> "●";
    };
  }

  /**
   * One line for the roots, then one per object, for example:
   *
   * <pre>
   * roots  $root -> A  g1[●] a -> A, x -> C
   * A ●  -> B, nil
   * </pre>
   */
  public static String text(Heap heap) {
    var out = new StringBuilder("roots ");
    for (Slot global : heap.globalSlots()) {
      out.append(" ").append(global).append(" -> ").append(nil(heap.read(global)));
    }
    for (String g : heap.goroutines()) {
      var vars = new StringJoiner(", ");
      for (Slot var : heap.stackSlots(g)) {
        vars.add(((Slot.StackVar) var).name() + " -> " + nil(heap.read(var)));
      }
      out.append("  ")
          .append(g)
          .append("[")
          .append(symbol(heap.stackColor(g)))
          .append("] ")
          .append(vars);
    }
    out.append('\n');
    int width = heap.objects().stream().mapToInt(String::length).max().orElse(1);
    for (String o : heap.objects()) {
      out.append(String.format("%-" + width + "s %s", o, symbol(heap.color(o))));
      int fields = heap.fieldCount(o);
      if (fields > 0) {
        var targets = new ArrayList<String>();
        for (int i = 0; i < fields; i++) {
          targets.add(nil(heap.read(new Slot.Field(o, i))));
        }
        out.append("  -> ").append(String.join(", ", targets));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A Mermaid flowchart: roots as boxes, objects as circles filled with their colour. */
  public static String mermaid(Heap heap) {
    var out = new StringBuilder("flowchart LR\n");
    out.append("  classDef white fill:#ffffff,stroke:#333333,color:#000000\n");
    out.append("  classDef grey fill:#9e9e9e,stroke:#333333,color:#000000\n");
    out.append("  classDef black fill:#000000,stroke:#000000,color:#ffffff\n");
    out.append("  classDef root fill:#e8f0fe,stroke:#5577aa,color:#000000\n");
    List<String> edges = new ArrayList<>();
    for (Slot root : heap.roots()) {
      String id = rootId(root);
      String label =
          root instanceof Slot.StackVar var
              ? var + (heap.stackColor(var.goroutine()) == Color.BLACK ? " ✓" : "")
              : root.toString();
      out.append("  ").append(id).append("[\"").append(label).append("\"]:::root\n");
      String target = heap.read(root);
      if (target != null) {
        edges.add("  " + id + " --> " + target);
      }
    }
    for (String o : heap.objects()) {
      out.append("  ")
          .append(o)
          .append("((")
          .append(o)
          .append(")):::")
          .append(heap.color(o).name().toLowerCase(java.util.Locale.ROOT))
          .append('\n');
    }
    heap.heapPointers()
        .forEach(
            (slot, target) -> edges.add("  " + ((Slot.Field) slot).object() + " --> " + target));
    edges.forEach(e -> out.append(e).append('\n'));
    return out.toString();
  }

  /** Graphviz DOT, for {@code dot -Tsvg}. */
  public static String dot(Heap heap) {
    var out =
        new StringBuilder("digraph heap {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    for (Slot root : heap.roots()) {
      out.append("  \"")
          .append(root)
          .append("\" [shape=box, style=filled, fillcolor=\"#e8f0fe\"];\n");
      String target = heap.read(root);
      if (target != null) {
        out.append("  \"").append(root).append("\" -> \"").append(target).append("\";\n");
      }
    }
    for (String o : heap.objects()) {
      String fill =
          switch (heap.color(o)) {
            case WHITE -> "white";
            case GREY -> "gray62";
            case BLACK -> "black";
          };
      String font = heap.color(o) == Color.BLACK ? "white" : "black";
      out.append("  \"")
          .append(o)
          .append("\" [shape=circle, style=filled, fillcolor=")
          .append(fill)
          .append(", fontcolor=")
          .append(font)
          .append("];\n");
    }
    heap.heapPointers()
        .forEach(
            (slot, target) ->
                out.append("  \"")
                    .append(((Slot.Field) slot).object())
                    .append("\" -> \"")
                    .append(target)
                    .append("\" [label=\"")
                    .append(((Slot.Field) slot).index())
                    .append("\"];\n"));
    return out.append("}\n").toString();
  }

  private static String rootId(Slot root) {
    return switch (root) {
      case Slot.Global g -> "global_" + g.name();
      case Slot.StackVar s -> "stack_" + s.goroutine() + "_" + s.name();
      case Slot.Field f -> throw new IllegalArgumentException("not a root: " + f);
    };
  }

  private static String nil(String target) {
    return target == null ? "nil" : target;
  }
}
