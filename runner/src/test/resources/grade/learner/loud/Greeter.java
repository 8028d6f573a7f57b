package fixture;

public class Greeter {
  public String greet(String name) {
    for (int i = 0; i < 30_000; i++) {
      System.out.println("debug line " + i + " ".repeat(86));
    }
    return "Hello, " + (name.isBlank() ? "World" : name) + "!";
  }
}
