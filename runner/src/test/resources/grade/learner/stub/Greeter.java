package fixture;

public class Greeter {
  public String greet(String name) {
    // TODO: say hello to name, or to the World when name is blank
    throw new UnsupportedOperationException("TODO: build the greeting");
  }
}
