package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.run.NixVersion;

import dev.dispatchcheck.run.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The host image, built from {@code containers/nix-host} through Testcontainers once per
 * JVM and kept afterwards (Docker's layer cache makes later builds near-instant).
 */
public final class HostImage {
  private static final Map<String, String> BUILT = new ConcurrentHashMap<>();

  private HostImage() {}

  /** The host image for {@code version}, built on first use. */
  public static String nixHost(NixVersion version) {
    return BUILT.computeIfAbsent(version.baseImage(), HostImage::build);
  }

  private static String build(String base) {
    Path context = Path.of(System.getProperty("dispatchcheck.containers", "containers"), "nix-host");
    if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
      throw new IllegalStateException("no Dockerfile at " + context.toAbsolutePath()
          + ": run from the project's top level (or set -Ddispatchcheck.containers)");
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(base).exec();
    } catch (RuntimeException e) {
      throw new IllegalStateException("base image '" + base + "' is missing: run "
          + "'./dispatchcheck provision' (builds it offline), or set DISPATCHCHECK_BASE_IMAGE_PREFIX", e);
    }
    String tag = "dispatchcheck/nix-host:" + base.replaceAll("[^a-zA-Z0-9_.-]", "-");
    Progress.say("building host image %s from %s (FROM %s)", tag, context, base);
    long t0 = System.nanoTime();
    String id = new ImageFromDockerfile(tag, false)
        .withFileFromPath(".", context)
        .withBuildArg("BASE_IMAGE", base)
        .get();
    Progress.say("host image %s ready in %.1f s", tag, (System.nanoTime() - t0) / 1e9);
    return tag;
  }
}
