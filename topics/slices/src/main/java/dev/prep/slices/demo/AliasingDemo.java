package dev.prep.slices.demo;

import dev.prep.slices.IntSlice;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;

/*
 * The aliasing surprise, live.
 *
 * A Go slice is a header — pointer, length, capacity — over a backing array (底层数组). Reslicing
 * copies the header, never the elements, so two slices can see the same memory. append writes
 * into the spare capacity of the array when it fits, and only copies to a new array when it does
 * not. Put together: appending to a short reslice can overwrite an element that another slice
 * still considers its own. This is the bug behind many "why did my data change?" questions, and the
 * reason the full slice expression s[low:high:max] exists: it caps the capacity, so the next append
 * must copy.
 *
 * The model here is dev.prep.slices.IntSlice, a Java record with Go's header fields over an int[].
 * It behaves as Go does for everything shown below (appends within capacity, reslicing, the full
 * slice expression); the equivalent Go lines are printed beside each step.
 *
 * Java has the same kind of aliasing in List.subList, which is a view over its parent: writes go
 * through, and a structural change to the parent makes the view unusable
 * (ConcurrentModificationException on next use).
 *
 * What to watch for: the row where `a` changes although nobody wrote to `a`.
 *
 * Run: prep demo slices aliasing
 */
public final class AliasingDemo {

  private AliasingDemo() {}

  public static void main(String[] args) {
    System.out.println("== The aliasing surprise: append through a reslice ==");
    System.out.println("Watch: the step where `a` changes although the code only appended to `b`.");
    System.out.println();
    System.out.printf("%-28s | %-26s | %-24s | %s%n", "Go", "a", "b", "same array?");

    IntSlice a = IntSlice.of(1, 2, 3, 4);
    row("a := []int{1, 2, 3, 4}", a, null);
    IntSlice b = a.slice(0, 2); // header copy: shares a's array, cap 4
    row("b := a[:2]", a, b);
    b = b.append(99); // fits in cap: writes a[2]
    row("b = append(b, 99)", a, b);
    b = b.append(100, 101); // does not fit: copies, b leaves a's array
    row("b = append(b, 100, 101)", a, b);

    System.out.println();
    System.out.println("The fix, the full slice expression a[low:high:max]:");
    a = IntSlice.of(1, 2, 3, 4);
    row("a := []int{1, 2, 3, 4}", a, null);
    IntSlice c = a.slice(0, 2, 2); // cap cut to 2: no spare room to overwrite
    row("c := a[:2:2]", a, c);
    c = c.append(99); // must copy
    row("c = append(c, 99)", a, c);

    System.out.println();
    System.out.println("Java's counterpart, List.subList (a view, not a copy):");
    List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4));
    List<Integer> view = list.subList(0, 2);
    view.set(0, 99); // writes through to list
    System.out.printf("%-40s list=%s view=%s%n", "list.subList(0, 2).set(0, 99)", list, view);
    list.add(5); // structural change to the parent
    String outcome;
    try {
      outcome = "view=" + view;
    } catch (ConcurrentModificationException e) {
      outcome = "view -> " + e.getClass().getSimpleName();
    }
    System.out.printf("%-40s list=%s %s%n", "list.add(5), then read the view", list, outcome);

    System.out.println();
    System.out.println(
        "You just saw: an append within capacity wrote a[2] through another slice; a[:2:2]"
            + " forced a copy instead, and Java's subList aliases the same way.");
  }

  private static void row(String go, IntSlice a, IntSlice other) {
    System.out.printf(
        "%-28s | %-26s | %-24s | %s%n",
        go,
        a,
        other == null ? "" : other,
        other == null ? "" : a.sharesArrayWith(other) ? "yes" : "no");
  }
}
