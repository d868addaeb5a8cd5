package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.StoreUri;
import java.util.ArrayList;
import java.util.List;

/**
 * What Nix versions make of a machines line differently, or otherwise than it seems to say,
 * each a warning Lint places at the line. Read from the Nix sources of each version (tags
 * 2.8.0, 2.26.0, 2.31.1, 2.31.2, 2.34.8) and the issues cited. Seen with real Nix: the
 * store URI without {@code //} in features/11-nix-versions.feature (2.8 and 2.26 hand ssh
 * {@code //ssh:HOST}, 2.34 rejects it); an IPv6 builder without brackets is taken whole by
 * 2.26 and 2.34 (2.34 prints it bracketed), seen by hand, as no stand-in answers to an address.
 */
final class NixReadings {

  /**
   * One reading.
   *
   * @param versions the Nix versions it concerns, as a {@link Finding}'s
   */
  record Reading(String message, String versions) {}

  private static final String NOT_STOOD_IN = "the cells it could take are not stood in";

  private NixReadings() {}

  /** The readings of one machines line; none for an ordinary one. */
  static List<Reading> of(Machine m) {
    List<Reading> out = new ArrayList<>();
    StoreUri uri = m.uri();
    if (uri.schemeWithoutSlashes().isPresent()) out.add(withoutSlashes(uri));
    else if (uri.isIpv6Literal()) out.add(uri.isBracketedIpv6() ? bracketedIpv6(uri) : unbracketedIpv6(uri));
    if (m.supportedFeatures().contains("kvm") || m.mandatoryFeatures().contains("kvm")) out.add(kvm(uri));
    return out;
  }

  /** NixOS/nix#13937: Nix 2.31.0 parses store URIs as RFC 3986 URLs, 2.31.2 (PR #13940) takes the old form back. */
  private static Reading unbracketedIpv6(StoreUri uri) {
    return new Reading("builder '" + uri.host() + "' of " + uri + " is an IPv6 address without brackets: Nix 2.31.0 and"
        + " 2.31.1 reject it (`Cannot parse Nix store '" + uri.opened() + "'`, and builds fail; NixOS/nix#13937), older Nix"
        + " and Nix 2.31.2 and later accept it, all of it the address (it cannot carry a port); Nix 2.4 and later"
        + " accept it in brackets. " + standIn(), "Nix 2.31.0, 2.31.1");
  }

  /** Brackets are taken off before ssh from Nix 2.4 on (PR #4319); a port in a store URI counts from 2.31 on. */
  private static Reading bracketedIpv6(StoreUri uri) {
    boolean port = uri.port().isPresent();
    return new Reading("builder " + uri.host() + " of " + uri + " is an IPv6 address in brackets, which Nix 2.4 and later"
        + " accept (NixOS/nix#13937: Nix 2.31.0 and 2.31.1 reject one without brackets)"
        + (port ? "; the port counts from Nix 2.31 on, older Nix hands ssh '" + uri.host() + ":" + uri.port().get()
            + "' as the host" : "") + ". " + standIn(), port ? "Nix < 2.31" : "");
  }

  private static String standIn() {
    return "dispatchcheck cannot stand in for a builder named by an IP address (a stand-in answers to a host name on"
        + " the farm's network), so " + NOT_STOOD_IN;
  }

  /** NixOS/nix#14000; what a machines line becomes is libstore/machines.cc's ssh:// prefix, read by each version's parser. */
  private static Reading withoutSlashes(StoreUri uri) {
    String scheme = uri.schemeWithoutSlashes().orElseThrow();
    String fix = " Write " + scheme + "://…; dispatchcheck does not stand in for this line, so " + NOT_STOOD_IN;
    if (uri.opened().equals(uri.written())) {
      return new Reading("store URI '" + uri + "' has no '//': holding a '/', it is opened as written, and every Nix"
          + " version reads it as " + scheme + "://" + uri.written().substring(scheme.length() + 1) + " without a word"
          + " (NixOS/nix#14000)." + fix, "all");
    }
    String hostPort = uri.host() + ":" + uri.port().orElse(""); // ssh:HOST is the host ssh at the port HOST
    return new Reading("store URI '" + uri + "' has no '//': Nix takes a machines line's URI without '://' for a host"
        + " and prepends ssh://, so this is " + uri.opened() + ", the host '" + uri.host() + "' at port '"
        + uri.port().orElse("") + "', not the host after the ':': Nix 2.31 and later reject it (`Cannot parse Nix store '"
        + uri.opened() + "'`, and builds fail), older Nix hands ssh the host '//" + hostPort + "', which it cannot"
        + " resolve. Where Nix opens a store URI itself (--store, substituters) it reads " + scheme + ":HOST as " + scheme
        + "://HOST without a word (NixOS/nix#14000)." + fix, "all");
  }

  /** libstore/globals.cc (kvm in the default system-features) and the sandbox's /dev, the same in 2.8, 2.26 and 2.34. */
  private static Reading kvm(StoreUri uri) {
    return new Reading(uri + " claims the feature kvm: Nix matches kvm against a build's requiredSystemFeatures like any"
        + " feature name, without asking the builder; a builder's own Nix lists kvm in its default system-features only"
        + " where /dev/kvm is accessible, and then puts /dev/kvm in every build's sandbox (Nix 2.32 and later warn when"
        + " system-features name kvm without /dev/kvm), so a builder that claims kvm must have /dev/kvm. The stand-ins"
        + " have none: a kvm cell says where dispatch sends the build, not that it runs with KVM", "all");
  }

  /** A machines file in Lix's TOML format: what Nix makes of it, and that its builders are not stood in. */
  static String lixToml() {
    return "a machines file in Lix's TOML format (Lix 2.95 and later: `version = 1`, `[machines.NAME]` tables), which Nix"
        + " does not read: it takes each line for a machine line, and from 2.23 on rejects the builders value at a"
        + " `[machines.NAME]` line (`Cannot parse Nix store 'ssh://[machines.NAME]'`). dispatchcheck runs Nix, not Lix:"
        + " it recognises the file but does not stand in its builders, and every cell of a user whose builders value"
        + " reaches it is not stood in";
  }
}
