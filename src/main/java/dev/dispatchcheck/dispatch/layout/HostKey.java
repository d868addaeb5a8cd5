package dev.dispatchcheck.dispatch.layout;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The host-key column of a machines line: base64 of the builder's public host key, which Nix
 * decodes and hands to ssh as a known_hosts entry.
 *
 * @param decodes whether it is base64 at all (Nix rejects the line otherwise)
 * @param looksLikeKey whether what it decodes to is an OpenSSH public key: a line such as
 *     {@code ssh-ed25519 AAAA...}, or the bare {@code AAAA...} key
 */
public record HostKey(String base64, boolean decodes, boolean looksLikeKey) {

  private static final Pattern KEY_LINE = Pattern.compile(
      "(?:(?:ssh|sk-ssh|sk-ecdsa|ecdsa)-[A-Za-z0-9@.-]+\\s+)?AAAA[A-Za-z0-9+/]+={0,2}(?:\\s.*)?", Pattern.DOTALL);

  public static HostKey of(String base64) {
    byte[] bytes;
    try {
      bytes = decode(base64);
    } catch (IllegalArgumentException e) {
      return new HostKey(base64, false, false);
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    return new HostKey(base64, true, KEY_LINE.matcher(text).matches());
  }

  /** Like Nix's decoder, stops at the first '=' and so does not insist on padding. */
  private static byte[] decode(String s) {
    int eq = s.indexOf('=');
    String body = eq >= 0 ? s.substring(0, eq) : s;
    return Base64.getDecoder().decode(body + "===".substring(0, (4 - body.length() % 4) % 4));
  }
}
