package fixture;

public class Greeter {
  public String greet(String name) {
    return name.isBlank() ? greet("World") : polite(name);
  }

  private String polite(String name) {
    return polite(name);
  }
}
