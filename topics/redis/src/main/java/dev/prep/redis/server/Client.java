package dev.prep.redis.server;

/**
 * What the server knows about one connection: its id, the protocol it speaks (2 until HELLO 3),
 * whether it has authenticated, the names CLIENT SETNAME and CLIENT SETINFO gave it, and whether it
 * asked to be closed (QUIT).
 */
public final class Client {
  private final long id;
  private final String address;
  private int protocol = 2;
  private boolean authenticated;
  private String name = "";
  private String libName = "";
  private String libVersion = "";
  private boolean closeAfterReply;
  private final long createdMillis;

  public Client(long id, String address, boolean authenticated, long createdMillis) {
    this.id = id;
    this.address = address;
    this.authenticated = authenticated;
    this.createdMillis = createdMillis;
  }

  public long id() {
    return id;
  }

  /** {@code 127.0.0.1:52344}. */
  public String address() {
    return address;
  }

  public int protocol() {
    return protocol;
  }

  public void protocol(int protocol) {
    this.protocol = protocol;
  }

  public boolean authenticated() {
    return authenticated;
  }

  public void authenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  public String name() {
    return name;
  }

  public void name(String name) {
    this.name = name;
  }

  public String libName() {
    return libName;
  }

  public void libName(String libName) {
    this.libName = libName;
  }

  public String libVersion() {
    return libVersion;
  }

  public void libVersion(String libVersion) {
    this.libVersion = libVersion;
  }

  /** Set by QUIT: the server sends the pending replies, then closes the connection. */
  public boolean closeAfterReply() {
    return closeAfterReply;
  }

  public void closeAfterReply(boolean close) {
    this.closeAfterReply = close;
  }

  public long createdMillis() {
    return createdMillis;
  }
}
