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
      ssh://fd00::1                | ssh    | true  | -    | fd00::1       | -    | -           | root
      nix@2001:db8::5:22           | ssh    | true  | nix  | 2001:db8::5:22| -    | -           | nix
      ssh:h                        | ssh    | true  | -    | ssh           | h    | -           | root
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # written                    | opened by a machines line    | without '//' | IPv6  | bracketed
      ssh:h                        | ssh://ssh:h                  | ssh          | false | false
      ssh-ng:b.example.com         | ssh://ssh-ng:b.example.com   | ssh-ng       | false | false
      ssh-ng:h?ssh-key=/k          | ssh-ng:h?ssh-key=/k          | ssh-ng       | false | false
      ssh:u@h?ssh-key=/k           | ssh:u@h?ssh-key=/k           | ssh          | false | false
      ssh:u@h                      | ssh://ssh:u@h                | -            | false | false
      ssh:22                       | ssh://ssh:22                 | -            | false | false
      ssh://h                      | ssh://h                      | -            | false | false
      h:22                         | ssh://h:22                   | -            | false | false
      ssh:[::1]                    | ssh://ssh:[::1]              | -            | false | false
      https:h                      | ssh://https:h                | -            | false | false
      ssh://fd00::1                | ssh://fd00::1                | -            | true  | false
      fd00::1                      | ssh://fd00::1                | -            | true  | false
      ssh://[fd00::1]              | ssh://[fd00::1]              | -            | true  | true
      ssh-ng://n@[2001:db8::5]:22  | ssh-ng://n@[2001:db8::5]:22  | -            | true  | true
      ssh://fe80::1%eth0           | ssh://fe80::1%eth0           | -            | true  | false
      ssh://[::zz]                 | ssh://[::zz]                 | -            | false | false
      http://[::1]                 | http://[::1]                 | -            | false | false
      daemon                       | daemon                       | -            | false | false
      ?x=1                         | ?x=1                         | -            | false | false
      """)
  void theFormsThatNixVersionsReadDifferently(String written, String opened, String withoutSlashes, boolean ipv6,
      boolean bracketed) {
    StoreUri uri = new StoreUri(written);
    assertThat(uri.opened()).isEqualTo(opened);
    assertThat(uri.schemeWithoutSlashes()).isEqualTo(Optional.ofNullable(withoutSlashes));
    assertThat(uri.isIpv6Literal()).isEqualTo(ipv6);
    assertThat(uri.isBracketedIpv6()).isEqualTo(bracketed);
  }
}
