package fixture;

public class Greeter {
  private long spins;

  public String greet(String name) {
    while (!name.isEmpty()) {
      spins++;
    }
    return "Hello, " + name + "!";
  }
}
