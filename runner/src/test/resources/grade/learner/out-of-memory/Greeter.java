package fixture;

import java.util.ArrayList;
import java.util.List;

public class Greeter {
  private final List<long[]> cache = new ArrayList<>();

  public String greet(String name) {
    while (cache.size() >= 0) {
      cache.add(new long[1 << 20]);
    }
    return "Hello, " + name + "!";
  }
}
