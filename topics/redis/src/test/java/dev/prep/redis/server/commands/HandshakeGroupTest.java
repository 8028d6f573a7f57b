package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AUTH, HELLO and CLIENT answer as redis-server 7.0.15 does (acl.c, networking.c)")
class HandshakeGroupTest {

  private final InProcessRedis open = new InProcessRedis();
  private final InProcessRedis guarded =
      new InProcessRedis(ServerConfig.defaults(c -> null).withRequirepass("s3cret"));

  @Test
  @DisplayName("without requirepass: AUTH <password> is an error, AUTH default <anything> is OK")
  void authWithoutPassword() {
    assertThat(open.run("AUTH foo"))
        .isEqualTo(
            "-ERR AUTH <password> called without any password configured for the default user."
                + " Are you sure your configuration is correct?\r\n");
    assertThat(open.run("AUTH default foo")).isEqualTo("+OK\r\n");
    assertThat(open.run("AUTH someone foo"))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(open.run("AUTH a b c")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  @DisplayName("with requirepass: NOAUTH until AUTH succeeds; a wrong password is WRONGPASS")
  void authWithPassword() {
    assertThat(guarded.run("GET a")).isEqualTo("-NOAUTH Authentication required.\r\n");
    assertThat(guarded.run("AUTH wrong"))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(guarded.run("AUTH nobody s3cret"))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(guarded.run("HELLO 3")).startsWith("-NOAUTH HELLO must be called with the client");
    assertThat(guarded.run("AUTH s3cret")).isEqualTo("+OK\r\n");
    assertThat(guarded.run("GET a")).isEqualTo("$-1\r\n");
  }

  @Test
  @DisplayName("HELLO 2 AUTH default <password> authenticates and replies the server map")
  void helloAuth() {
    assertThat(guarded.run("HELLO 2 AUTH default wrong"))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(guarded.run("HELLO 2 AUTH default s3cret SETNAME app"))
        .isEqualTo(
            "*14\r\n$6\r\nserver\r\n$4\r\nprep\r\n$7\r\nversion\r\n$5\r\n1.0.0\r\n"
                + "$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n"
                + "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n");
    assertThat(guarded.run("CLIENT GETNAME")).isEqualTo("$3\r\napp\r\n");
  }

  @Test
  @DisplayName("HELLO 3 switches the connection to RESP3: a map reply, then _ for a null")
  void hello3() {
    assertThat(open.run("HELLO 3")).startsWith("%7\r\n$6\r\nserver\r\n");
    assertThat(open.session.client().protocol()).isEqualTo(3);
    assertThat(open.run("GET missing")).isEqualTo("_\r\n");
    assertThat(open.run("HELLO")).as("no version: keep the protocol").startsWith("%7\r\n");
    assertThat(open.run("HELLO 2")).startsWith("*14\r\n");
    assertThat(open.run("GET missing")).isEqualTo("$-1\r\n");
  }

  @Test
  @DisplayName("HELLO's errors: NOPROTO, a non-integer version, an unknown option")
  void helloErrors() {
    assertThat(open.run("HELLO 4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
    assertThat(open.run("HELLO 1")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
    assertThat(open.run("HELLO x"))
        .isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
    assertThat(open.run("HELLO 3 foo")).isEqualTo("-ERR Syntax error in HELLO option 'foo'\r\n");
    assertThat(open.run("HELLO 2 AUTH default"))
        .isEqualTo("-ERR Syntax error in HELLO option 'AUTH'\r\n");
    assertThat(open.session.client().protocol()).as("errors change nothing").isEqualTo(2);
  }

  @Test
  @DisplayName("CLIENT ID, SETNAME, GETNAME, SETINFO, INFO and their errors")
  void client() {
    assertThat(open.run("CLIENT ID")).isEqualTo(":1\r\n");
    assertThat(open.run("CLIENT GETNAME")).isEqualTo("$-1\r\n");
    assertThat(open.run("CLIENT SETNAME worker-1")).isEqualTo("+OK\r\n");
    assertThat(open.run("CLIENT GETNAME")).isEqualTo("$8\r\nworker-1\r\n");
    assertThat(open.run("CLIENT SETNAME \"a b\""))
        .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
    assertThat(open.run("CLIENT SETINFO LIB-NAME lettuce")).isEqualTo("+OK\r\n");
    assertThat(open.run("CLIENT SETINFO lib-ver 7.7.0")).isEqualTo("+OK\r\n");
    assertThat(open.run("CLIENT SETINFO color blue"))
        .isEqualTo("-ERR Unrecognized option 'color'\r\n");
    assertThat(open.run("CLIENT INFO"))
        .contains("id=1 addr=127.0.0.1:50001 name=worker-1 ")
        .contains(" lib-name=lettuce lib-ver=7.7.0 resp=2\n");
    assertThat(open.run("CLIENT LIST")).as("no server: this client only").contains("id=1 ");
    assertThat(open.run("CLIENT SETNAME \"\"")).isEqualTo("+OK\r\n");
    assertThat(open.run("CLIENT GETNAME")).isEqualTo("$-1\r\n");
    assertThat(open.run("CLIENT SETNAME"))
        .isEqualTo("-ERR wrong number of arguments for 'client|setname' command\r\n");
    assertThat(open.run("CLIENT ID x"))
        .isEqualTo("-ERR wrong number of arguments for 'client|id' command\r\n");
    assertThat(open.run("CLIENT KILL x"))
        .isEqualTo("-ERR unknown subcommand 'KILL'. Try CLIENT HELP.\r\n");
    assertThat(open.run("CLIENT"))
        .isEqualTo("-ERR wrong number of arguments for 'client' command\r\n");
  }
}
