package dev.tracekit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image of one of the project's applications (collector, demo services), built from its
 * module's Dockerfile and runnable jar (the only files its .dockerignore lets into the build
 * context) on {@link Project#baseImage()}.
 */
final class ModuleImage {

  private ModuleImage() {}

  /** An image tagged {@code tracekit-test/<module>:<random>}, built when a container first needs it. */
  static ImageFromDockerfile of(String module) {
    Path dir = Project.module(module);
    List<Path> jars = runnableJars(dir.resolve("target"));
    if (jars.isEmpty()) {
      throw new IllegalStateException("No runnable jar in " + dir.resolve("target")
          + ": the Docker tests run after the package phase (mvn verify), or package the module first");
    }
    ImageFromDockerfile image = new ImageFromDockerfile(tag(module), true)
        .withFileFromPath("Dockerfile", dir.resolve("Dockerfile"))
        .withBuildArg("BASE_IMAGE", Project.baseImage());
    jars.forEach(jar -> image.withFileFromPath("target/" + jar.getFileName(), jar));
    return image;
  }

  static String tag(String module) {
    return "tracekit-test/" + module + ":" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** What the Dockerfiles copy: target/*-SNAPSHOT.jar, the repackaged jar (not *-classes.jar). */
  private static List<Path> runnableJars(Path target) {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-SNAPSHOT.jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
