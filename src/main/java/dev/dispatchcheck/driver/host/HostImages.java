package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.run.NixVersion;
import dev.dispatchcheck.run.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.engine.Engine;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The host image of a Nix version, built from {@code containers/nix-host} on top of that
 * version's Debian base image. Its tag carries a digest of the build context and the base
 * image, so Docker itself remembers what is built: an unchanged image is found, never
 * rebuilt, and a changed Dockerfile gets a new tag.
 */
public final class HostImages {
  private final RunSettings settings;

  public HostImages(RunSettings settings) {
    this.settings = settings;
  }

  public String imageFor(NixVersion version) {
    String base = settings.baseImage(version);
    Path context = settings.containersDir().resolve("nix-host");
    if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
      throw new IllegalStateException("no Dockerfile at " + context.toAbsolutePath()
          + ": the project's resources are incomplete (rebuild the jar: mvn package)");
    }
    var docker = DockerClientFactory.instance().client();
    String baseId;
    try {
      baseId = Engine.ask("inspect the image " + base, () -> docker.inspectImageCmd(base).exec().getId());
    } catch (HarnessError wedged) {
      throw wedged;
    } catch (RuntimeException e) {
      throw new IllegalStateException("base image '" + base + "' is missing. Either build it offline: from a clone of"
          + " dispatchcheck, as root on Debian, run './dispatchcheck provision --matrix \"" + version.label() + "/"
          + version.label() + "\"' (mmdebstrap from the machine's apt mirror); or, with a registry, pull"
          + " debian:" + version.debianSuite() + " (docker pull, or that command with"
          + " DISPATCHCHECK_BASE_IMAGE_PREFIX=debian) and run with DISPATCHCHECK_BASE_IMAGE_PREFIX=debian", e);
    }
    String tag = "dispatchcheck/nix-host:" + version.debianSuite() + "-" + digest(context, baseId);
    try {
      Engine.ask("inspect the image " + tag, () -> docker.inspectImageCmd(tag).exec());
      return tag;
    } catch (HarnessError wedged) {
      throw wedged;
    } catch (RuntimeException absent) {
      settings.progress().say("building host image %s (Nix %s, FROM %s)", tag, version.label(), base);
      long t0 = System.nanoTime();
      // forceRm: a step that fails would otherwise leave its container behind, stopped.
      Engine.build("build the image " + tag, () -> new ImageFromDockerfile(tag, false).withFileFromPath(".", context)
          .withBuildArg("BASE_IMAGE", base).withBuildImageCmdModifier(cmd -> cmd.withForcerm(true)).get());
      settings.progress().say("host image %s ready in %.1f s", tag, (System.nanoTime() - t0) / 1e9);
      return tag;
    }
  }

  private static String digest(Path context, String baseId) {
    try (Stream<Path> files = Files.walk(context)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(baseId.getBytes());
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        md.update(context.relativize(p).toString().getBytes());
        md.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
