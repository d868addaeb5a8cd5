package dev.dispatchcheck.run;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Nix versions a host can run: Debian's nix-bin of one release each. The version
 * picks the Debian suite the host image is built from.
 */
public enum NixVersion {
  V2_8("2.8", "bookworm"),
  V2_26("2.26", "trixie");

  private final String label;
  private final String debianSuite;

  NixVersion(String label, String debianSuite) {
    this.label = label;
    this.debianSuite = debianSuite;
  }

  public String label() {
    return label;
  }

  public String debianSuite() {
    return debianSuite;
  }

  /**
   * The plain Debian image to build FROM: the launcher's offline one by default, or, with
   * a registry, e.g. DISPATCHCHECK_BASE_IMAGE_PREFIX=debian for debian:bookworm.
   */
  public String baseImage() {
    String prefix = System.getenv("DISPATCHCHECK_BASE_IMAGE_PREFIX");
    return (prefix == null || prefix.isBlank() ? "dispatchcheck/debian" : prefix) + ":" + debianSuite;
  }

  /** Accepts "2.8", "2.8.0", "2.26", "2.26.3". */
  public static NixVersion of(String text) {
    for (NixVersion v : values()) {
      if (text.equals(v.label) || text.startsWith(v.label + ".")) return v;
    }
    throw new IllegalArgumentException("unknown Nix version '" + text + "'; known: "
        + Arrays.stream(values()).map(NixVersion::label).collect(Collectors.joining(", ")));
  }

  /** The version a system property names, e.g. -Ddispatchcheck.agent.nix=2.26; 2.8 when unset. */
  public static NixVersion fromProperty(String property) {
    return of(System.getProperty(property, V2_8.label));
  }
}
