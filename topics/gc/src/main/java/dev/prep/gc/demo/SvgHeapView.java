package dev.prep.gc.demo;

import dev.prep.gc.Color;
import dev.prep.gc.Heap;
import dev.prep.gc.Slot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link Heap} as a standalone SVG file: roots as boxes on the left (globals light blue,
 * stack variables filled with their stack's colour), objects as circles filled white, grey or
 * black, pointers as arrows labelled with the field index. The layout is layered and deterministic:
 * an object's column is its breadth-first distance from the roots, its row the order it was found;
 * unreachable objects (garbage) get their own rows below, laid out the same way among themselves.
 * Exactly one {@code <circle>} per object, so a test can count them.
 */
public final class SvgHeapView {

  private static final int MARGIN = 20;
  private static final int TITLE_H = 40;
  private static final int ROOT_W = 90;
  private static final int ROOT_H = 28;
  private static final int COL_W = 110;
  private static final int ROW_H = 64;
  private static final int RADIUS = 20;
  private static final int LEGEND_H = 56;

  private record Point(double x, double y) {}

  private SvgHeapView() {}

  /** The heap as an SVG document, with {@code title} (a step, say) on top. */
  public static String svg(Heap heap, String title) {
    List<Slot> roots = heap.roots();
    Map<String, int[]> cells = layout(heap); // object -> {column, row}
    int columns = cells.values().stream().mapToInt(c -> c[0]).max().orElse(0);
    int rows =
        Math.max(roots.size(), cells.values().stream().mapToInt(c -> c[1] + 1).max().orElse(0));
    int width = Math.max(2 * MARGIN + ROOT_W + columns * COL_W, 560);
    int height = TITLE_H + Math.max(rows, 1) * ROW_H + LEGEND_H;

    var out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\""
                + " font-size=\"13\">%n",
            width,
            height,
            width,
            height));
    out.append("  <title>").append(escape(title)).append("</title>\n");
    out.append(
        "  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
            + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker></defs>\n");
    out.append(
        String.format(
            Locale.ROOT,
            "  <rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fafafa\"/>%n",
            width,
            height));
    out.append(
        String.format(
            Locale.ROOT,
            "  <text x=\"%d\" y=\"%d\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
            MARGIN,
            26,
            escape(title)));

    Map<String, Point> centres = new LinkedHashMap<>();
    cells.forEach((o, c) -> centres.put(o, objectCentre(c[0], c[1])));

    // arrows first, so circles and boxes are drawn over their ends
    for (int i = 0; i < roots.size(); i++) {
      String target = heap.read(roots.get(i));
      if (target != null) {
        Point from = new Point(MARGIN + ROOT_W, rowY(i));
        arrow(out, from, 0, centres.get(target), null);
      }
    }
    heap.heapPointers()
        .forEach(
            (slot, target) -> {
              var field = (Slot.Field) slot;
              arrow(
                  out,
                  centres.get(field.object()),
                  RADIUS,
                  centres.get(target),
                  String.valueOf(field.index()));
            });

    for (int i = 0; i < roots.size(); i++) {
      rootBox(out, heap, roots.get(i), rowY(i));
    }
    for (String o : heap.objects()) {
      objectCircle(out, o, heap.color(o), centres.get(o));
    }
    Set<String> reachable = heap.reachable();
    int reachableRows =
        cells.entrySet().stream()
            .filter(e -> reachable.contains(e.getKey()))
            .mapToInt(e -> e.getValue()[1] + 1)
            .max()
            .orElse(0);
    if (heap.objects().size() > reachable.size()) {
      double y = TITLE_H + reachableRows * ROW_H + 4;
      out.append(
          String.format(
              Locale.ROOT,
              "  <line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbbbbb\""
                  + " stroke-dasharray=\"6 4\"/>%n",
              MARGIN + ROOT_W + 30,
              y,
              width - MARGIN,
              y));
      out.append(
          String.format(
              Locale.ROOT,
              "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#777777\""
                  + " font-style=\"italic\">below: unreachable from the roots</text>%n",
              width - MARGIN,
              y + 14));
    }
    legend(out, height - LEGEND_H + 8);
    out.append("</svg>\n");
    return out.toString();
  }

  /**
   * Columns by breadth-first depth from the roots (1 = pointed to by a root); rows in discovery
   * order. Unreachable objects start below, from those no other garbage points to.
   */
  private static Map<String, int[]> layout(Heap heap) {
    Map<String, Integer> depth = new LinkedHashMap<>();
    List<String> starts = new ArrayList<>();
    for (Slot root : heap.roots()) {
      String target = heap.read(root);
      if (target != null && !starts.contains(target)) {
        starts.add(target);
      }
    }
    breadthFirst(heap, starts, depth);
    int reachableRows = rowsNeeded(depth);
    Map<String, Integer> garbageDepth = new LinkedHashMap<>();
    Set<String> pointedToByGarbage = new HashSet<>();
    for (String o : heap.objects()) {
      if (!depth.containsKey(o)) {
        heap.pointersFrom(o).forEach(pointedToByGarbage::add);
      }
    }
    List<String> garbageStarts = new ArrayList<>();
    for (String o : heap.objects()) {
      if (!depth.containsKey(o) && !pointedToByGarbage.contains(o)) {
        garbageStarts.add(o);
      }
    }
    breadthFirst(heap, garbageStarts, garbageDepth);
    for (String o : heap.objects()) { // garbage cycles have no start: take them in order
      if (!depth.containsKey(o) && !garbageDepth.containsKey(o)) {
        breadthFirst(heap, List.of(o), garbageDepth);
      }
    }
    Map<String, int[]> cells = new LinkedHashMap<>();
    place(depth, 0, cells);
    place(garbageDepth, reachableRows, cells);
    return cells;
  }

  private static void breadthFirst(Heap heap, List<String> starts, Map<String, Integer> depth) {
    var queue = new ArrayDeque<String>();
    for (String s : starts) {
      if (depth.putIfAbsent(s, 1) == null) {
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      String o = queue.poll();
      for (String next : heap.pointersFrom(o)) {
        if (depth.putIfAbsent(next, depth.get(o) + 1) == null) {
          queue.add(next);
        }
      }
    }
  }

  private static int rowsNeeded(Map<String, Integer> depth) {
    Map<Integer, Integer> perColumn = new LinkedHashMap<>();
    depth.values().forEach(d -> perColumn.merge(d, 1, Integer::sum));
    return perColumn.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static void place(Map<String, Integer> depth, int firstRow, Map<String, int[]> cells) {
    Map<Integer, Integer> nextRow = new LinkedHashMap<>();
    depth.forEach(
        (o, d) -> {
          int row = nextRow.merge(d, 1, Integer::sum) - 1;
          cells.put(o, new int[] {d, firstRow + row});
        });
  }

  private static Point objectCentre(int column, int row) {
    return new Point(MARGIN + ROOT_W + column * COL_W - COL_W / 2.0 + RADIUS, rowY(row));
  }

  private static double rowY(int row) {
    return TITLE_H + row * ROW_H + ROW_H / 2.0;
  }

  /** A straight arrow, or a curved one when it points back or down the same column. */
  private static void arrow(StringBuilder out, Point from, double fromGap, Point to, String label) {
    double dx = to.x() - from.x();
    double dy = to.y() - from.y();
    if (dx == 0 && dy == 0) { // a self-pointer: a loop above the circle
      out.append(
          String.format(
              Locale.ROOT,
              "  <path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\""
                  + " stroke=\"#333333\" marker-end=\"url(#arrow)\"/>%n",
              from.x() - 8,
              from.y() - RADIUS,
              from.x() - 30,
              from.y() - 60,
              from.x() + 30,
              from.y() - 60,
              from.x() + 8,
              from.y() - RADIUS));
      return;
    }
    boolean curved = dx <= 0;
    Point control =
        curved
            ? new Point((from.x() + to.x()) / 2 + COL_W / 2.0, (from.y() + to.y()) / 2)
            : new Point((from.x() + to.x()) / 2, (from.y() + to.y()) / 2);
    Point start = towards(from, control, fromGap);
    Point end = towards(to, control, RADIUS);
    if (curved) {
      out.append(
          String.format(
              Locale.ROOT,
              "  <path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"#333333\""
                  + " marker-end=\"url(#arrow)\"/>%n",
              start.x(),
              start.y(),
              control.x(),
              control.y(),
              end.x(),
              end.y()));
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\""
                  + " marker-end=\"url(#arrow)\"/>%n",
              start.x(),
              start.y(),
              end.x(),
              end.y()));
    }
    if (label != null) {
      Point at = towards(start, control, 14);
      out.append(
          String.format(
              Locale.ROOT,
              "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#555555\">%s</text>%n",
              at.x(),
              at.y() - 4,
              label));
    }
  }

  /** The point {@code gap} away from {@code p} in the direction of {@code towards}. */
  private static Point towards(Point p, Point towards, double gap) {
    double dx = towards.x() - p.x();
    double dy = towards.y() - p.y();
    double length = Math.hypot(dx, dy);
    if (length == 0) {
      return p;
    }
    return new Point(p.x() + dx / length * gap, p.y() + dy / length * gap);
  }

  private static void rootBox(StringBuilder out, Heap heap, Slot root, double centreY) {
    String fill = "#e8f0fe";
    String text = "#000000";
    String dash = "";
    if (root instanceof Slot.StackVar var) {
      Color stack = heap.stackColor(var.goroutine());
      fill = fill(stack);
      text = stack == Color.BLACK ? "#ffffff" : "#000000";
      dash = stack == Color.GREY ? " stroke-dasharray=\"4 3\"" : "";
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  <rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\""
                + " stroke=\"#5577aa\"%s/>%n",
            MARGIN,
            centreY - ROOT_H / 2.0,
            ROOT_W,
            ROOT_H,
            fill,
            dash));
    out.append(
        String.format(
            Locale.ROOT,
            "  <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
            MARGIN + ROOT_W / 2.0,
            centreY + 4.5,
            text,
            escape(root.toString())));
  }

  private static void objectCircle(StringBuilder out, String name, Color color, Point c) {
    out.append(
        String.format(
            Locale.ROOT,
            "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#333333\""
                + " stroke-width=\"1.5\"><title>%s: %s</title></circle>%n",
            c.x(),
            c.y(),
            RADIUS,
            fill(color),
            escape(name),
            color.name().toLowerCase(Locale.ROOT)));
    out.append(
        String.format(
            Locale.ROOT,
            "  <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
            c.x(),
            c.y() + 4.5,
            color == Color.BLACK ? "#ffffff" : "#000000",
            escape(name)));
  }

  /** Swatches are squares, not circles: the circles are the objects. */
  private static void legend(StringBuilder out, double y) {
    String[][] entries = {
      {"#ffffff", "white: not reached"},
      {"#9e9e9e", "grey: reached, not scanned"},
      {"#000000", "black: scanned"},
      {"#e8f0fe", "roots (dashed: stack not scanned)"}
    };
    for (int i = 0; i < entries.length; i++) {
      String[] e = entries[i];
      double x = MARGIN + (i % 2) * 220;
      double rowY = y + (i / 2) * 18;
      out.append(
          String.format(
              Locale.ROOT,
              "  <rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\""
                  + " stroke=\"#333333\"/>%n",
              x,
              rowY,
              e[0]));
      out.append(
          String.format(
              Locale.ROOT,
              "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>%n",
              x + 16,
              rowY + 10,
              e[1]));
    }
  }

  private static String fill(Color color) {
    return switch (color) {
      case WHITE -> "#ffffff";
      case GREY -> "#9e9e9e";
      case BLACK -> "#000000";
    };
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
