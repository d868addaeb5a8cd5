package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreUriTest {

  /** A column left empty is an absent part; {@code ''} a part that is there and empty. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # written                    | scheme | ssh   | user | host          | port | params      | ssh user
      ssh://h                      | ssh    | true  | -    | h             | -    | -           | root
      ssh-ng://u@h:22?x=y          | ssh-ng | true  | u    | h             | 22   | x=y         | u
      ssh://u@h?a=1&b=2            | ssh    | true  | u    | h             | -    | a=1&b=2     | u
      h                            | ssh    | true  | -    | h             | -    | -           | root
      nix@b.example.com:2222       | ssh    | true  | nix  | b.example.com | 2222 | -           | nix
      ssh://user@@h                | ssh    | true  | user@| h             | -    | -           | user@
      ssh://@h                     | ssh    | true  | ''   | h             | -    | -           | ''
      ssh://h:                     | ssh    | true  | -    | h             | ''   | -           | root
      ssh://[::1]                  | ssh    | true  | -    | [::1]         | -    | -           | root
      ssh://u@[::1]:22             | ssh    | true  | u    | [::1]         | 22   | -           | u
      daemon                       | daemon | false | -    | daemon        | -    | -           | root
      local?root=/x                | local  | false | -    | local         | -    | root=/x     | root
      daemon?root=/x               | daemon | false | -    | daemon        | -    | root=/x     | root
      auto                         | auto   | false | -    | auto          | -    | -           | root
      auto?x=1                     | auto   | false | -    | auto          | -    | x=1         | root
      /nix/store                   | local  | false | -    | ''            | -    | -           | root
      ./rel/path                   | local  | false | -    | .             | -    | -           | root
      h?x=/y                       | local  | false | -    | h             | -    | x=/y        | root
      ?x                           | local  | false | -    | ''            | -    | x           | root
      http://h                     | http   | false | -    | h             | -    | -           | root
      file:///x                    | file   | false | -    | ''            | -    | -           | root
      SSH://h                      | SSH    | false | -    | h             | -    | -           | root
      """)
  void partsAsNixReadsAMachinesLine(String written, String scheme, boolean ssh, String user, String host, String port,
      String params, String sshUser) {
    StoreUri uri = new StoreUri(written);
    assertThat(uri.scheme()).isEqualTo(scheme);
    assertThat(uri.isSsh()).isEqualTo(ssh);
    assertThat(uri.user()).isEqualTo(Optional.ofNullable(user));
    assertThat(uri.host()).isEqualTo(host);
    assertThat(uri.port()).isEqualTo(Optional.ofNullable(port));
    assertThat(uri.params()).isEqualTo(params == null ? List.of() : List.of(params.split("&")));
    assertThat(uri.sshUser()).isEqualTo(sshUser);
    assertThat(uri).hasToString(written);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # written         | a path | relative
      ./rel/path        | true   | true
      b/x               | true   | true
      h?x=/y            | true   | true
      /nix/store        | true   | false
      /mnt/store?x=1    | true   | false
      local?root=/x     | false  | false
      daemon?root=/x    | false  | false
      h                 | false  | false
      ssh://h/x         | false  | false
      file:///x         | false  | false
      """)
  void aPathIsAUriWithoutSchemeWithASlashThatIsNotAStoreWord(String written, boolean path, boolean relative) {
    assertThat(new StoreUri(written).isPath()).isEqualTo(path);
    assertThat(new StoreUri(written).isRelativePath()).isEqualTo(relative);
  }
}
