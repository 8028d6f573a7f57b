package dev.prep.slices.demo;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.ArrayList;

/**
 * Reads an {@link ArrayList}'s real capacity — the length of its private {@code elementData} array
 * — by reflection. The JDK offers no public way to ask, so this needs {@code
 * --add-opens=java.base/java.util=ALL-UNNAMED} (prep's demo launcher passes it; see topic.toml).
 */
final class ArrayListCapacity {

  private static final String HOW_TO_RUN =
      "cannot read ArrayList.elementData: run with --add-opens=java.base/java.util=ALL-UNNAMED"
          + " (prep demo slices <name> does this for you)";

  private final Field elementData;

  private ArrayListCapacity(Field elementData) {
    this.elementData = elementData;
  }

  /** Opens {@code ArrayList.elementData}, or explains which JVM option is missing. */
  static ArrayListCapacity open() {
    try {
      Field field = ArrayList.class.getDeclaredField("elementData");
      field.setAccessible(true);
      return new ArrayListCapacity(field);
    } catch (NoSuchFieldException | InaccessibleObjectException e) {
      throw new IllegalStateException(HOW_TO_RUN, e);
    }
  }

  /** The length of the list's backing array right now. */
  int of(ArrayList<?> list) {
    try {
      return ((Object[]) elementData.get(list)).length;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(HOW_TO_RUN, e);
    }
  }
}
