package dev.tracekit.testcontainers;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * An image built from a module's Dockerfile and its runnable jar. The build context holds
 * just those two (what the module's {@code .dockerignore} lets through), so no file of the
 * source tree is sent to Docker.
 */
final class JarImage {

  private JarImage() {}

  static ImageFromDockerfile build(Path moduleDir, String name, String baseImage) {
    Path dockerfile = moduleDir.resolve("Dockerfile");
    if (!Files.isRegularFile(dockerfile)) {
      throw new IllegalArgumentException("No Dockerfile in " + moduleDir.toAbsolutePath().normalize());
    }
    List<Path> jars = runnableJars(moduleDir.resolve("target"));
    if (jars.isEmpty()) {
      throw new IllegalStateException("No runnable jar (target/*-SNAPSHOT.jar) in " + moduleDir.toAbsolutePath().normalize()
          + ": package the module first, e.g. mvn -DskipTests package -pl " + moduleDir.getFileName() + " -am");
    }
    String tag = "tracekit-test/" + name.toLowerCase(Locale.ROOT) + ":" + UUID.randomUUID().toString().substring(0, 8);
    // Not deleteOnExit: the container removes it (see remove), which works without Ryuk.
    ImageFromDockerfile image = new ImageFromDockerfile(tag, false).withFileFromPath("Dockerfile", dockerfile);
    for (Path jar : jars) {
      image.withFileFromPath("target/" + jar.getFileName(), jar);
    }
    return baseImage == null ? image : image.withBuildArg("BASE_IMAGE", baseImage);
  }

  /**
   * Removes an image built by {@link #build} (if it was built). Done by hand: Ryuk, which would
   * do it, cannot run everywhere (no registry to pull it from), and shutdown hooks do not run
   * when a build is killed.
   */
  static void remove(String image) {
    try {
      DockerClientFactory.instance().client().removeImageCmd(image).withForce(true).exec();
    } catch (NotFoundException e) {
      // Never built, or already removed.
    }
  }

  /** The Dockerfiles copy {@code target/*-SNAPSHOT.jar}: the repackaged jar, not *-classes.jar or *.original. */
  private static List<Path> runnableJars(Path target) {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-SNAPSHOT.jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + target, e);
    }
  }
}
