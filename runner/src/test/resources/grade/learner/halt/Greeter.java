package fixture;

public class Greeter {
  public String greet(String name) {
    Runtime.getRuntime().halt(9);
    return "Hello, " + name + "!";
  }
}
