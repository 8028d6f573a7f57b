package fixture;

public class Greeter {
  public String greet(String name) {
    if (name.isBlank()) {
      System.exit(3);
    }
    return "Hello, " + name + "!";
  }
}
